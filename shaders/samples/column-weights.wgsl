// The weight of sample i in column k, for the kernels that declare `wn`: wn[i], or with one
// problem per column (flags COLUMN_PROBLEMS) element (i, k) of the samples buffer bound as wn
// (the column's w_i/n, 0 for the rows its problem leaves out).

fn sample_weight(i: u32, k: u32) -> f32 {
  if ((params.flags & COLUMN_PROBLEMS) != 0u) { return wn[i * params.kStride + k]; }
  return wn[i];
}
