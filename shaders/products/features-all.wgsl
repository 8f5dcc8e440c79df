// The features a product tile walks (products/forward.wgsl, backward.wgsl): every row of X̃₁,
// in order. The twin of features-listed.wgsl; a product kernel is composed with exactly one of
// the two.

/** Rows of B the tile runs over (a multiple of its depth, 16). */
fn product_depth() -> u32 {
  return params.pPad;
}

/** The coefficient row (column of X̃₁) of the tile's d-th feature; NONE for padding. */
fn product_feature(d: u32) -> u32 {
  return d;
}
