// The elastic-net penalty with box constraints per coordinate, the WGSL twin of
// src/penalties/elastic-net.ts: P(b) = l1·|b| + ½·l2·b² on lower ≤ b ≤ upper.
// Infinite bounds arrive as ±F32_MAX; an unusable coordinate as lower = upper = 0.
// Composed after penalties/stationarity.wgsl.

/** prox_{t·P}(u): soft-threshold by t·l1, shrink by 1 + t·l2, clip to the box. */
fn penalty_prox(u: f32, t: f32, l1: f32, l2: f32, lower: f32, upper: f32) -> f32 {
  let a = abs(u) - t * l1;
  let b = select(0.0, sign(u) * a / (1.0 + t * l2), a > 0.0);
  return clamp(b, lower, upper);
}

/**
 * Distance from g (minus the gradient of the smooth part) to ∂P(b) + N_[lower, upper](b): 0
 * exactly when b is optimal along its coordinate (penalties/stationarity.wgsl, slope l1).
 */
fn subdifferential_distance(g: f32, b: f32, l1: f32, l2: f32, lower: f32, upper: f32) -> f32 {
  return stationarity_distance(g, b, l1, l1, l2, lower, upper);
}

/**
 * argmin_b ½·xv·b² − u·b + P(b) (coordinate descent's exact step, xv > 0): soft-threshold,
 * shrink, then clip, as the float64 twin's coordinateMinimizer.
 */
fn coordinate_minimizer(u: f32, xv: f32, l1: f32, l2: f32, lower: f32, upper: f32) -> f32 {
  let a = abs(u) - l1;
  if (a <= 0.0) { return 0.0; }
  return clamp(select(-a, a, u > 0.0) / (xv + l2), lower, upper);
}

/** P(b) = l1·|b| + ½·l2·b² (the box is a constraint, not a value). */
fn penalty_value(b: f32, l1: f32, l2: f32) -> f32 {
  return l1 * abs(b) + 0.5 * l2 * b * b;
}
