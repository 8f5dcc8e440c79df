// The sparse group lasso (Simon, Friedman, Hastie and Tibshirani 2013), per block (group) of m
// coordinates, the WGSL twin of src/penalties/sparse-group-lasso.ts's block functions: at
// l1 = λ·α·v_g and w = λ(1−α)·v_g·√m,
//   P(β_g) = l1·‖β_g‖₁ + w·‖β_g‖₂      (l2 is unused: it is 0 in the sparse group's levels).
// A kernel striding over a block's rows reduces the block's sums first, then calls these per
// coordinate or once per block. The API is shared with penalties/group-lasso.wgsl (the same
// names and signatures), so that a program composes either:
//   prox_{t·P}(z):   v_i = group_soft(z_i, t, l1) = S(z_i, t·l1);  r = ‖v‖₂ (reduced);
//                    out_i = group_shrink(r, t, l1, l2, w) · v_i
//   P(b):            group_value(‖b‖₂, Σ|b_i|, l1, l2, w)
//   distance:        r = ‖b‖₂ (reduced);  e_i = group_residual(g_i, b_i, r, l1, l2, w);
//                    group_distance(Σ e_i², r, w) = ‖dist(g, ∂P(b))‖₂, 0 at the block's optimum
// (g is minus the smooth part's gradient). The prox is soft-thresholding then group shrinkage,
// S(z, t·l1)·(1 − t·w/‖S(z, t·l1)‖)₊. No bounds (the group penalties take none).

/** Soft-thresholding by t·l1: what the prox's norm is taken of, per coordinate. */
fn group_soft(u: f32, t: f32, l1: f32) -> f32 {
  let a = abs(u) - t * l1;
  return select(0.0, sign(u) * a, a > 0.0);
}

/** The factor of each group_soft(z_i) in prox_{t·P}(z), given r = ‖S(z, t·l1)‖₂: (1 − t·w/r)₊. */
fn group_shrink(norm: f32, t: f32, l1: f32, l2: f32, w: f32) -> f32 {
  return select(0.0, 1.0 - t * w / norm, norm > t * w);
}

/** P(b) from the block's ‖b‖₂ and absSum = Σ|b_i|: l1·Σ|b_i| + w·‖b‖. */
fn group_value(norm: f32, absSum: f32, l1: f32, l2: f32, w: f32) -> f32 {
  return l1 * absSum + w * norm;
}

/**
 * Coordinate i's part of the distance, given norm = ‖b‖₂: with t = g_i − w·b_i/‖b‖ (t = g_i at
 * b = 0), t − l1·sign(b_i) where b_i ≠ 0, else S(t, l1) (b_i = 0 takes any subgradient in
 * [−l1, l1]); at b = 0 the residuals are S(g, l1), group_distance then subtracting w.
 */
fn group_residual(g: f32, b: f32, norm: f32, l1: f32, l2: f32, w: f32) -> f32 {
  let t = select(g, g - w * b / norm, norm > 0.0);
  let soft = sign(t) * max(abs(t) - l1, 0.0);
  return select(soft, t - l1 * sign(b), b != 0.0);
}

/** The block's distance from Σ group_residual² and ‖b‖₂: √Σ, or (√Σ − w)₊ at b = 0. */
fn group_distance(residualSquares: f32, norm: f32, w: f32) -> f32 {
  let r = sqrt(residualSquares);
  return select(max(r - w, 0.0), r, norm > 0.0);
}
