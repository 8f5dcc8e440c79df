// The features a product tile walks (products/forward.wgsl, backward.wgsl): a working set S
// gathered from a list (a proximal Newton step's move of η, η = X̃_S·B_S; PDHG's products on its
// working set). The twin of features-all.wgsl.
//   features  u32 feature indices (nFeatures: the ones column of the intercept), NONE past size
//             (padded to a multiple of 64, backward's tile)

@group(0) @binding(5) var<storage, read> features: array<u32>;

/** The listed features, rounded up to the tile's depth (16): the list is padded with NONE. */
fn product_depth() -> u32 {
  return (params.size + 15u) / 16u * 16u;
}

fn product_feature(d: u32) -> u32 {
  return features[d];
}
