// Σ_j A_jk² per active column (squared norms of coefficients), to the arena at col0.x.
//   A  coefs, pPad × K float32
// Composed after reductions/tree.wgsl. Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> A: array<f32>;
@group(0) @binding(3) var<storage, read_write> arena: array<f32>;

@compute @workgroup_size(64)
fn squares(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  var s = 0.0;
  for (var j = lid; j < params.rows; j += 64u) {
    let a = A[j * params.kStride + k];
    s += a * a;
  }
  let total = tree_sum(lid, vec4<f32>(s, 0.0, 0.0, 0.0));
  if (lid == 0u) { arena[params.col0.x + k] = total.x; }
}
