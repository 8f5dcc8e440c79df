// The KKT violation per active column: out[k] = max over rows of the subdifferential distance
// of G (minus the gradient) at B, with l1 = λ_k·l1Unit_j, l2 = λ_k·l2Unit_j; the intercept row
// gives |G|, unusable and padding rows 0 (lower = upper = 0 opens both sides).
//   G, B  coefs, pPad × K float32;  penalty  pPad vec4 (see prox-gradient.wgsl)
//   arena λ col0.x, out col0.y
//   scales with flags COLUMN_PROBLEMS: penalties scaled by q (coefs/column-scales.wgsl), the
//          distance divided by q (the column's own coordinates), rows with q = 0 skipped
// Composed after the penalty's twin (penalties/<spec>.wgsl: penalty_prox, …), reductions/tree.wgsl and coefs/column-scales.wgsl. Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> G: array<f32>;
@group(0) @binding(3) var<storage, read> B: array<f32>;
@group(0) @binding(4) var<storage, read> penalty: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> arena: array<f32>;
/** Read only with COLUMN_PROBLEMS (another buffer is bound otherwise). */
@group(0) @binding(6) var<storage, read> scales: array<f32>;

@compute @workgroup_size(64)
fn kkt(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let lambda = arena[params.col0.x + k];
  var worst = 0.0;
  for (var j = lid; j < params.rows; j += 64u) {
    let at = j * params.kStride + k;
    let p = penalty[j];
    let q = coefficient_scale(j, k);
    let d = subdifferential_distance(G[at], B[at], lambda * p.x * q, lambda * p.y * q * q, p.z, p.w);
    worst = max(worst, select(0.0, d / q, q > 0.0));
  }
  let total = tree_max(lid, vec4<f32>(worst, 0.0, 0.0, 0.0));
  if (lid == 0u) { arena[params.col0.y + k] = total.x; }
}
