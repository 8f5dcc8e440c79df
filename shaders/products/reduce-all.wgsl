// The rows of G that products/backward-reduce.wgsl writes: every row, in order (the tiles of
// backward.wgsl walked features-all.wgsl). The twin of reduce-listed.wgsl.

/** The coefficient row of the d-th walked feature. */
fn reduced_row(d: u32) -> u32 {
  return d;
}
