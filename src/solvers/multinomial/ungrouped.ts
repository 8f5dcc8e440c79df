// type.multinomial "ungrouped" (a lasso per coefficient), as glmnet's lognetn: each outer step
// visits the classes in turn; for class c, with the others fixed, the loss is a logistic loss in
// η_·c (with the offset log Σ_{c'≠c} e^{η_ic'}), and one IRLS step is taken on it: weights
// W_i = (w_i/n)·p_ic(1 − p_ic), working residual (w_i/n)(y_ic − p_ic), coordinate descent on that
// penalized weighted least squares by the kernels' passes (with the bounds), then the step on η_·c
// (whole, as glmnet's: a halving guard cost more than it ever saved here). After each outer step
// the coefficients are centred along the classes (centering.ts). The solve ends when no class moves.

import type { IndexList } from '../cd-loop.js';
import type { Pacer } from '../pacer.js';
import { clampedVariance } from '../../losses/multinomial.js';
import { centerFeatures } from './centering.js';
import { curvatures, type MultinomialWorkspace } from './workspace.js';

/** Outer steps between two recomputations of the exponentials from η. */
const REFRESH_EVERY = 8;

export interface InnerReport {
  passes: number;
  converged: boolean;
}

/** Σ_j l1_j|β̃_jc| + ½l2_j β̃_jc² over the list (class c). */
export function classPenalty(ws: MultinomialWorkspace, c: number, list: IndexList): number {
  const beta = ws.state.beta.data;
  const l1 = ws.l1.data;
  const l2 = ws.l2.data;
  const at = c * ws.nFeatures;
  let s = 0;
  for (let t = 0; t < list.count; t++) {
    const j = list.data[t];
    const b = beta[at + j];
    if (b !== 0) s += l1[j] * Math.abs(b) + 0.5 * l2[j] * b * b;
  }
  return s;
}

/** Class c's quadratic model at the current η: W, r and Σ W. */
function classModel(ws: MultinomialWorkspace, c: number): number {
  const { state, nSamples: n } = ws;
  const { classOf, wn } = state;
  const W = ws.W.data;
  const r = ws.r.data;
  let sumW = 0;
  for (let i = 0; i < n; i++) {
    const p = state.prob(c, i);
    W[i] = wn[i] * clampedVariance(p);
    r[i] = wn[i] * ((classOf[i] === c ? 1 : 0) - p);
    sumW += W[i];
  }
  return sumW;
}

/** Coordinate descent on class c's model: full passes, active-set passes between them, until a full pass settles. */
function classPasses(ws: MultinomialWorkspace, c: number, list: IndexList, maxPasses: number, sumW: number): number {
  const { kernels, std, state, nSamples: n, active, thr } = ws;
  const betaPtr = state.betaPtr(c);
  const beta = state.beta.data;
  const intercept = (): number => {
    if (!ws.fitIntercept) return 0;
    const d = kernels.dot(ws.r.ptr, ws.ones.ptr, n) / sumW;
    state.b0[c] += d;
    kernels.axpy(-d, ws.W.ptr, ws.r.ptr, n);
    return sumW * d * d;
  };
  const pass = (l: IndexList): number => {
    const dlx = kernels.cd_pass_resid(std.XsPtr, n, l.ptr, l.count, betaPtr, ws.xvW.ptr, ws.l1.ptr, ws.l2.ptr, std.lowerPtr, std.upperPtr, ws.r.ptr, 0, 1, ws.W.ptr);
    return Math.max(dlx, intercept());
  };
  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    if (pass(list) < thr) break;
    active.clear();
    for (let t = 0; t < list.count; t++) if (beta[c * ws.nFeatures + list.data[t]] !== 0) active.add(list.data[t]);
    while (passes < maxPasses) {
      passes++;
      if (pass(active) < thr) break;
    }
  }
  return passes;
}

/** One IRLS step of class c on the list; returns its passes and the step's size (glmnet's max xv·Δ²). */
function classStep(ws: MultinomialWorkspace, c: number, list: IndexList, maxPasses: number): { passes: number; change: number } {
  const { state, kernels, nSamples: n, nFeatures: p, betaOld } = ws;
  const beta = state.beta.data;
  const sumW = classModel(ws, c);
  curvatures(ws, list);
  for (let t = 0; t < list.count; t++) betaOld[c * p + list.data[t]] = beta[c * p + list.data[t]];
  const b0Old = state.b0[c];
  const passes = classPasses(ws, c, list, maxPasses, sumW);

  // η_·c moves by Δb̃ + X̃Δβ̃, whole: no step halving, as glmnet's lognetn (the class's Newton
  // step on its own logistic loss).
  const eta = state.etaPtr(c);
  const db = state.b0[c] - b0Old;
  kernels.axpy(db, ws.ones.ptr, eta, n);
  let change = sumW * db * db;
  for (let t = 0; t < list.count; t++) {
    const j = list.data[t];
    const d = beta[c * p + j] - betaOld[c * p + j];
    if (d === 0) continue;
    change = Math.max(change, ws.xvW.data[j] * d * d);
    kernels.axpy(d, ws.std.XsPtr + 8 * j * n, eta, n);
  }
  state.classMoved(c);
  return { passes, change };
}

/**
 * Outer steps over the classes until none moves more than the threshold (or maxPasses), each
 * class's weighted least squares solved to the threshold, as glmnet's (solving them only as far as
 * the outer steps had come cost more class steps than it saved passes: 10–20 % more time at C = 10).
 */
export async function solveUngrouped(ws: MultinomialWorkspace, list: IndexList, maxPasses: number, pacer: Pacer): Promise<InnerReport> {
  let passes = 0;
  for (let outer = 0; ; outer++) {
    // E and S follow each move; afresh now and then, against the drift of their running sums.
    if (outer > 0 && outer % REFRESH_EVERY === 0) ws.state.refresh();
    let change = 0;
    for (let c = 0; c < ws.nClasses; c++) {
      const step = classStep(ws, c, list, Math.max(1, maxPasses - passes));
      passes += step.passes;
      change = Math.max(change, step.change);
    }
    change = Math.max(change, centerFeatures(ws, list, false));
    if (change < ws.thr) return { passes, converged: true };
    if (passes >= maxPasses) return { passes, converged: false };
    await pacer.step();
  }
}
