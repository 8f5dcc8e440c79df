// The four per-coordinate functions of a concave penalty piecewise quadratic in a = |b| (MCP,
// SCAD), composed before the penalty's own file, which defines
//   concave_value(a, l1)        P without the ridge part,
//   concave_slope(a, l1)        P'(a) for a > 0,
//   concave_minimize(u, xv, l1, l2, s, lower, upper)
//                               argmin_b ½·xv·b² − u·b + s·(P(b) + ½·l2·b²) on the box, from its
//                               candidates through concave_best.
// The minimizer is the global one along the coordinate, as src/penalties/piecewise.ts's; the
// prox of t·P is the minimizer at xv = 1, s = t (the prox's objective times t: no division by t).
// Composed after common.wgsl and penalties/stationarity.wgsl.

/** Most candidates a concave penalty's minimizer compares. */
const CONCAVE_CANDIDATES: u32 = 8u;

/**
 * The first lowest of the valid candidates (clipped to the box) of ½·q·b² − u·b + s·P(b),
 * q = xv + s·l2; 0 (value 0) unless one is lower.
 */
fn concave_best(cand: array<f32, CONCAVE_CANDIDATES>, valid: array<bool, CONCAVE_CANDIDATES>, u: f32, q: f32, s: f32, l1: f32, lower: f32, upper: f32) -> f32 {
  var best = 0.0;
  var bestValue = 0.0;
  for (var i = 0u; i < CONCAVE_CANDIDATES; i++) {
    if (!valid[i]) { continue; }
    let b = clamp(cand[i], lower, upper);
    let v = b * (0.5 * q * b - u) + s * concave_value(abs(b), l1);
    if (v < bestValue) {
      best = b;
      bestValue = v;
    }
  }
  return best;
}

/** prox_{t·P}(u) = argmin_b (b − u)²/(2t) + P(b) on the box (the global one). */
fn penalty_prox(u: f32, t: f32, l1: f32, l2: f32, lower: f32, upper: f32) -> f32 {
  return concave_minimize(u, 1.0, l1, l2, t, lower, upper);
}

/** The Clarke stationarity distance (penalties/stationarity.wgsl) at P's slope. */
fn subdifferential_distance(g: f32, b: f32, l1: f32, l2: f32, lower: f32, upper: f32) -> f32 {
  return stationarity_distance(g, b, concave_slope(abs(b), l1), l1, l2, lower, upper);
}

/** argmin_b ½·xv·b² − u·b + P(b) on the box (xv > 0): coordinate descent's exact, global step. */
fn coordinate_minimizer(u: f32, xv: f32, l1: f32, l2: f32, lower: f32, upper: f32) -> f32 {
  return concave_minimize(u, xv, l1, l2, 1.0, lower, upper);
}

/** P(b) (the box is a constraint, not a value). */
fn penalty_value(b: f32, l1: f32, l2: f32) -> f32 {
  return concave_value(abs(b), l1) + 0.5 * l2 * b * b;
}
