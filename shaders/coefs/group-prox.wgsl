// The multinomial grouped penalty's proximal step across the C = params.size classes of a
// feature (the columns of one λ adjacent), per active column, with the sums FISTA's step test
// needs (the caller sums them over the group: columns/group-columns.wgsl):
//   v_c = Z_jc + t·G_jc,  out_jk = v_k·max(0, 1 − t·l1/‖v‖₂)/(1 + t·l2),  l1 = λ·l1Unit_j, l2 = λ·l2Unit_j;
//   rows whose penalty is (·, ·, 0, 0) (unusable features, padding, the intercept without one) 0;
//   the intercept's row (0, 0, −F32_MAX, F32_MAX) v_k. Twin: groupProxTwin (cpu-multinomial.ts).
//   Z, G, X, out  coefs, pPad × K float32 (X: the previous iterate, bound to Z when absent)
//   penalty       pPad vec4 (l1Unit, l2Unit, lower, upper), as coefs/prox-gradient.wgsl's
//   arena         step col0.x, λ col0.y; sums to col0.z, col0.w, col1.x
//   flags         bit 0: write the sums; bit 1: X is bound (else restartDot = 0)
// Composed after reductions/tree.wgsl. One workgroup per active column (each reads its group's C
// columns, writes its own). Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> Z: array<f32>;
@group(0) @binding(3) var<storage, read> G: array<f32>;
@group(0) @binding(4) var<storage, read> X: array<f32>;
@group(0) @binding(5) var<storage, read_write> out: array<f32>;
@group(0) @binding(6) var<storage, read> penalty: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read_write> arena: array<f32>;

@compute @workgroup_size(64)
fn group_prox(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let classes = params.size;
  let first = k - k % classes;
  let t = arena[params.col0.x + k];
  let lambda = arena[params.col0.y + k];
  let hasX = (params.flags & 2u) != 0u;
  var sums = vec4<f32>(0.0);
  for (var j = lid; j < params.rows; j += 64u) {
    let row = j * params.kStride;
    let p = penalty[j];
    var squares = 0.0;
    for (var c = 0u; c < classes; c++) {
      let v = Z[row + first + c] + t * G[row + first + c];
      squares += v * v;
    }
    let norm = sqrt(squares);
    let threshold = t * lambda * p.x;
    let open = !(p.z == 0.0 && p.w == 0.0) && norm > threshold;
    let shrink = select(0.0, (1.0 - threshold / max(norm, 1e-30)) / (1.0 + t * lambda * p.y), open);
    let at = row + k;
    let z = Z[at];
    let g = G[at];
    let b = shrink * (z + t * g);
    out[at] = b;
    let dz = b - z;
    sums.x += g * dz;
    sums.y += dz * dz;
    if (hasX) { sums.z -= dz * (b - X[at]); }
  }
  let total = tree_sum(lid, sums);
  if (lid == 0u && (params.flags & 1u) != 0u) {
    arena[params.col0.z + k] = total.x;
    arena[params.col0.w + k] = total.y;
    arena[params.col1.x + k] = total.z;
  }
}
