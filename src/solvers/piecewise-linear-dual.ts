// The dual side of the exact piecewise-linear solvers (simplex.ts, active-set.ts): at the
// optimum of a structure, which condition is violated most (a kink slope outside [below,
// above], or a feature whose gradient beats its penalty), and the certificate of an optimum.

import { subdifferentialDistance } from '../penalties/elastic-net.js';
import type { FinishData, FinishPenalty, FinishResult } from './piecewise-linear-finish.js';

/** Dual violations below this (relative to the gradient's scale) count as optimal. */
const PRICE_TOLERANCE = 1e-10;

/** The most violated dual condition at a structure's optimum. */
export interface Violation {
  kind: 'sample' | 'feature';
  /** The sample leaving its kink, or the feature leaving 0 or its bound. */
  index: number;
  /** +1: the residual (or the coefficient) increases; −1: it decreases. */
  direction: number;
  violation: number;
}

/**
 * The dual check at a structure's optimum (slopes: u on E, the sides' slopes elsewhere): fills
 * g_j = Σ wn_i x̃_ij u_i over the strong set, and returns the largest violation (a kink slope out
 * of [below, above], or a feature at 0 or at a bound whose gradient beats its penalty in a
 * direction its bounds allow), or null at the optimum.
 */
export function price(
  d: FinishData,
  strong: ArrayLike<number>,
  penalty: FinishPenalty,
  beta: Float64Array,
  slope: Float64Array,
  E: ArrayLike<number>,
  inA: Uint8Array,
  g: Float64Array,
): Violation | null {
  const { nSamples: n, Xs, wn } = d;
  for (let t = 0; t < strong.length; t++) {
    const j = strong[t];
    let s = 0;
    const col = j * n;
    for (let i = 0; i < n; i++) s += wn[i] * Xs[col + i] * slope[i];
    g[j] = s;
  }
  return worstViolation(d, strong, penalty, beta, slope, E, inA, g);
}

/** price's choice, with the gradients g_j over the strong set already filled. */
export function worstViolation(
  d: FinishData,
  strong: ArrayLike<number>,
  penalty: FinishPenalty,
  beta: Float64Array,
  slope: Float64Array,
  E: ArrayLike<number>,
  inA: Uint8Array,
  g: Float64Array,
): Violation | null {
  const { wn, below, above } = d;
  let best: Violation | null = null;
  const consider = (c: Violation) => {
    if (c.violation > (best?.violation ?? 0)) best = c;
  };
  const slack = PRICE_TOLERANCE * (above - below);
  for (let a = 0; a < E.length; a++) {
    const i = E[a];
    const u = slope[i];
    if (u > above + slack) consider({ kind: 'sample', index: i, direction: 1, violation: wn[i] * (u - above) });
    if (u < below - slack) consider({ kind: 'sample', index: i, direction: -1, violation: wn[i] * (below - u) });
  }
  for (let t = 0; t < strong.length; t++) {
    const j = strong[t];
    if (inA[j]) continue;
    const s = g[j];
    const b = beta[j];
    const l1 = penalty.l1[j];
    const tol = PRICE_TOLERANCE * ((above - below) * Math.sqrt(d.xv[j]) + l1);
    if (b === 0) {
      if (s - l1 > tol && penalty.upper[j] > 0) consider({ kind: 'feature', index: j, direction: 1, violation: s - l1 });
      if (-s - l1 > tol && penalty.lower[j] < 0) consider({ kind: 'feature', index: j, direction: -1, violation: -s - l1 });
    } else {
      // At a bound: moving inward pays when the objective's derivative points inward.
      const derivative = -s + l1 * Math.sign(b) + penalty.l2[j] * b;
      if (b > 0 && derivative > tol) consider({ kind: 'feature', index: j, direction: -1, violation: derivative });
      if (b < 0 && -derivative > tol) consider({ kind: 'feature', index: j, direction: 1, violation: -derivative });
    }
  }
  return best;
}

/**
 * g_j = Σ_i wn_i x̃_ij u_i from scratch over the strong set (nFeatures, 0 elsewhere), by the
 * kernels' dot when Xs is in their heap (their scratch array holds wn∘u meanwhile).
 */
export function gradientsOf(d: FinishData, strong: ArrayLike<number>, slope: Float64Array, nFeatures: number): Float64Array {
  const n = d.nSamples;
  const g = new Float64Array(nFeatures);
  const weighted = d.heap?.scratch.data ?? new Float64Array(n);
  for (let i = 0; i < n; i++) weighted[i] = d.wn[i] * slope[i];
  for (let t = 0; t < strong.length; t++) {
    const j = strong[t];
    if (d.heap) {
      g[j] = d.heap.kernels.dot(d.heap.XsPtr + 8 * j * n, d.heap.scratch.ptr, n);
      continue;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += d.Xs[j * n + i] * weighted[i];
    g[j] = s;
  }
  return g;
}

/** The optimum's result, with the largest subdifferential distance over the strong set. */
export function certify(
  d: FinishData,
  strong: ArrayLike<number>,
  penalty: FinishPenalty,
  beta: Float64Array,
  b0: number,
  eta: Float64Array,
  slope: Float64Array,
  inE: Uint8Array,
  g: Float64Array,
): FinishResult {
  let kkt = 0;
  for (let t = 0; t < strong.length; t++) {
    const j = strong[t];
    const dist = subdifferentialDistance(g[j], beta[j], penalty.l1[j], penalty.l2[j], penalty.lower[j], penalty.upper[j]);
    kkt = Math.max(kkt, dist);
  }
  const u = slope.slice();
  for (let i = 0; i < u.length; i++) u[i] = Math.min(d.above, Math.max(d.below, u[i]));
  return { beta, b0, eta, slope: u, elbow: inE, kkt };
}

/** Relative tolerance of verify's subdifferential conditions (as the exact finish's). */
const VERIFY_TOLERANCE = 1e-9;

/**
 * An independent check of a solver's result before it is accepted: every sample's slope is
 * that of its residual's side (a slope strictly inside (below, above) only on the kink, within
 * the residual tolerance), the intercept's condition Σ wn_i u_i = 0 holds, and every feature of
 * the strong set meets its subdifferential condition with the gradients recomputed from those
 * slopes. A degenerate structure can leave
 * a solver's own bookkeeping consistent but wrong; this is what keeps `converged` honest.
 */
export function verify(d: FinishData, strong: ArrayLike<number>, penalty: FinishPenalty, result: FinishResult): boolean {
  const { nSamples: n, Xs, y, wn, below, above } = d;
  const tolR = d.residualTolerance;
  const slack = 1e-9 * (above - below);
  for (let i = 0; i < n; i++) {
    if (wn[i] === 0) continue;
    const r = y[i] - result.eta[i];
    const u = result.slope[i];
    if (u < below - slack || u > above + slack) return false;
    if (r > tolR && u < above - slack) return false;
    if (r < -tolR && u > below + slack) return false;
  }
  if (d.intercept) {
    // The intercept's stationarity: Σ wn_i u_i = 0.
    let s = 0;
    for (let i = 0; i < n; i++) s += wn[i] * result.slope[i];
    if (Math.abs(s) > VERIFY_TOLERANCE * (above - below)) return false;
  }
  for (let t = 0; t < strong.length; t++) {
    const j = strong[t];
    let g = 0;
    const col = j * n;
    for (let i = 0; i < n; i++) g += wn[i] * Xs[col + i] * result.slope[i];
    const dist = subdifferentialDistance(g, result.beta[j], penalty.l1[j], penalty.l2[j], penalty.lower[j], penalty.upper[j]);
    if (dist > VERIFY_TOLERANCE * ((above - below) * Math.sqrt(d.xv[j]) + penalty.l1[j])) return false;
  }
  return true;
}
