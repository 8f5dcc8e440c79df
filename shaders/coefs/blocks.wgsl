// The blocks of a grouped penalty (src/solvers/penalty-units.ts: penaltyBlocks), for the
// kernels that walk a column block by block (coefs/*-blocks.wgsl): every coefficient row is in
// exactly one block.
//   blockRows  u32: entries 0 … nBlocks are offsets into this same array, block b's rows at
//              blockRows[blockRows[b] … blockRows[b + 1])
//   levels     nBlocks vec4 (l1Unit, l2Unit, wUnit, open): the block's levels per unit λ, and
//              open = 0 for a block whose rows stay 0 (unusable features; the intercept without one)
// The block API it composes is the penalty's twin (penalties/group-lasso.wgsl or
// sparse-group-lasso.wgsl): group_soft, group_shrink, group_value, group_residual,
// group_distance. One invocation walks a whole block (two passes: its norm, then its rows).

/** Block b's levels at λ: (l1, l2, w), and whether its rows move. */
struct BlockLevels {
  l1: f32,
  l2: f32,
  w: f32,
  open: bool,
}

fn block_levels(unit: vec4<f32>, lambda: f32) -> BlockLevels {
  return BlockLevels(lambda * unit.x, lambda * unit.y, lambda * unit.z, unit.w > 0.0);
}
