// The proximal gradient step per coefficient and active column, with the sums FISTA's step
// test needs:  out = prox_{t·P}(Z + t·G), t = step[k], l1 = λ_k·l1Unit_j, l2 = λ_k·l2Unit_j;
//   gradDot[k] = ⟨G, out − Z⟩, stepSquared[k] = ‖out − Z‖², restartDot[k] = ⟨Z − out, out − X⟩.
//   Z, G, X, out  coefs, pPad × K float32 (X: the previous iterate, bound to Z when absent)
//   penalty       pPad vec4 (l1Unit, l2Unit, lower, upper); the intercept row (0, 0, ±F32_MAX)
//                 or (0, 0, 0, 0) without one; unusable and padding rows (0, 0, 0, 0)
//   arena         step col0.x, λ col0.y; sums to col0.z, col0.w, col1.x
//   flags         bit 0: write the sums; bit 1: X is bound (else restartDot = 0); COLUMN_PROBLEMS:
//                 per-column penalty scales (pPad × K float32, coefs/column-scales.wgsl)
// Composed after the penalty's twin (penalties/<spec>.wgsl: penalty_prox, …), reductions/tree.wgsl and coefs/column-scales.wgsl. One workgroup per active
// column: each invocation strides over the rows, then a tree sum. Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> Z: array<f32>;
@group(0) @binding(3) var<storage, read> G: array<f32>;
@group(0) @binding(4) var<storage, read> X: array<f32>;
@group(0) @binding(5) var<storage, read_write> out: array<f32>;
@group(0) @binding(6) var<storage, read> penalty: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read_write> arena: array<f32>;
/** Read only with COLUMN_PROBLEMS (another buffer is bound otherwise). */
@group(0) @binding(8) var<storage, read> scales: array<f32>;

@compute @workgroup_size(64)
fn prox_gradient(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let t = arena[params.col0.x + k];
  let lambda = arena[params.col0.y + k];
  let hasX = (params.flags & 2u) != 0u;
  var sums = vec4<f32>(0.0);
  for (var j = lid; j < params.rows; j += 64u) {
    let at = j * params.kStride + k;
    let p = penalty[j];
    let z = Z[at];
    let g = G[at];
    // q = 1 leaves the shared penalty unchanged (products with 1 are exact); q = 0 closes the box.
    let q = coefficient_scale(j, k);
    let open = q > 0.0;
    let b = penalty_prox(z + t * g, t, lambda * p.x * q, lambda * p.y * q * q, select(0.0, p.z, open), select(0.0, p.w, open));
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
