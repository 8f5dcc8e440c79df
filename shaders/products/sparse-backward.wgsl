// G = X̃₁ᵀ·D over one CSC column block of the raw X (products/sparse-entries.wgsl), for the
// active columns, the centring folded in: G_jk = (x_jᵀd_k − m_j·Σd_k)/s_j, and the intercept's row
// Σd_k (both sums from products/sparse-sums.wgsl, in the arena at col0.x + k). Walks the block's
// features (d = its line, and one more in the last block: the intercept's row), or with flags
// LISTED a working set (d = its position; only the listed features of this block, the intercept in
// the last block; every other row of G keeps its value).
//   D         samples, nPad × K float32;  G  coefs, pPad × K float32 (out)
//   centring  pPad vec2 float32: (m_j, 1/s_j), (0, 0) for unusable features (their G is 0)
//   features  the working set (LISTED): u32 coefficient rows, NONE past size
// A workgroup: 4 features × 16 active columns, one invocation per (feature, column) walking the
// column's entries. Dispatch: (feature quads of this dispatch, ceil(nActive / 16)), from quad tileBase.

@group(0) @binding(4) var<storage, read> D: array<f32>;
@group(0) @binding(5) var<storage, read_write> G: array<f32>;
@group(0) @binding(6) var<storage, read> centring: array<vec2<f32>>;
@group(0) @binding(7) var<storage, read> arena: array<f32>;
@group(0) @binding(8) var<storage, read> features: array<u32>;

const LISTED: u32 = 1u;

/** The coefficient row walked as d (NONE: none here). */
fn walked_row(d: u32) -> u32 {
  let last = params.rowBase + params.blockRows == params.nFeatures;
  if ((params.flags & LISTED) == 0u) {
    if (d < params.blockRows || (d == params.blockRows && last)) { return params.rowBase + d; }
    return NONE;
  }
  if (d >= params.size) { return NONE; }
  let j = features[d];
  let inBlock = j >= params.rowBase && j < params.rowBase + params.blockRows;
  return select(NONE, j, inBlock || (j == params.nFeatures && last));
}

@compute @workgroup_size(64)
fn sparse_backward(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let d = (params.tileBase + wid.x) * 4u + lid / 16u;
  let slot = wid.y * 16u + lid % 16u;
  if (slot >= params.nActive) { return; }
  let j = walked_row(d);
  if (j == NONE) { return; }
  let k = column(slot);
  let s = params.kStride;
  let sum = arena[params.col0.x + k];
  var g = sum;
  if (j < params.nFeatures) {
    let line = j - params.rowBase;
    var dot = 0.0;
    for (var e = line_start(line); e < line_end(line); e++) {
      dot += entry_value(e) * D[entry_position(e) * s + k];
    }
    let c = centring[j];
    g = c.y * (dot - c.x * sum);
  }
  G[j * s + k] = g;
}
