// type.multinomial "grouped" (a group penalty across the classes of each feature), as glmnet's
// multlognetn: IRLS with a bounded Hessian. Per sample the Hessian of the softmax loss,
// diag(p) − ppᵀ, is bounded by diag(2p_c(1 − p_c)) (Gershgorin: each row's off-diagonal sum equals
// its diagonal), a bound per class that is tight where a class is rare (glmnet's one bound for
// all classes is not), so the quadratic model separates the classes, and a feature's C
// coefficients move together by one block step (group-step.ts). The step on η is halved while the
// objective rises.

import type { IndexList } from '../cd-loop.js';
import type { Pacer } from '../pacer.js';
import { clampedVariance } from '../../losses/multinomial.js';
import { centerFeatures } from './centering.js';
import type { InnerReport } from './ungrouped.js';
import { groupMinimizer } from './group-step.js';
import { type MultinomialWorkspace, workingResiduals } from './workspace.js';

const MAX_HALVINGS = 30;
/** The inner threshold's share of the last step. */
const INNER_SHARE = 1e-2;

/** Σ_j l1_j‖β̃_j·‖ + ½l2_j‖β̃_j·‖² over the list. */
export function groupPenalty(ws: MultinomialWorkspace, list: IndexList): number {
  const { nFeatures: p, nClasses: C } = ws;
  const beta = ws.state.beta.data;
  let s = 0;
  for (let t = 0; t < list.count; t++) {
    const j = list.data[t];
    let sq = 0;
    for (let c = 0; c < C; c++) sq += beta[c * p + j] ** 2;
    if (sq > 0) s += ws.l1.data[j] * Math.sqrt(sq) + 0.5 * ws.l2.data[j] * sq;
  }
  return s;
}

/**
 * The bounded-Hessian model at the current η: per class W_ic = 2(w_i/n)p_ic(1 − p_ic) (Gershgorin:
 * diag(p) − ppᵀ ≼ diag(2p(1 − p))), the residuals R of every class; returns Σ_i W_ic per class.
 */
function groupModel(ws: MultinomialWorkspace): Float64Array {
  const { state, nSamples: n, nClasses: C } = ws;
  workingResiduals(ws);
  const W = ws.WC.data;
  const sumW = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < n; i++) sumW[c] += W[c * n + i] = 2 * state.wn[i] * clampedVariance(state.prob(c, i));
  }
  return sumW;
}

/** Σ_i W_ic x̃_ij² for the listed features and every class, into xvC. */
function classCurvatures(ws: MultinomialWorkspace, list: IndexList): void {
  const { nSamples: n, nFeatures: p, nClasses: C } = ws;
  for (let t = 0; t < list.count; t++) {
    const j = list.data[t];
    for (let c = 0; c < C; c++) ws.xvC.data[c * p + j] = ws.std.design.cross(j, j, ws.WC.ptr + 8 * c * n, 1);
  }
}

/** u_c = x̃_jᵀR_c for every class, into ws.u (four classes per read of the column). */
function classProducts(ws: MultinomialWorkspace, col: number): Float64Array {
  const { kernels, nSamples: n, nClasses: C } = ws;
  const R = ws.R.ptr;
  const u = ws.u.data;
  let c = 0;
  for (; c + 4 <= C; c += 4) {
    kernels.dot4(R + 8 * c * n, R + 8 * (c + 1) * n, R + 8 * (c + 2) * n, R + 8 * (c + 3) * n, col, n, ws.u.ptr + 8 * c);
  }
  for (; c < C; c++) u[c] = kernels.dot(R + 8 * c * n, col, n);
  return u;
}

/** One block pass over the list; returns max_c,j xv_jc·Δ². */
function blockPass(ws: MultinomialWorkspace, list: IndexList, scratch: BlockScratch): number {
  const { kernels, nSamples: n, nFeatures: p, nClasses: C } = ws;
  const beta = ws.state.beta.data;
  const xvC = ws.xvC.data;
  const { u, a, next } = scratch;
  let dlx = 0;
  for (let t = 0; t < list.count; t++) {
    const j = list.data[t];
    const col = ws.std.XsPtr + 8 * j * n;
    const products = classProducts(ws, col);
    for (let c = 0; c < C; c++) {
      const v = xvC[c * p + j];
      u[c] = products[c] + v * beta[c * p + j];
      a[c] = v + ws.l2.data[j];
    }
    groupMinimizer(u, a, ws.l1.data[j], next);
    for (let c = 0; c < C; c++) {
      const d = next[c] - beta[c * p + j];
      if (d === 0) continue;
      beta[c * p + j] = next[c];
      kernels.axpy3(-d, col, ws.WC.ptr + 8 * c * n, ws.R.ptr + 8 * c * n, n);
      dlx = Math.max(dlx, xvC[c * p + j] * d * d);
    }
  }
  return dlx;
}

interface BlockScratch {
  u: Float64Array;
  a: Float64Array;
  next: Float64Array;
}

/** The intercepts' step in every class; returns its measure. */
function interceptStep(ws: MultinomialWorkspace, sumW: Float64Array): number {
  if (!ws.fitIntercept) return 0;
  const { nSamples: n } = ws;
  const R = ws.R.data;
  const W = ws.WC.data;
  let dlx = 0;
  for (let c = 0; c < ws.nClasses; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += R[c * n + i];
    const d = s / sumW[c];
    ws.state.b0[c] += d;
    for (let i = 0; i < n; i++) R[c * n + i] -= d * W[c * n + i];
    dlx = Math.max(dlx, sumW[c] * d * d);
  }
  return dlx;
}

/** Descent on the model: full passes, active-set passes between them, until a full pass moves less than thr. */
function groupPasses(ws: MultinomialWorkspace, list: IndexList, maxPasses: number, sumW: Float64Array, thr: number): number {
  const { active, nFeatures: p, nClasses: C } = ws;
  const beta = ws.state.beta.data;
  const scratch = { u: new Float64Array(C), a: new Float64Array(C), next: new Float64Array(C) };
  const pass = (l: IndexList) => Math.max(blockPass(ws, l, scratch), interceptStep(ws, sumW));
  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    if (pass(list) < thr) break;
    active.clear();
    for (let t = 0; t < list.count; t++) {
      const j = list.data[t];
      for (let c = 0; c < ws.nClasses; c++) {
        if (beta[c * p + j] === 0) continue;
        active.add(j);
        break;
      }
    }
    while (passes < maxPasses) {
      passes++;
      if (pass(active) < thr) break;
    }
  }
  return passes;
}

/** One IRLS step; returns its passes and size. */
function groupStep(ws: MultinomialWorkspace, list: IndexList, maxPasses: number, innerThr: number): { passes: number; change: number } {
  const { state, nSamples: n, nFeatures: p, nClasses: C, betaOld, etaOldAll, thr } = ws;
  const beta = state.beta.data;
  const objOld = state.loss() + groupPenalty(ws, list);
  const sumW = groupModel(ws);
  classCurvatures(ws, list);
  betaOld.set(beta);
  const b0Old = Float64Array.from(state.b0);
  etaOldAll.set(state.eta.data);
  const passes = groupPasses(ws, list, maxPasses, sumW, innerThr);
  const D = ws.D.data;
  let change = 0;
  for (let c = 0; c < C; c++) {
    const db = state.b0[c] - b0Old[c];
    D.fill(db, c * n, (c + 1) * n);
    change = Math.max(change, sumW[c] * db * db);
  }
  for (let t = 0; t < list.count; t++) {
    const j = list.data[t];
    for (let c = 0; c < C; c++) {
      const d = beta[c * p + j] - betaOld[c * p + j];
      if (d === 0) continue;
      change = Math.max(change, ws.xvC.data[c * p + j] * d * d);
      ws.kernels.axpy(d, ws.std.XsPtr + 8 * j * n, ws.D.ptr + 8 * c * n, n);
    }
  }
  let scale = 1;
  const eta = state.eta.data;
  for (let h = 0; ; h++) {
    for (let k = 0; k < C * n; k++) eta[k] = etaOldAll[k] + scale * D[k];
    const obj = state.refresh() + groupPenalty(ws, list);
    if (obj <= objOld + 1e-12 * Math.abs(objOld) || change * scale * scale < thr || h === MAX_HALVINGS) break;
    scale *= 0.5;
    for (let c = 0; c < C; c++) state.b0[c] = b0Old[c] + 0.5 * (state.b0[c] - b0Old[c]);
    for (let t = 0; t < list.count; t++) {
      for (let c = 0; c < C; c++) {
        const k = c * p + list.data[t];
        beta[k] = betaOld[k] + 0.5 * (beta[k] - betaOld[k]);
      }
    }
  }
  return { passes, change: change * scale * scale };
}

/**
 * IRLS steps until one moves less than the threshold (or maxPasses); each step's least squares
 * solved only as far as the steps have come (INNER_SHARE of the last step's size, never below the
 * threshold).
 */
export async function solveGrouped(ws: MultinomialWorkspace, list: IndexList, maxPasses: number, pacer: Pacer): Promise<InnerReport> {
  let passes = 0;
  let last = Infinity;
  ws.state.refresh();
  for (;;) {
    const innerThr = Math.max(ws.thr, INNER_SHARE * last);
    const step = groupStep(ws, list, Math.max(1, maxPasses - passes), innerThr);
    passes += step.passes;
    last = Math.max(step.change, centerFeatures(ws, list, true));
    if (last < ws.thr && innerThr === ws.thr) return { passes, converged: true };
    if (passes >= maxPasses) return { passes, converged: false };
    await pacer.step();
  }
}
