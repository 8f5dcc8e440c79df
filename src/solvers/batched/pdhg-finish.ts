// The exact finish of one PDHG column on its working set: the structure (elbow samples, active
// features) guessed from the iterate read back, solved exactly by `exactFinish` over the set's
// features with the column's own problem (its weights, its penalty scales), in float64 on the
// host. Features outside the set are 0 there; the block checks them with a full product.

import { exactFinish } from '../piecewise-linear-finish.js';
import { featureViolation, isOpen, penaltyAt, type PdhgProblems } from './pdhg-problems.js';

/** A column's candidate answer: coefficients, dual slopes, and its KKT violation over the set. */
export interface ColumnPoint {
  /** nFeatures + 1 coefficients, intercept last (0 outside the working set). */
  x: Float64Array;
  /** nSamples dual slopes u_i ∈ [below, above]. */
  u: Float64Array;
  /** Largest KKT violation over the working set, in the column's own coordinates. */
  kkt: number;
}

/**
 * The exact finish of column k (problem g) at λ from its iterate (x: nFeatures + 1 values, u:
 * nSamples slopes), over the working set's features (`rows`); null unless it is certified on
 * the set within `tolerance`.
 */
export function finishColumn(
  pp: PdhgProblems, g: number, lambda: number, rows: Int32Array, x: Float64Array, u: Float64Array, tolerance: number,
): ColumnPoint | null {
  const strong = Array.from(rows).filter((j) => j < pp.nFeatures && isOpen(pp, g, j));
  return finishFrom(pp, g, lambda, strong, x.slice(0, pp.nFeatures), x[pp.nFeatures], u, tolerance);
}

function finishFrom(
  pp: PdhgProblems, g: number, lambda: number, strong: number[], beta: Float64Array, b0: number, u: Float64Array, tolerance: number,
): ColumnPoint | null {
  const { nSamples: n, nFeatures: p, Xs, below, above } = pp;
  const data = pp.problems[g].finish;
  const eta = new Float64Array(n).fill(pp.intercept ? b0 : 0);
  for (const j of strong) {
    const bj = beta[j];
    if (bj === 0) continue;
    for (let i = 0, col = j * n; i < n; i++) eta[i] += Xs[col + i] * bj;
  }
  // The elbow: slopes strictly inside their interval, and residuals already at the kink.
  const margin = 1e-12 * (above - below);
  const elbow = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const inside = u[i] > below + margin && u[i] < above - margin;
    elbow[i] = inside || Math.abs(data.y[i] - eta[i]) <= data.residualTolerance ? 1 : 0;
  }
  const penalty = penaltyAt(pp, g, lambda);
  const result = exactFinish(data, strong, penalty, beta, eta, elbow);
  if (!result) return null;
  let kkt = result.kkt;
  if (pp.problems[g].scales) {
    // exactFinish measures in the shared coordinates; the column's own divide by q.
    kkt = 0;
    for (const j of strong) {
      let gj = 0;
      for (let i = 0, col = j * n; i < n; i++) gj += data.wn[i] * Xs[col + i] * result.slope[i];
      kkt = Math.max(kkt, featureViolation(pp, g, penalty, j, gj, result.beta[j]));
    }
  }
  if (!(kkt <= tolerance)) return null;
  const out = new Float64Array(p + 1);
  out.set(result.beta);
  out[p] = pp.intercept ? result.b0 : 0;
  return { x: out, u: result.slope, kkt };
}
