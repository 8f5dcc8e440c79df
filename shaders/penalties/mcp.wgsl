// The minimax concave penalty (Zhang 2010) with ncvreg's ridge mixing and box constraints per
// coordinate, the WGSL twin of src/penalties/mcp.ts: at a = |b|,
//   P(b) = l1·a − a²/(2γ)  for a ≤ γ·l1,   γ·l1²/2 beyond,   plus ½·l2·b²,  on lower ≤ b ≤ upper.
// Its four per-coordinate functions (the names and signatures of penalties/elastic-net.wgsl)
// come from penalties/concave.wgsl, composed before it, over the three functions here. γ is not a parameter: it is the pipeline constant
// PENALTY_GAMMA (γ > 1), set from the problem (src/gpu/programs.ts, penaltyShader).
// Composed after common.wgsl (F32_MAX), penalties/stationarity.wgsl and penalties/concave.wgsl. Infinite bounds arrive as ±F32_MAX; an unusable
// coordinate as lower = upper = 0.
// Nonconvex: coordinate_minimizer and penalty_prox are the global minimizers along the
// coordinate (every piece's stationary point and every breakpoint compared, as
// src/penalties/piecewise.ts), subdifferential_distance the Clarke stationarity distance.

/** γ, the concavity (γ > 1); the default is the spec's. */
override PENALTY_GAMMA: f32 = 3.0;

/** P(b) without the ridge part, as a function of a = |b|. */
fn concave_value(a: f32, l1: f32) -> f32 {
  return select(0.5 * PENALTY_GAMMA * l1 * l1, a * (l1 - a / (2.0 * PENALTY_GAMMA)), a <= PENALTY_GAMMA * l1);
}

/** P'(a) for a = |b| > 0: (l1 − a/γ)₊. */
fn concave_slope(a: f32, l1: f32) -> f32 {
  return max(l1 - a / PENALTY_GAMMA, 0.0);
}

/**
 * argmin_b ½·xv·b² − u·b + s·(P(b) + ½·l2·b²) over the box (xv > 0, s ≥ 0). Candidates, in the
 * order of piecewiseMinimizer: per piece its clipped stationary point (where the piece is
 * strictly convex) and its ends, then the finite bounds.
 */
fn concave_minimize(u: f32, xv: f32, l1: f32, l2: f32, s: f32, lower: f32, upper: f32) -> f32 {
  let sg = select(-1.0, 1.0, u >= 0.0);
  let au = abs(u);
  let knot = PENALTY_GAMMA * l1;
  let q = xv + s * l2;
  var cand: array<f32, CONCAVE_CANDIDATES>;
  var valid: array<bool, CONCAVE_CANDIDATES>;
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
  return concave_best(cand, valid, u, q, s, l1, lower, upper);
}
