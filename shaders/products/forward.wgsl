// η = X̃₁·B over one row block of X̃₁, for the active columns: the first of the two products
// (predictors of every sample and λ column). A register-blocked, workgroup-tiled GEMM:
//   X̃₁ block  blockRows × pPad float32, column-major (vec4 = 4 consecutive rows of a feature)
//   B         coefs, pPad × K float32 (row-major in K, see common.wgsl)
//   η         samples, nPad × K float32: what the entry point does with it is its own file's
//             (forward-store.wgsl stores it; forward-smooth.wgsl also forms the loss terms)
// A workgroup computes a 64-row × 16-column tile of η; each invocation 4 rows × 4 columns in
// registers (16 accumulators). Per step of 16 features, X̃₁'s 64 × 16 tile (vec4 loads along the
// rows) and B's 16 × 16 tile (gathered through the active list) go to workgroup memory, so each
// X̃₁ value read from memory feeds 16 columns. pPad and blockRows are multiples of the tile, so
// the inner loop has no bounds checks. Dispatch: (row tiles, ceil(nActive / 16)).
// This file is the tile; which features it walks is products/features-all.wgsl (every one) or
// features-listed.wgsl (a gathered working set, padding rows read as zeros), composed before it;
// an entry point calls forward_tile and handles its 4 × 4 values.

@group(0) @binding(2) var<storage, read> X: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> B: array<f32>;

const FORWARD_ROWS: u32 = 64u;
const FORWARD_COLUMNS: u32 = 16u;
const FORWARD_DEPTH: u32 = 16u;

/** X̃₁ tile: [feature d][row quad q] at d·16 + q. */
var<workgroup> xTile: array<vec4<f32>, 256>;
/** B tile: [feature d][column quad c] at d·4 + c. */
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
  // This invocation's share of the B tile: feature lid / 4, columns of quad lid % 4.
  let loadSlot = slot0 + (lid % 4u) * 4u;
  let loadColumns = vec4<u32>(column(loadSlot), column(loadSlot + 1u), column(loadSlot + 2u), column(loadSlot + 3u));
  let rowQuads = params.blockRows / 4u;
  let tileQuad = tileRow / 4u;
  let zero = vec4<f32>(0.0);
  var a0 = zero;
  var a1 = zero;
  var a2 = zero;
  var a3 = zero;
  let depth = product_depth();
  for (var d0 = 0u; d0 < depth; d0 += FORWARD_DEPTH) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + 64u * t;
      let f = product_feature(d0 + e / 16u);
      xTile[e] = select(zero, X[select(f, 0u, f == NONE) * rowQuads + tileQuad + e % 16u], f != NONE);
    }
    let f = product_feature(d0 + lid / 4u);
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
