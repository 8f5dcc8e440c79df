// The direction the loss cannot see: moving a feature's coefficients of every class by the same t
// (β_jc − t for all c) changes each η_ic by −t·x̃_ij for every class, and leaves the probabilities as
// they are. Only the penalty changes, so t can be chosen exactly: the minimizer of the penalty along
// that line (glmnet's elc). Coordinate passes crawl along it (each coordinate alone is held by the
// loss's curvature), so the solvers take this step after each outer step.
//
// Ungrouped: f(t) = Σ_c l1|β_c − t| + ½l2(β_c − t)², convex and piecewise quadratic in t, minimized
// over the interval the bounds allow (β_c − t ∈ [lower, upper] for every c). Grouped:
// l1‖β − t1‖ + ½l2‖β − t1‖² is least at the mean.

import type { IndexList } from '../cd-loop.js';
import type { MultinomialWorkspace } from './workspace.js';

/**
 * The minimizers of f over t form an interval; returns the point of it nearest 0 (no move when
 * the coefficients are already centred), for sorted a (C values).
 */
function penaltyCenter(a: Float64Array, l1: number, l2: number): number {
  const C = a.length;
  let S = 0;
  for (let c = 0; c < C; c++) S += a[c];
  if (l2 > 0) {
    // Unique minimizer: in an open segment (k values below it), or at a breakpoint.
    for (let k = 0; k <= C; k++) {
      const t = (l2 * S - l1 * (2 * k - C)) / (l2 * C);
      const lo = k > 0 ? a[k - 1] : -Infinity;
      const hi = k < C ? a[k] : Infinity;
      if (t >= lo && t <= hi) return t;
      if (k < C) {
        const left = l1 * (2 * k - C) + l2 * (C * a[k] - S);
        const right = left + 2 * l1;
        if (left <= 0 && right >= 0) return a[k];
      }
    }
    return S / C;
  }
  if (l1 === 0) return 0;
  // The lasso alone: a median; with C even, any point between the two middle values.
  const lo = a[Math.floor((C - 1) / 2)];
  const hi = a[Math.floor(C / 2)];
  return Math.min(Math.max(0, lo), hi);
}

/**
 * Centres the listed features' coefficients along the invisible direction and moves η with them;
 * returns the largest measure xv_j·C·t² (the step, in the units of the passes' measure).
 */
export function centerFeatures(ws: MultinomialWorkspace, list: IndexList, grouped: boolean): number {
  const { nSamples: n, nFeatures: p, nClasses: C, state } = ws;
  const beta = state.beta.data;
  const { lower, upper, xv } = ws.std;
  const a = new Float64Array(C);
  // η's common move.
  const moved = ws.scratch;
  let any = false;
  const Xs = ws.std.Xs;
  let change = 0;
  for (let s = 0; s < list.count; s++) {
    const j = list.data[s];
    let lo = -Infinity;
    let hi = Infinity;
    for (let c = 0; c < C; c++) {
      a[c] = beta[c * p + j];
      lo = Math.max(lo, a[c] - upper[j]);
      hi = Math.min(hi, a[c] - lower[j]);
    }
    let t: number;
    if (grouped) {
      t = 0;
      for (let c = 0; c < C; c++) t += a[c] / C;
    } else {
      a.sort();
      t = penaltyCenter(a, ws.l1.data[j], ws.l2.data[j]);
    }
    t = Math.min(Math.max(t, lo), hi);
    if (!(t !== 0)) continue;
    for (let c = 0; c < C; c++) {
      const b = beta[c * p + j] - t;
      // The bounds' own values, exactly, where t put a coefficient on one.
      beta[c * p + j] = b < lower[j] ? lower[j] : b > upper[j] ? upper[j] : b;
    }
    if (!any) moved.fill(0);
    any = true;
    for (let i = 0; i < n; i++) moved[i] -= t * Xs[j * n + i];
    change = Math.max(change, xv[j] * C * t * t);
  }
  if (any) state.shiftAll(moved);
  return change;
}
