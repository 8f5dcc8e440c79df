// Shared by every kernel: the per-dispatch parameters and the active-column list.
// Layouts (float32; K padded to kStride = roundup(K + 1, 4), the last column a scratch column):
//   samples  nPad × K, element (i, k) at i·kStride + k (rows past nSamples: weight 0)
//   coefs    pPad × K, element (j, k) at j·kStride + k; row nFeatures the intercept, rows past it 0
//   columns  views into one arena buffer, column k at an offset (params.col*) + k
//   X̃₁ block blockRows × pPad, column-major: X̃ (unusable features 0), then the ones column of
//            the intercept (0 without one), then zero columns; rows past nSamples 0
//   gram     size × size per column, column-major, column k's matrix at k·size² (not strided)
//   features a working set: u32 feature indices (nFeatures: the ones column), ascending, padded
//            with NONE to a multiple of 64 (the Gram kernels read mPad = roundup(size, 32) of them)

struct Params {
  rows: u32,        // rows of the buffers the op walks (nPad or pPad)
  kStride: u32,     // floats between consecutive rows of a samples or coefs buffer
  nActive: u32,     // active columns; slots at and past nActive hold NONE
  blockRows: u32,   // products: rows of the bound X̃₁ block (a multiple of 64)
  rowBase: u32,     // products: global row of the block's first row
  tileBase: u32,    // products: first row tile (forward) or chunk of the block (backward) of this dispatch
  chunkRows: u32,   // backward, sample reductions: rows per chunk
  chunkBase: u32,   // backward: global chunk index of this dispatch's first chunk
  nChunks: u32,     // reductions over chunks: how many
  pPad: u32,        // rows of a coefs buffer
  flags: u32,       // op-specific switches
  outputs: u32,     // reductions over chunks: values per chunk and column
  scalar0: f32,     // op-specific scalars
  scalar1: f32,
  scalar2: f32,
  size: u32,        // Newton ops: features in the working-set list (m), the Gram matrices' size
  col0: vec4<u32>,  // arena offsets of the op's columns arguments
  col1: vec4<u32>,
  col2: vec4<u32>,
  maxSweeps: u32,   // gramSolve: most coordinate-descent sweeps
  slotBase: u32,    // weightedGram: first active slot of this dispatch's group of columns
  nSamples: u32,    // sparse products: the problem's samples and features (products/sparse-*.wgsl)
  nFeatures: u32,
}

const NONE: u32 = 0xffffffffu;
/**
 * flags bit of the ops that weigh samples or penalize coefficients: one problem per column (CV
 * folds) with its own sample weights and penalty scales (samples/column-weights.wgsl,
 * coefs/column-scales.wgsl); the ops' own flags use the bits below it.
 */
const COLUMN_PROBLEMS: u32 = 4u;
/** Largest finite float32: infinite bounds are stored as ±F32_MAX (no inf arithmetic in WGSL). */
const F32_MAX: f32 = 3.4028234e38;

@group(0) @binding(0) var<uniform> params: Params;
/** Active column indices, ascending, padded with NONE. */
@group(0) @binding(1) var<storage, read> activeColumns: array<u32>;

/** The column of a slot; padding slots map to the scratch column, whose values nobody reads. */
fn column(slot: u32) -> u32 {
  let k = activeColumns[slot];
  return select(k, params.kStride - 1u, k == NONE);
}
