// The group lasso with grpreg's ridge mixing, per block (group) of m coordinates, the WGSL twin
// of src/penalties/group-lasso.ts's block functions: at w = λ·α·v_g·√m and l2 = λ(1−α)·v_g,
//   P(β_g) = w·‖β_g‖₂ + ½·l2·‖β_g‖²      (l1 is unused: it is 0 in the group lasso's levels).
// A kernel striding over a block's rows reduces the block's sums first, then calls these per
// coordinate or once per block. The API is shared with penalties/sparse-group-lasso.wgsl (the
// same names and signatures), so that a program composes either:
//   prox_{t·P}(z):   v_i = group_soft(z_i, t, l1);  r = ‖v‖₂ (reduced);
//                    out_i = group_shrink(r, t, l1, l2, w) · v_i
//   P(b):            group_value(‖b‖₂, Σ|b_i|, l1, l2, w)
//   distance:        r = ‖b‖₂ (reduced);  e_i = group_residual(g_i, b_i, r, l1, l2, w);
//                    group_distance(Σ e_i², r, w) = ‖dist(g, ∂P(b))‖₂, 0 at the block's optimum
// (g is minus the smooth part's gradient). Here group_soft is the identity: the prox is group
// soft-thresholding, (1 − t·w/‖z‖)₊·z/(1 + t·l2). No bounds (the group penalties take none).

/** What the prox's norm is taken of, per coordinate: z itself (t and l1 unused). */
fn group_soft(u: f32, t: f32, l1: f32) -> f32 {
  return u;
}

/** The factor of each group_soft(z_i) in prox_{t·P}(z), given r = ‖z‖₂: (1 − t·w/r)₊/(1 + t·l2). */
fn group_shrink(norm: f32, t: f32, l1: f32, l2: f32, w: f32) -> f32 {
  return select(0.0, (1.0 - t * w / norm) / (1.0 + t * l2), norm > t * w);
}

/** P(b) from the block's ‖b‖₂ (absSum = Σ|b_i| unused): w·‖b‖ + ½·l2·‖b‖². */
fn group_value(norm: f32, absSum: f32, l1: f32, l2: f32, w: f32) -> f32 {
  return w * norm + 0.5 * l2 * norm * norm;
}

/**
 * Coordinate i's part of g − (∂P(b)'s nearest element), given norm = ‖b‖₂: g_i − l2·b_i −
 * w·b_i/‖b‖ off 0; at b = 0 (norm 0) g_i itself, group_distance then subtracting w from the norm.
 */
fn group_residual(g: f32, b: f32, norm: f32, l1: f32, l2: f32, w: f32) -> f32 {
  return select(g, g - l2 * b - w * b / norm, norm > 0.0);
}

/** The block's distance from Σ group_residual² and ‖b‖₂: √Σ, or (√Σ − w)₊ at b = 0. */
fn group_distance(residualSquares: f32, norm: f32, w: f32) -> f32 {
  let r = sqrt(residualSquares);
  return select(max(r - w, 0.0), r, norm > 0.0);
}
