// The smoothly clipped absolute deviation penalty (Fan and Li 2001) with ncvreg's ridge mixing
// and box constraints per coordinate, the WGSL twin of src/penalties/scad.ts: at a = |b|,
//   P = l1·a  for a ≤ l1;  (2γ·l1·a − a² − l1²)/(2(γ−1))  for l1 < a ≤ γ·l1;  l1²(γ+1)/2 beyond,
// plus ½·l2·b², on lower ≤ b ≤ upper. Its four per-coordinate functions (the names and signatures
// of penalties/elastic-net.wgsl) come from penalties/concave.wgsl, composed before it, over the
// three functions here. γ is not a parameter: it is the pipeline constant PENALTY_GAMMA (γ > 2),
// set from the problem (src/gpu/programs.ts, penaltyShader).
// Composed after common.wgsl (F32_MAX), penalties/stationarity.wgsl and penalties/concave.wgsl. Infinite bounds arrive as ±F32_MAX; an unusable
// coordinate as lower = upper = 0.
// Nonconvex: coordinate_minimizer and penalty_prox are the global minimizers along the
// coordinate (every piece's stationary point and every breakpoint compared, as
// src/penalties/piecewise.ts), subdifferential_distance the Clarke stationarity distance.

/** γ, the concavity (γ > 2); the default is the spec's. */
override PENALTY_GAMMA: f32 = 3.7;

/** P(b) without the ridge part, as a function of a = |b| (the middle piece written from γ·l1). */
fn concave_value(a: f32, l1: f32) -> f32 {
  let top = 0.5 * l1 * l1 * (PENALTY_GAMMA + 1.0);
  let r = max(PENALTY_GAMMA * l1 - a, 0.0);
  let middle = top - r * r / (2.0 * (PENALTY_GAMMA - 1.0));
  return select(middle, l1 * a, a <= l1);
}

/** P'(a) for a = |b| > 0: l1 up to l1, then (γ·l1 − a)₊/(γ − 1). */
fn concave_slope(a: f32, l1: f32) -> f32 {
  return select(max(PENALTY_GAMMA * l1 - a, 0.0) / (PENALTY_GAMMA - 1.0), l1, a <= l1);
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
  let inv = 1.0 / (PENALTY_GAMMA - 1.0);
  let c2 = q - s * inv;
  var cand: array<f32, CONCAVE_CANDIDATES>;
  var valid: array<bool, CONCAVE_CANDIDATES>;
  // Piece 1, a in [0, l1]: P' = l1.
  cand[0] = sg * clamp((au - s * l1) / q, 0.0, l1);
  valid[0] = true;
  cand[1] = 0.0;
  valid[1] = true;
  cand[2] = sg * l1;
  valid[2] = true;
  // Piece 2, a in [l1, γ·l1]: P' = (γ·l1 − a)/(γ − 1); its from end is cand[2] again.
  cand[3] = sg * clamp((au - s * knot * inv) / c2, l1, knot);
  valid[3] = c2 > 0.0;
  cand[4] = sg * knot;
  valid[4] = true;
  // Piece 3, a ≥ γ·l1: P' = 0 (its from end is cand[4] again; its to end is infinite).
  cand[5] = sg * max(au / q, knot);
  valid[5] = true;
  cand[6] = lower;
  valid[6] = lower > -F32_MAX;
  cand[7] = upper;
  valid[7] = upper < F32_MAX;
  return concave_best(cand, valid, u, q, s, l1, lower, upper);
}
