// The rows of G that products/backward-reduce.wgsl writes: the working set's (the tiles of
// backward.wgsl walked features-listed.wgsl), the others untouched. The twin of reduce-all.wgsl.
//   listedRows  the working set: u32 coefficient rows (nFeatures: the intercept), NONE past size

@group(0) @binding(4) var<storage, read> listedRows: array<u32>;

/** The coefficient row of the d-th walked feature; NONE for padding. */
fn reduced_row(d: u32) -> u32 {
  return listedRows[d];
}
