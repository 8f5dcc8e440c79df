// Partial G = X̃₁ᵀ·D over chunks of rows of one row block, for the active columns: the second
// of the two products (gradients of every coefficient and λ column), split along the samples
// so that long sums spread over many workgroups; backward-reduce.wgsl adds the chunks.
//   X̃₁ block  blockRows × pPad float32, column-major
//   D         samples, nPad × K float32 (the block's rows start at rowBase)
//   partial   nChunks × pPad × K float32: chunk c's sums for the tile's d-th feature at
//             (c·pPad + d)·kStride + k
// A workgroup computes a 64-feature × 16-column tile of one chunk; each invocation 4 features ×
// 4 columns in registers. Per step of 16 rows, X̃₁'s 16 × 64 tile (vec4 loads along the rows,
// transposed into feature quads in workgroup memory) and D's 16 × 16 tile (gathered through
// the active list). Chunks are multiples of 16 rows: no bounds checks inside.
// Which features the tiles walk is products/features-all.wgsl (every row of X̃₁, d = j) or
// features-listed.wgsl (a working set, d its position in the list, padding read as zeros),
// composed before this file. Dispatch: (features walked / 64, ceil(nActive / 16), chunks of
// this dispatch), the features walked pPad or the list rounded up to 64.

@group(0) @binding(2) var<storage, read> X: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> D: array<f32>;
@group(0) @binding(4) var<storage, read_write> partial: array<f32>;

const BACKWARD_FEATURES: u32 = 64u;
const BACKWARD_COLUMNS: u32 = 16u;
const BACKWARD_DEPTH: u32 = 16u;

/** X̃₁ tile: [row r][feature quad q] at r·16 + q. */
var<workgroup> xTile: array<vec4<f32>, 256>;
/** D tile: [row r][column quad c] at r·4 + c. */
var<workgroup> dTile: array<vec4<f32>, 64>;

fn store_features(j: u32, k: u32, chunk: u32, v: vec4<f32>) {
  let s = params.kStride;
  let base = chunk * params.pPad + j;
  partial[base * s + k] = v.x;
  partial[(base + 1u) * s + k] = v.y;
  partial[(base + 2u) * s + k] = v.z;
  partial[(base + 3u) * s + k] = v.w;
}

@compute @workgroup_size(64)
fn backward(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let featureQuad = lid % 16u;
  let columnQuad = lid / 16u;
  let feature0 = wid.x * BACKWARD_FEATURES;
  let slot0 = wid.y * BACKWARD_COLUMNS;
  let loadSlot = slot0 + (lid % 4u) * 4u;
  let loadColumns = vec4<u32>(column(loadSlot), column(loadSlot + 1u), column(loadSlot + 2u), column(loadSlot + 3u));
  let rowQuads = params.blockRows / 4u;
  let rowStart = (params.tileBase + wid.z) * params.chunkRows;
  let rowEnd = min(rowStart + params.chunkRows, params.blockRows);
  var a0 = vec4<f32>(0.0);
  var a1 = vec4<f32>(0.0);
  var a2 = vec4<f32>(0.0);
  var a3 = vec4<f32>(0.0);
  for (var r0 = rowStart; r0 < rowEnd; r0 += BACKWARD_DEPTH) {
    for (var t = 0u; t < 4u; t++) {
      // One vec4: rows r0 + 4·q .. +3 of feature f, spread over four rows of the tile.
      let e = lid + 64u * t;
      let f = e / 4u;
      let q = e % 4u;
      let row = product_feature(feature0 + f);
      let v = select(vec4<f32>(0.0), X[select(row, 0u, row == NONE) * rowQuads + r0 / 4u + q], row != NONE);
      let slot = f / 4u;
      let lane = f % 4u;
      xTile[(q * 4u) * 16u + slot][lane] = v.x;
      xTile[(q * 4u + 1u) * 16u + slot][lane] = v.y;
      xTile[(q * 4u + 2u) * 16u + slot][lane] = v.z;
      xTile[(q * 4u + 3u) * 16u + slot][lane] = v.w;
    }
    let dRow = (params.rowBase + r0 + lid / 4u) * params.kStride;
    dTile[lid] = vec4<f32>(D[dRow + loadColumns.x], D[dRow + loadColumns.y], D[dRow + loadColumns.z], D[dRow + loadColumns.w]);
    workgroupBarrier();
    for (var r = 0u; r < BACKWARD_DEPTH; r++) {
      let x = xTile[r * 16u + featureQuad];
      let d = dTile[r * 4u + columnQuad];
      a0 += x * d.x;
      a1 += x * d.y;
      a2 += x * d.z;
      a3 += x * d.w;
    }
    workgroupBarrier();
  }
  let chunk = params.chunkBase + wid.z;
  let j = feature0 + featureQuad * 4u;
  let s0 = slot0 + columnQuad * 4u;
  store_features(j, column(s0), chunk, a0);
  store_features(j, column(s0 + 1u), chunk, a1);
  store_features(j, column(s0 + 2u), chunk, a2);
  store_features(j, column(s0 + 3u), chunk, a3);
}
