// type.multinomial "grouped" (a group penalty across the classes of each feature), as glmnet's
// multlognetn: IRLS with a bounded Hessian. Per sample the Hessian of the softmax loss,
// diag(p) − ppᵀ, is bounded by b_i·I with b_i = max_c 2p_ic(1 − p_ic) (Gershgorin), so the
// quadratic model has one weight W_i = (w_i/n)·b_i for every class, and a feature's C coefficients
// move together by one block step: the group soft-threshold of u_c = x̃_jᵀR_c + xv_j β̃_jc. The step
// on η is halved while the objective rises.

import type { IndexList } from '../cd-loop.js';
import type { Pacer } from '../pacer.js';
import { clampedVariance } from '../../losses/multinomial.js';
import type { InnerReport } from './ungrouped.js';
import { curvatures, type MultinomialWorkspace, workingResiduals } from './workspace.js';

const MAX_HALVINGS = 30;

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

/** The bounded-Hessian model at the current η: W, the residuals R of every class, and Σ W. */
function groupModel(ws: MultinomialWorkspace): number {
  const { state, nSamples: n, nClasses: C } = ws;
  workingResiduals(ws);
  const W = ws.W.data;
  let sumW = 0;
  for (let i = 0; i < n; i++) {
    let b = 0;
    for (let c = 0; c < C; c++) b = Math.max(b, 2 * clampedVariance(state.prob(c, i)));
    W[i] = state.wn[i] * b;
    sumW += W[i];
  }
  return sumW;
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

/** One block pass over the list; returns max xv·‖Δ‖². */
function blockPass(ws: MultinomialWorkspace, list: IndexList): number {
  const { kernels, nSamples: n, nFeatures: p, nClasses: C } = ws;
  const beta = ws.state.beta.data;
  let dlx = 0;
  for (let t = 0; t < list.count; t++) {
    const j = list.data[t];
    const col = ws.std.XsPtr + 8 * j * n;
    const v = ws.xvW.data[j];
    const u = classProducts(ws, col);
    let norm = 0;
    for (let c = 0; c < C; c++) norm += (u[c] += v * beta[c * p + j]) ** 2;
    norm = Math.sqrt(norm);
    const shrink = norm > ws.l1.data[j] ? (1 - ws.l1.data[j] / norm) / (v + ws.l2.data[j]) : 0;
    let moved = 0;
    for (let c = 0; c < C; c++) {
      const d = u[c] * shrink - beta[c * p + j];
      if (d === 0) continue;
      beta[c * p + j] += d;
      kernels.axpy3(-d, col, ws.W.ptr, ws.R.ptr + 8 * c * n, n);
      moved += d * d;
    }
    dlx = Math.max(dlx, v * moved);
  }
  return dlx;
}

/** The intercepts' step in every class; returns its measure. */
function interceptStep(ws: MultinomialWorkspace, sumW: number): number {
  if (!ws.fitIntercept) return 0;
  const { nSamples: n } = ws;
  const R = ws.R.data;
  const W = ws.W.data;
  let dlx = 0;
  for (let c = 0; c < ws.nClasses; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += R[c * n + i];
    const d = s / sumW;
    ws.state.b0[c] += d;
    for (let i = 0; i < n; i++) R[c * n + i] -= d * W[i];
    dlx = Math.max(dlx, sumW * d * d);
  }
  return dlx;
}

/** Block descent on the model: full passes, active-set passes between them, until a full pass settles. */
function groupPasses(ws: MultinomialWorkspace, list: IndexList, maxPasses: number, sumW: number): number {
  const { active, nFeatures: p } = ws;
  const beta = ws.state.beta.data;
  const pass = (l: IndexList) => Math.max(blockPass(ws, l), interceptStep(ws, sumW));
  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    if (pass(list) < ws.thr) break;
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
      if (pass(active) < ws.thr) break;
    }
  }
  return passes;
}

/** One IRLS step; returns its passes and size. */
function groupStep(ws: MultinomialWorkspace, list: IndexList, maxPasses: number): { passes: number; change: number } {
  const { state, nSamples: n, nFeatures: p, nClasses: C, betaOld, etaOldAll, thr } = ws;
  const beta = state.beta.data;
  const objOld = state.loss() + groupPenalty(ws, list);
  const sumW = groupModel(ws);
  curvatures(ws, list);
  betaOld.set(beta);
  const b0Old = Float64Array.from(state.b0);
  etaOldAll.set(state.eta.data);
  const passes = groupPasses(ws, list, maxPasses, sumW);
  const D = ws.D.data;
  let change = 0;
  for (let c = 0; c < C; c++) {
    const db = state.b0[c] - b0Old[c];
    D.fill(db, c * n, (c + 1) * n);
    change = Math.max(change, sumW * db * db);
  }
  for (let t = 0; t < list.count; t++) {
    const j = list.data[t];
    let moved = 0;
    for (let c = 0; c < C; c++) {
      const d = beta[c * p + j] - betaOld[c * p + j];
      if (d === 0) continue;
      moved += d * d;
      ws.kernels.axpy(d, ws.std.XsPtr + 8 * j * n, ws.D.ptr + 8 * c * n, n);
    }
    change = Math.max(change, ws.xvW.data[j] * moved);
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

/** IRLS steps until one moves less than the threshold (or maxPasses). */
export async function solveGrouped(ws: MultinomialWorkspace, list: IndexList, maxPasses: number, pacer: Pacer): Promise<InnerReport> {
  let passes = 0;
  ws.state.refresh();
  for (;;) {
    const step = groupStep(ws, list, Math.max(1, maxPasses - passes));
    passes += step.passes;
    if (step.change < ws.thr) return { passes, converged: true };
    if (passes >= maxPasses) return { passes, converged: false };
    await pacer.step();
  }
}
