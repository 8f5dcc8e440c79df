// The coefficients of a sparse product η = X̃₁·B with X̃ = (X − 1mᵀ)S⁻¹ never formed:
//   X̃₁·B = X·(S⁻¹B) + 1·(b0 − mᵀS⁻¹B),
// so per active column k this writes scaled_jk = B_jk / s_j (j < nFeatures) and, in the
// intercept's row, the shift b0_k − Σ_j m_j·B_jk/s_j that products/sparse-forward.wgsl adds to
// every sample. With flags LISTED only the working set's rows count (the others read as 0; the
// intercept's b0 only when it is listed): η = X̃_S·B_S for forwardFeatures.
//   B         coefs, pPad × K float32
//   centring  pPad vec2 float32: (m_j, 1/s_j), (0, 0) for unusable features and padding
//   scaled    coefs, pPad × K float32 (out)
//   features  the working set (LISTED): u32 coefficient rows, ascending, NONE past size
// One workgroup of 64 per active column (tree sum of the shift). Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> B: array<f32>;
@group(0) @binding(3) var<storage, read> centring: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> scaled: array<f32>;
@group(0) @binding(5) var<storage, read> features: array<u32>;

const LISTED: u32 = 1u;

/** Whether coefficient row j is in the working set (binary search of the ascending list). */
fn listed(j: u32) -> bool {
  var lo = 0u;
  var hi = params.size;
  while (lo < hi) {
    let mid = (lo + hi) / 2u;
    if (features[mid] < j) { lo = mid + 1u; } else { hi = mid; }
  }
  return lo < params.size && features[lo] == j;
}

fn counted(j: u32) -> bool {
  return (params.flags & LISTED) == 0u || listed(j);
}

@compute @workgroup_size(64)
fn sparse_coefs(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let s = params.kStride;
  var shift = 0.0;
  for (var j = lid; j < params.nFeatures; j += 64u) {
    let c = centring[j];
    let b = select(0.0, B[j * s + k] * c.y, counted(j));
    scaled[j * s + k] = b;
    shift += c.x * b;
  }
  let total = tree_sum(lid, vec4<f32>(shift, 0.0, 0.0, 0.0)).x;
  if (lid == 0u) {
    let p = params.nFeatures;
    scaled[p * s + k] = select(0.0, B[p * s + k], counted(p)) - total;
  }
}
