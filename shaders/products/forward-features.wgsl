// η = X̃_S·B_S over one row block, for the active columns: the product of products/forward.wgsl
// restricted to a working set S of gathered columns of X̃₁ (a proximal Newton step's move of η).
// The same tile and the same entry point: composed before products/forward-store.wgsl in
// place of forward.wgsl.
//   X̃₁ block  blockRows × pPad float32, column-major
//   B         coefs, pPad × K float32 (rows of S are read, the rest is ignored)
//   features  the working set: u32 feature indices (nFeatures: the ones column), NONE past size
// A workgroup computes a 64-row × 16-column tile of η, each invocation 4 rows × 4 columns; per
// step of 16 listed features, X̃₁'s 64 × 16 tile of gathered columns and B's 16 × 16 tile of the
// same rows (padding entries load zeros). Dispatch: (row tiles, ceil(nActive / 16)).

@group(0) @binding(2) var<storage, read> X: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> B: array<f32>;
@group(0) @binding(5) var<storage, read> features: array<u32>;

const FORWARD_ROWS: u32 = 64u;
const FORWARD_COLUMNS: u32 = 16u;
const FORWARD_DEPTH: u32 = 16u;

/** X̃₁ tile: [listed feature d][row quad q] at d·16 + q. */
var<workgroup> xTile: array<vec4<f32>, 256>;
/** B tile: [listed feature d][column quad c] at d·4 + c. */
var<workgroup> bTile: array<vec4<f32>, 64>;

/** One invocation's share of a tile: rows row..row+3 (global) of the columns of slots slot..slot+3. */
struct ForwardTile {
  row: u32,
  slot: u32,
  c0: vec4<f32>,
  c1: vec4<f32>,
  c2: vec4<f32>,
  c3: vec4<f32>,
}

/** η for this invocation's 4 × 4 outputs; called by all 64 invocations (it has barriers). */
fn forward_tile(lid: u32, wid: vec3<u32>) -> ForwardTile {
  let rowQuad = lid % 16u;
  let columnQuad = lid / 16u;
  let tileRow = (params.tileBase + wid.x) * FORWARD_ROWS;
  let slot0 = wid.y * FORWARD_COLUMNS;
  let loadSlot = slot0 + (lid % 4u) * 4u;
  let loadColumns = vec4<u32>(column(loadSlot), column(loadSlot + 1u), column(loadSlot + 2u), column(loadSlot + 3u));
  let rowQuads = params.blockRows / 4u;
  let tileQuad = tileRow / 4u;
  let depth = (params.size + FORWARD_DEPTH - 1u) / FORWARD_DEPTH * FORWARD_DEPTH;
  let zero = vec4<f32>(0.0);
  var a0 = zero;
  var a1 = zero;
  var a2 = zero;
  var a3 = zero;
  for (var d0 = 0u; d0 < depth; d0 += FORWARD_DEPTH) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + 64u * t;
      let f = features[d0 + e / 16u];
      xTile[e] = select(zero, X[select(f, 0u, f == NONE) * rowQuads + tileQuad + e % 16u], f != NONE);
    }
    let f = features[d0 + lid / 4u];
    let bRow = select(f, 0u, f == NONE) * params.kStride;
    let b = vec4<f32>(B[bRow + loadColumns.x], B[bRow + loadColumns.y], B[bRow + loadColumns.z], B[bRow + loadColumns.w]);
    bTile[lid] = select(zero, b, f != NONE);
    workgroupBarrier();
    for (var d = 0u; d < FORWARD_DEPTH; d++) {
      let x = xTile[d * 16u + rowQuad];
      let bq = bTile[d * 4u + columnQuad];
      a0 += x * bq.x;
      a1 += x * bq.y;
      a2 += x * bq.z;
      a3 += x * bq.w;
    }
    workgroupBarrier();
  }
  return ForwardTile(params.rowBase + tileRow + rowQuad * 4u, slot0 + columnQuad * 4u, a0, a1, a2, a3);
}
