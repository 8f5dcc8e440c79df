// The penalty scale q of coefficient row j in column k, for the kernels that declare `scales`:
// 1, or with one problem per column (flags COLUMN_PROBLEMS) element (j, k) of the coefs buffer
// bound as scales. The column's penalty is l1·q, l2·q², its coefficient fixed at 0 where q = 0
// (see BatchOps.columnProblems).

fn coefficient_scale(j: u32, k: u32) -> f32 {
  if ((params.flags & COLUMN_PROBLEMS) != 0u) { return scales[j * params.kStride + k]; }
  return 1.0;
}
