// The penalty's value per active column: out[k] = Σ_{j < rows} P_j(B_jk) at λ_k, l1 = λ_k·l1Unit_j·q,
// l2 = λ_k·l2Unit_j·q² (unusable features: 0, their penalty rows are 0; q = 0: 0), the twin of
// the float64 backend's penaltyValues (a proximal Newton line search's objective).
//   B        coefs, pPad × K float32 (rows = nFeatures: the intercept is not penalized)
//   penalty  pPad vec4 (l1Unit, l2Unit, lower, upper; see prox-gradient.wgsl)
//   arena    λ col0.x, out col0.y
//   scales   with flags COLUMN_PROBLEMS: per-column penalty scales (coefs/column-scales.wgsl)
// Composed after the penalty's twin (penalties/<spec>.wgsl: penalty_prox, …), reductions/tree.wgsl and coefs/column-scales.wgsl.
// One workgroup per active column: invocations stride over the rows, then a tree sum.
// Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> B: array<f32>;
@group(0) @binding(3) var<storage, read> penalty: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> arena: array<f32>;
/** Read only with COLUMN_PROBLEMS (another buffer is bound otherwise). */
@group(0) @binding(5) var<storage, read> scales: array<f32>;

@compute @workgroup_size(64)
fn penalty_values(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let lambda = arena[params.col0.x + k];
  var s = 0.0;
  for (var j = lid; j < params.rows; j += 64u) {
    let p = penalty[j];
    let q = coefficient_scale(j, k);
    s += penalty_value(B[j * params.kStride + k], lambda * p.x * q, lambda * p.y * q * q);
  }
  let total = tree_sum(lid, vec4<f32>(s, 0.0, 0.0, 0.0));
  if (lid == 0u) { arena[params.col0.y + k] = total.x; }
}
