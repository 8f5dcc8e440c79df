// One step of the power iteration for the step size: v ← v / ‖v‖ per active column (left as it
// is when ‖v‖ = 0). The products then give X̃₁ᵀ diag(wn) X̃₁ v.
//   v  coefs, pPad × K float32
// Composed after reductions/tree.wgsl. Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read_write> v: array<f32>;

@compute @workgroup_size(64)
fn normalize_columns(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  var s = 0.0;
  for (var j = lid; j < params.rows; j += 64u) {
    let a = v[j * params.kStride + k];
    s += a * a;
  }
  let total = tree_sum(lid, vec4<f32>(s, 0.0, 0.0, 0.0)).x;
  if (total > 0.0) {
    let scale = inverseSqrt(total);
    for (var j = lid; j < params.rows; j += 64u) { v[j * params.kStride + k] *= scale; }
  }
}
