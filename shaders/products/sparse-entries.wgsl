// One block of a sparse X: a CSR row block (lines = rows, positions = features) or a CSC column
// block (lines = features, positions = rows) of the raw matrix, never centred or scaled (the
// kernels fold the centring in: products/sparse-*.wgsl).
//   sparseIndex   u32: entries 0 … blockRows are the block's line offsets (line d's entries are
//                 e = sparseIndex[d] … sparseIndex[d + 1] − 1), then entry e's position at
//                 blockRows + 1 + e (ascending within a line)
//   sparseValues  f32 per entry; with flags VALUES_ONE a 0/1 matrix stores none (every value 1)
// params.rowBase is the block's first line, params.blockRows its lines.

@group(0) @binding(2) var<storage, read> sparseIndex: array<u32>;
@group(0) @binding(3) var<storage, read> sparseValues: array<f32>;

/** flags bit: every stored value is 1 (sparseValues is a placeholder, never read). */
const VALUES_ONE: u32 = 2u;

fn line_start(d: u32) -> u32 {
  return sparseIndex[d];
}

fn line_end(d: u32) -> u32 {
  return sparseIndex[d + 1u];
}

fn entry_position(e: u32) -> u32 {
  return sparseIndex[params.blockRows + 1u + e];
}

fn entry_value(e: u32) -> f32 {
  if ((params.flags & VALUES_ONE) != 0u) { return 1.0; }
  return sparseValues[e];
}
