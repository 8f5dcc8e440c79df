// A working set's columns of X̃₁ gathered dense from one CSC column block of the raw X
// (products/sparse-entries.wgsl): X̃_S over one row block, as products/gram.wgsl reads X̃₁ (the
// weighted Gram matrix of the set then runs on it with the list 0 … m − 1). Entry (i, d) is
// (x_ij − m_j)/s_j for the set's d-th row j of this column block (a binary search of row i among
// the column's entries), 1 for the intercept, 0 for padding entries and rows past nSamples (the
// last column block writes those).
//   centring  pPad vec2 float32: (m_j, 1/s_j), (0, 0) for unusable features
//   features  the working set: u32 coefficient rows, NONE past size (padded to mPad at least)
//   gathered  chunkRows × mPad float32, column-major: rows chunkBase … of the set's columns
// One invocation per (row, set entry). Dispatch: (ceil(chunkRows / 64), mPad).

@group(0) @binding(4) var<storage, read> centring: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read> features: array<u32>;
@group(0) @binding(6) var<storage, read_write> gathered: array<f32>;

/** The entry of `line` at row i, or 0 (binary search of the ascending rows). */
fn entry_at(line: u32, i: u32) -> f32 {
  var lo = line_start(line);
  var hi = line_end(line);
  while (lo < hi) {
    let mid = (lo + hi) / 2u;
    if (entry_position(mid) < i) { lo = mid + 1u; } else { hi = mid; }
  }
  return select(0.0, entry_value(lo), lo < line_end(line) && entry_position(lo) == i);
}

@compute @workgroup_size(64)
fn sparse_gather(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.x;
  let d = gid.y;
  if (r >= params.chunkRows || activeColumns[0] == 0xfffffffeu) { return; } // (the list is bound, never used)
  let i = params.chunkBase + r;
  let at = d * params.chunkRows + r;
  let last = params.rowBase + params.blockRows == params.nFeatures;
  let j = features[d];
  if (j == NONE || i >= params.nSamples) {
    if (last) { gathered[at] = 0.0; }
    return;
  }
  if (j == params.nFeatures) {
    if (last) { gathered[at] = 1.0; }
    return;
  }
  if (j < params.rowBase || j >= params.rowBase + params.blockRows) { return; }
  let c = centring[j];
  gathered[at] = (entry_at(j - params.rowBase, i) - c.x) * c.y;
}
