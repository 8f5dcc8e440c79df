// The minimax concave penalty (Zhang 2010) with ncvreg's ridge mixing and box constraints per
// coordinate, the WGSL twin of src/penalties/mcp.ts: at a = |b|,
//   P(b) = l1·a − a²/(2γ)  for a ≤ γ·l1,   γ·l1²/2 beyond,   plus ½·l2·b²,  on lower ≤ b ≤ upper.
// The same four functions, names and signatures as penalties/elastic-net.wgsl, so that a program
// composes this file in its place. γ is not a parameter: it is the pipeline constant
// PENALTY_GAMMA (γ > 1), set from the problem (src/gpu/programs.ts, penaltyShader).
// Composed after common.wgsl (F32_MAX). Infinite bounds arrive as ±F32_MAX; an unusable
// coordinate as lower = upper = 0.
// Nonconvex: coordinate_minimizer and penalty_prox are the global minimizers along the
// coordinate (every piece's stationary point and every breakpoint compared, as
// src/penalties/piecewise.ts), subdifferential_distance the Clarke stationarity distance.

/** γ, the concavity (γ > 1); the default is the spec's. */
override PENALTY_GAMMA: f32 = 3.0;

/** P(b) without the ridge part, as a function of a = |b|. */
fn mcp_concave(a: f32, l1: f32) -> f32 {
  return select(0.5 * PENALTY_GAMMA * l1 * l1, a * (l1 - a / (2.0 * PENALTY_GAMMA)), a <= PENALTY_GAMMA * l1);
}

/**
 * argmin_b ½·xv·b² − u·b + s·(P(b) + ½·l2·b²) over the box (xv > 0, s ≥ 0): the minimizer at
 * s = 1, the prox of t·P at xv = 1, s = t (the prox's objective times t: no division by t).
 * Candidates, in the order of piecewiseMinimizer: per piece its clipped stationary point (where
 * the piece is strictly convex) and its ends, then the finite bounds; the first lowest is kept.
 */
fn mcp_minimize(u: f32, xv: f32, l1: f32, l2: f32, s: f32, lower: f32, upper: f32) -> f32 {
  let sg = select(-1.0, 1.0, u >= 0.0);
  let au = abs(u);
  let knot = PENALTY_GAMMA * l1;
  let q = xv + s * l2;
  var cand: array<f32, 6>;
  var valid: array<bool, 6>;
  // Piece 1, a in [0, γ·l1]: P' = l1 − a/γ.
  let c1 = q - s / PENALTY_GAMMA;
  cand[0] = sg * clamp((au - s * l1) / c1, 0.0, knot);
  valid[0] = c1 > 0.0;
  cand[1] = 0.0;
  valid[1] = true;
  cand[2] = sg * knot;
  valid[2] = true;
  // Piece 2, a ≥ γ·l1: P' = 0 (its from end is cand[2] again; its to end is infinite).
  cand[3] = sg * max(au / q, knot);
  valid[3] = true;
  cand[4] = lower;
  valid[4] = lower > -F32_MAX;
  cand[5] = upper;
  valid[5] = upper < F32_MAX;
  var best = 0.0;
  var bestValue = 0.0;
  for (var i = 0u; i < 6u; i++) {
    if (!valid[i]) { continue; }
    let b = clamp(cand[i], lower, upper);
    let v = b * (0.5 * q * b - u) + s * mcp_concave(abs(b), l1);
    if (v < bestValue) {
      best = b;
      bestValue = v;
    }
  }
  return best;
}

/** prox_{t·P}(u) = argmin_b (b − u)²/(2t) + P(b) on the box (the global one). */
fn penalty_prox(u: f32, t: f32, l1: f32, l2: f32, lower: f32, upper: f32) -> f32 {
  return mcp_minimize(u, 1.0, l1, l2, t, lower, upper);
}

/**
 * Distance from g (minus the gradient of the smooth part) to the Clarke subdifferential of
 * P + ½·l2·b² plus N_[lower, upper](b): P' = (l1 − |b|/γ)₊·sign(b) off 0, [−l1, l1] at 0.
 */
fn subdifferential_distance(g: f32, b: f32, l1: f32, l2: f32, lower: f32, upper: f32) -> f32 {
  let t = g - l2 * b;
  let slope = max(l1 - abs(b) / PENALTY_GAMMA, 0.0);
  let lo = select(select(-l1, -slope, b < 0.0), slope, b > 0.0);
  let hi = select(select(l1, -slope, b < 0.0), slope, b > 0.0);
  let openAbove = b >= upper;
  let openBelow = b <= lower;
  var d = 0.0;
  if (t < lo && !openBelow) { d = lo - t; }
  if (t > hi && !openAbove) { d = t - hi; }
  return d;
}

/** argmin_b ½·xv·b² − u·b + P(b) on the box (xv > 0): coordinate descent's exact, global step. */
fn coordinate_minimizer(u: f32, xv: f32, l1: f32, l2: f32, lower: f32, upper: f32) -> f32 {
  return mcp_minimize(u, xv, l1, l2, 1.0, lower, upper);
}

/** P(b) (the box is a constraint, not a value). */
fn penalty_value(b: f32, l1: f32, l2: f32) -> f32 {
  return mcp_concave(abs(b), l1) + 0.5 * l2 * b * b;
}
