// The exact 1-D step of a coordinate whose penalty is piecewise quadratic in |b| (MCP, SCAD):
//   minimize f(b) = ½·xv·b² − u·b + P(b) + ½·l2·b²  over  lower ≤ b ≤ upper,
// where on each piece a ∈ [from, to] of a = |b|, P = const + c1·a + ½·c2·a² (c2 < 0 for the
// concave parts). The minimum of a 1-D piecewise quadratic is at a piece's stationary point or
// at a breakpoint (0, the knots, the bounds): every candidate is evaluated and the lowest kept,
// so the step is the global minimizer along the coordinate even where f is not convex.

import type { CoordinateFunctions } from './types.js';

/** One piece of P in a = |b|: P'(a) = c1 + c2·a on [from, to]. */
export interface Piece {
  from: number;
  to: number;
  c1: number;
  c2: number;
}

/** argmin of ½·xv·b² − u·b + value(b) + ½·l2·b² over the box, value given with its pieces. */
export function piecewiseMinimizer(
  u: number,
  xv: number,
  l2: number,
  pieces: readonly Piece[],
  value: (b: number) => number,
  lower: number,
  upper: number,
): number {
  const f = (b: number) => 0.5 * (xv + l2) * b * b - u * b + value(b);
  let best = 0;
  let bestValue = 0; // f(0) = P(0) = 0
  const consider = (b: number) => {
    const c = b < lower ? lower : b > upper ? upper : b;
    const v = f(c);
    if (v < bestValue) {
      best = c;
      bestValue = v;
    }
  };
  const s = u >= 0 ? 1 : -1; // the side that lowers −u·b; the other side cannot beat 0
  for (const piece of pieces) {
    const curvature = xv + l2 + piece.c2;
    if (curvature > 0) {
      const a = (Math.abs(u) - piece.c1) / curvature;
      consider(s * Math.min(Math.max(a, piece.from), piece.to));
    }
    consider(s * piece.from);
    if (piece.to !== Infinity) consider(s * piece.to);
  }
  if (Number.isFinite(lower)) consider(lower);
  if (Number.isFinite(upper)) consider(upper);
  return best;
}

/**
 * Distance from g to the Clarke subdifferential of P + ½·l2·b² plus the box's normal cone at b,
 * where P'(|b|) = slope for b ≠ 0 and ∂P(0) = [−l1, l1].
 */
export function stationarityDistance(g: number, b: number, slope: number, l1: number, l2: number, lower: number, upper: number): number {
  const t = g - l2 * b;
  let lo: number;
  let hi: number;
  if (b > 0) lo = hi = slope;
  else if (b < 0) lo = hi = -slope;
  else {
    lo = -l1;
    hi = l1;
  }
  if (b >= upper) hi = Infinity;
  if (b <= lower) lo = -Infinity;
  return t < lo ? lo - t : t > hi ? t - hi : 0;
}

/** A concave penalty piecewise quadratic in |b|, by its value (with ridge), slope and pieces. */
export interface ConcavePenalty {
  value(b: number, l1: number, l2: number, gamma: number): number;
  slope(a: number, l1: number, gamma: number): number;
  pieces(l1: number, gamma: number): Piece[];
}

/** The per-coordinate functions of a concave penalty (MCP, SCAD): exact steps, Clarke distance. */
export function concaveCoordinate({ value, slope, pieces }: ConcavePenalty): CoordinateFunctions {
  const minimize = (u: number, xv: number, l1: number, l2: number, gamma: number, lower: number, upper: number) =>
    piecewiseMinimizer(u, xv, l2, pieces(l1, gamma), (b) => value(b, l1, 0, gamma), lower, upper);
  return {
    value,
    // The prox is the minimizer of the objective times 1/t: u/t against curvature 1/t.
    prox: (u, t, l1, l2, gamma, lower, upper) => minimize(u / t, 1 / t, l1, l2, gamma, lower, upper),
    minimizer: minimize,
    distance: (g, b, l1, l2, gamma, lower, upper) => stationarityDistance(g, b, slope(Math.abs(b), l1, gamma), l1, l2, lower, upper),
    slope,
  };
}
