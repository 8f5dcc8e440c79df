// Partial weighted Gram matrices Q = X̃_Sᵀ diag(h) X̃_S over chunks of rows of one row block, for
// the working set S (gathered columns of X̃₁) and a group of active columns: the curvature of a
// proximal Newton step. products/gram-reduce.wgsl adds the chunks and mirrors the triangle.
//   X̃₁ block  blockRows × pPad float32, column-major
//   features  the working set: mPad u32 feature indices, NONE past size (common.wgsl)
//   h         samples, nPad × K float32 (the block's rows start at rowBase): column k's weights;
//             with flags SHARED_WEIGHTS one slot, Q's column 0, from h's column 0 (kStride 1: the
//             nPad weights wn)
//   partial   nChunks × slots × mPad × mPad float32: chunk c, slot s at (c·slots + s)·mPad², entry
//             (a, b) at a·mPad + b, written for the lower triangle of 32 × 32 tiles only (a's tile
//             ≥ b's tile)
// A workgroup computes one 32 × 32 tile (a-features × b-features) of one slot's Q over one chunk;
// each invocation 4 × 4 entries in registers. Per step of 16 rows: the a and b tiles of X̃₁ (vec4
// loads along the rows of the gathered columns, transposed into feature quads in workgroup
// memory; padding features load zeros) and the 16 weights. Q is symmetric: only tiles on or below
// the diagonal are dispatched, about half the work. Chunks are multiples of 16 rows: no bounds
// checks inside. Dispatch: (tiles·(tiles + 1)/2, slots of the group, chunks of this dispatch).

@group(0) @binding(2) var<storage, read> X: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> features: array<u32>;
@group(0) @binding(4) var<storage, read> h: array<f32>;
@group(0) @binding(5) var<storage, read_write> partial: array<vec4<f32>>;

/** flags bit: the shared weights wn (one Gram matrix for every column: the squared loss). */
const SHARED_WEIGHTS: u32 = 1u;
const GRAM_TILE: u32 = 32u;
const GRAM_DEPTH: u32 = 16u;

/** a tile (weights applied in the product), b tile: [row r][feature quad q] at r·8 + q. */
var<workgroup> aTile: array<vec4<f32>, 128>;
var<workgroup> bTile: array<vec4<f32>, 128>;
var<workgroup> hTile: array<f32, 16>;

/** Tile row ta ≥ column tb of the lower triangle's t-th tile (t = ta·(ta + 1)/2 + tb). */
fn triangle_tile(t: u32) -> vec2<u32> {
  var ta = u32((sqrt(8.0 * f32(t) + 1.0) - 1.0) * 0.5);
  // The float estimate may be one off either way.
  if ((ta + 1u) * (ta + 2u) / 2u <= t) { ta += 1u; }
  if (ta * (ta + 1u) / 2u > t) { ta -= 1u; }
  return vec2<u32>(ta, t - ta * (ta + 1u) / 2u);
}

/** The X̃₁ column index of working-set entry e (0 for padding, whose loads select zero). */
fn gathered(e: u32) -> u32 {
  let f = features[e];
  return select(f, 0u, f == NONE);
}

/** Rows r0 + 4q .. + 3 of one gathered column into a tile: one vec4 spread over four tile rows. */
fn load_quad(tile: ptr<workgroup, array<vec4<f32>, 128>>, f: u32, q: u32, v: vec4<f32>) {
  let at = (q * 4u) * 8u + f / 4u;
  let lane = f % 4u;
  (*tile)[at][lane] = v.x;
  (*tile)[at + 8u][lane] = v.y;
  (*tile)[at + 16u][lane] = v.z;
  (*tile)[at + 24u][lane] = v.w;
}

@compute @workgroup_size(64)
fn weighted_gram(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let sharedWeights = (params.flags & SHARED_WEIGHTS) != 0u;
  let mPad = (params.size + GRAM_TILE - 1u) / GRAM_TILE * GRAM_TILE;
  let tile = triangle_tile(wid.x);
  let a0 = tile.x * GRAM_TILE;
  let b0 = tile.y * GRAM_TILE;
  let slot = params.slotBase + wid.y;
  let k = column(slot); // unused with SHARED_WEIGHTS
  // This invocation's loads: entries lid and lid + 64 of the 32 features × 4 row quads of each tile.
  let f0 = lid / 4u;
  let f1 = f0 + 16u;
  let q = lid % 4u;
  let ea0 = features[a0 + f0] != NONE;
  let ea1 = features[a0 + f1] != NONE;
  let eb0 = features[b0 + f0] != NONE;
  let eb1 = features[b0 + f1] != NONE;
  let rowQuads = params.blockRows / 4u;
  let ca0 = gathered(a0 + f0) * rowQuads;
  let ca1 = gathered(a0 + f1) * rowQuads;
  let cb0 = gathered(b0 + f0) * rowQuads;
  let cb1 = gathered(b0 + f1) * rowQuads;
  let aQuad = lid % 8u;
  let bQuad = lid / 8u;
  let rowStart = (params.tileBase + wid.z) * params.chunkRows;
  let rowEnd = min(rowStart + params.chunkRows, params.blockRows);
  let zero = vec4<f32>(0.0);
  var acc0 = zero;
  var acc1 = zero;
  var acc2 = zero;
  var acc3 = zero;
  for (var r0 = rowStart; r0 < rowEnd; r0 += GRAM_DEPTH) {
    let quad = r0 / 4u + q;
    load_quad(&aTile, f0, q, select(zero, X[ca0 + quad], ea0));
    load_quad(&aTile, f1, q, select(zero, X[ca1 + quad], ea1));
    load_quad(&bTile, f0, q, select(zero, X[cb0 + quad], eb0));
    load_quad(&bTile, f1, q, select(zero, X[cb1 + quad], eb1));
    if (lid < GRAM_DEPTH) {
      let i = params.rowBase + r0 + lid;
      if (sharedWeights) { hTile[lid] = h[i * params.kStride]; } else { hTile[lid] = h[i * params.kStride + k]; }
    }
    workgroupBarrier();
    for (var r = 0u; r < GRAM_DEPTH; r++) {
      let a = aTile[r * 8u + aQuad] * hTile[r];
      let b = bTile[r * 8u + bQuad];
      acc0 += a.x * b;
      acc1 += a.y * b;
      acc2 += a.z * b;
      acc3 += a.w * b;
    }
    workgroupBarrier();
  }
  // Entries (a0 + 4·aQuad + i, b0 + 4·bQuad .. + 3): one vec4 per a-feature.
  let base = ((params.chunkBase + wid.z) * params.nActive + wid.y) * mPad * mPad;
  let a = a0 + aQuad * 4u;
  let b = b0 + bQuad * 4u;
  let quads = mPad / 4u;
  let at = (base + a * mPad + b) / 4u;
  partial[at] = acc0;
  partial[at + quads] = acc1;
  partial[at + 2u * quads] = acc2;
  partial[at + 3u * quads] = acc3;
}
