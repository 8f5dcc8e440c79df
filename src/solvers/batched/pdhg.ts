// PDHG (Chambolle–Pock) for the piecewise-linear losses, all λ columns of a block at once, with
// restarts to the average (PDLP's scheme) and an exact finish per column.
//
// With wn the weights and u ∈ [below, above]ⁿ the dual slopes, the problem is the saddle point
//   min over x = (β̃, b̃0)  max over u:  P(β̃) + Σ_i wn_i u_i (y_i − (X̃₁x)_i),
// since max_u u·r over the interval is the loss. Steps: x⁺ = prox_{τP}(x + τ·X̃₁ᵀ(wn∘u)),
// x̄ = 2x⁺ − x, u⁺ = clip(u + σ(y − X̃₁x̄)). The dual step is diagonally preconditioned by 1/wn_i
// (which cancels the weights), so the condition is τσ·λ_max(X̃₁ᵀ diag(wn) X̃₁) < 1; τ = s/ω,
// σ = s·ω with the primal weight ω balancing the primal and dual distances at restarts.
// Once a column's normalized KKT error is modest, `exactFinish` guesses the structure (elbow
// samples, active features) from the iterate and solves it exactly.

import { Pacer } from '../pacer.js';
import type { Standardized } from '../../problem/standardize.js';
import type { Problem } from '../../problem/validate.js';
import { exactFinish, type FinishPenalty, finishDataOf } from '../piecewise-linear-finish.js';
import type { BatchBuffer, BatchOps } from './backend.js';
import { activeColumns, filled, type BlockJob, type BlockResult } from './fista.js';
import { FLOAT32_EPSILON, FLOAT32_KKT_MULTIPLE, StallWatch } from './precision.js';

/** τσ‖K‖² = STEP_PRODUCT² < 1, with margin for the power iteration's estimate. */
const STEP_PRODUCT = 0.9;
/** PDLP's restart thresholds: sufficient and necessary decay of the error, artificial restart. */
const RESTART_SUFFICIENT = 0.2;
const RESTART_NECESSARY = 0.8;
const RESTART_ARTIFICIAL = 0.36;
/** Smoothing of the primal weight's update (in log scale). */
const WEIGHT_SMOOTHING = 0.5;
/**
 * PDHG's own certificate, for columns the finish cannot take (a flat direction, e.g. an
 * intercept that is not unique): KKT within tolerance and the loss gap Σ wn (ℓ − u·r) below
 * this fraction of the mean absolute residual of the null model.
 */
const GAP_TOLERANCE = 1e-12;
/** The same in float32, where the gap is a sum of n float32 terms (see precision.ts). */
const FLOAT32_GAP_TOLERANCE = FLOAT32_KKT_MULTIPLE * FLOAT32_EPSILON;
/** Normalized error below which the exact finish is attempted. */
const FINISH_START = 1e-3;

interface Iterate {
  X: BatchBuffer;
  U: BatchBuffer;
}

export async function pdhgBlock(
  ops: BatchOps,
  gramNorm: number,
  job: BlockJob,
  problem: Problem,
  std: Standardized,
  b0Start: number,
): Promise<BlockResult> {
  const loss = problem.loss;
  if (loss.smooth) throw new Error('PDHG takes a piecewise-linear loss');
  const { below, above } = loss.slopes;
  const n = problem.nSamples;
  const p = problem.nFeatures;
  const rows = p + 1;
  const K = job.lambda.length;
  const y = problem.y;

  const gapTolerance = ops.precision === 'float64' ? GAP_TOLERANCE : FLOAT32_GAP_TOLERANCE;
  const stall = new StallWatch(ops.precision, K);
  const finishData = finishDataOf(std, y, loss, problem.intercept, b0Start);
  const { residualScale } = finishData;
  const strong: number[] = [];
  for (let j = 0; j < p; j++) if (std.usable[j]) strong.push(j);
  const penaltyOf = (lambda: number): FinishPenalty => {
    const l1 = new Float64Array(p);
    const l2 = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      l1[j] = lambda * problem.alpha * problem.penaltyFactor[j];
      l2[j] = lambda * (1 - problem.alpha) * problem.penaltyFactor[j];
    }
    return { l1, l2, lower: std.lower, upper: std.upper };
  };

  const coefs = () => ops.alloc('coefs', K);
  const samples = () => ops.alloc('samples', K);
  const columns = () => ops.alloc('columns', K);
  const cur: Iterate = { X: coefs(), U: samples() };
  const avg: Iterate = { X: coefs(), U: samples() };
  const sum: Iterate = { X: coefs(), U: samples() };
  const anchor: Iterate = { X: coefs(), U: samples() };
  const Xnew = coefs(), Xbar = coefs(), G = coefs(), Xdiff = coefs();
  const eta = samples(), D = samples(), Udiff = samples();
  const lambda = columns();
  ops.write(lambda, job.lambda);
  const one = filled(ops, K, 1), two = filled(ops, K, 2), minusOne = filled(ops, K, -1), zero = filled(ops, K, 0);
  const a = columns(), b = columns(), tau = columns(), sigma = columns();
  const kkt = columns(), gap = columns(), value = columns(), norm = columns(), inverseCount = columns();

  const s = gramNorm > 0 ? STEP_PRODUCT / Math.sqrt(gramNorm) : 1;
  const omega = new Float64Array(K).fill(1 / residualScale);
  const writeSteps = () => {
    ops.write(tau, omega.map((w) => s / w));
    ops.write(sigma, omega.map((w) => s * w));
  };
  const perColumn = (values: (k: number) => number) => Float64Array.from({ length: K }, (_, k) => values(k));

  const done = new Array<boolean>(K).fill(false);
  const iterations = new Array<number>(K).fill(0);
  const finalCoefs = new Float64Array(rows * K);
  const finalKkt = new Array<number>(K).fill(Infinity);
  /** Columns whose answer is the exact finish's (the others keep PDHG's iterate). */
  const finished = new Array<boolean>(K).fill(false);
  const sinceRestart = new Array<number>(K).fill(0);
  const errorAtRestart = new Array<number>(K).fill(Infinity);
  const previousCandidate = new Array<number>(K).fill(Infinity);
  const finishedAt = new Array<number>(K).fill(Infinity);
  /** Columns stopped on float32 rounding (never in float64). */
  const stalled = new Array<boolean>(K).fill(false);

  ops.setActive(activeColumns(done));
  ops.write(cur.X, job.start);
  ops.forward(cur.X, eta);
  ops.write(sigma, new Float64Array(K).fill(1e300)); // u = the slope of each residual's side
  ops.dualStep(eta, cur.U, sigma);
  ops.copy(cur.X, anchor.X);
  ops.copy(cur.U, anchor.U);
  writeSteps();

  /** Normalized KKT error (max of the subdifferential distance and the loss gap) and the raw distance. */
  const errors = async (it: Iterate) => {
    ops.forward(it.X, eta);
    ops.dualGap(eta, it.U, gap, value);
    ops.weigh(it.U, D);
    ops.backward(D, G);
    ops.kkt(G, it.X, lambda, kkt);
    const dist = await ops.read(kkt);
    const g = await ops.read(gap);
    const err = perColumn((k) => Math.max(dist[k] / (above - below), g[k] / residualScale));
    return { dist, gap: g, err };
  };

  /** Exact finish of column k from the iterate (x, u) read back; true when certified. */
  const finish = (k: number, x: Float64Array, u: Float64Array): boolean => {
    const beta = x.slice(k * rows, k * rows + p);
    const b0 = x[k * rows + p];
    const etaK = new Float64Array(n).fill(problem.intercept ? b0 : 0);
    for (let j = 0; j < p; j++) {
      const bj = beta[j];
      if (bj === 0) continue;
      for (let i = 0; i < n; i++) etaK[i] += std.Xs[j * n + i] * bj;
    }
    const margin = 1e-12 * (above - below);
    const elbow = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const ui = u[k * n + i];
      const inside = ui > below + margin && ui < above - margin;
      elbow[i] = inside || Math.abs(y[i] - etaK[i]) <= finishData.residualTolerance ? 1 : 0;
    }
    const result = exactFinish(finishData, strong, penaltyOf(job.lambda[k]), beta, etaK, elbow);
    if (!result || !(result.kkt <= job.kktTolerance)) return false;
    finalCoefs.set(result.beta, k * rows);
    finalCoefs[k * rows + p] = problem.intercept ? result.b0 : 0;
    finalKkt[k] = result.kkt;
    done[k] = true;
    finished[k] = true;
    return true;
  };

  /** One convergence check: restarts, primal weights, finishes; returns when all columns are done. */
  const checkpoint = async (total: number): Promise<void> => {
    ops.write(inverseCount, perColumn((k) => 1 / Math.max(1, sinceRestart[k])));
    ops.combine(inverseCount, sum.X, zero, sum.X, avg.X);
    ops.combine(inverseCount, sum.U, zero, sum.U, avg.U);
    const now = await errors(cur);
    const mean = await errors(avg);
    const useAverage = perColumn((k) => (sinceRestart[k] > 0 && mean.err[k] < now.err[k] ? 1 : 0));
    const restart = new Array<boolean>(K).fill(false);
    const wantFinish: number[] = [];
    for (let k = 0; k < K; k++) {
      if (done[k]) continue;
      finalKkt[k] = now.dist[k];
      if (now.dist[k] <= job.kktTolerance && now.gap[k] <= gapTolerance * residualScale) {
        done[k] = true; // certified by PDHG itself: its iterate is the answer
        continue;
      }
      if (stall.stalled(k, now.err[k])) {
        stalled[k] = true; // float32 rounding: stop, reported as not converged
        done[k] = true;
        continue;
      }
      const candidate = useAverage[k] ? mean.err[k] : now.err[k];
      restart[k] = sinceRestart[k] > 0 && (
        candidate <= RESTART_SUFFICIENT * errorAtRestart[k] ||
        (candidate <= RESTART_NECESSARY * errorAtRestart[k] && candidate > previousCandidate[k]) ||
        sinceRestart[k] >= RESTART_ARTIFICIAL * total);
      previousCandidate[k] = candidate;
      if (candidate <= FINISH_START && candidate <= 0.5 * finishedAt[k]) {
        wantFinish.push(k);
        finishedAt[k] = candidate;
      }
    }
    if (wantFinish.length > 0) {
      const [xNow, uNow, xMean, uMean] = await Promise.all([
        ops.read(cur.X), ops.read(cur.U), ops.read(avg.X), ops.read(avg.U),
      ]);
      for (const k of wantFinish) {
        if (!finish(k, useAverage[k] ? xMean : xNow, useAverage[k] ? uMean : uNow)) {
          finish(k, useAverage[k] ? xNow : xMean, useAverage[k] ? uNow : uMean);
        }
      }
    }
    if (restart.includes(true)) {
      // Restarted columns move to their candidate; the primal weight balances the distances
      // travelled since the last restart; the averages start over.
      const keep = perColumn((k) => (restart[k] && !done[k] ? 1 - useAverage[k] : 1));
      const take = perColumn((k) => (restart[k] && !done[k] ? useAverage[k] : 0));
      ops.write(a, keep);
      ops.write(b, take);
      ops.combine(a, cur.X, b, avg.X, cur.X);
      ops.combine(a, cur.U, b, avg.U, cur.U);
      ops.combine(one, cur.X, minusOne, anchor.X, Xdiff);
      ops.combine(one, cur.U, minusOne, anchor.U, Udiff);
      ops.squaredNorms(Xdiff, norm);
      const dx = await ops.read(norm);
      ops.squaredNorms(Udiff, norm);
      const du = await ops.read(norm);
      const moved = perColumn((k) => (restart[k] && !done[k] ? 1 : 0));
      for (let k = 0; k < K; k++) {
        if (!moved[k]) continue;
        if (dx[k] > 0 && du[k] > 0) {
          const target = Math.sqrt(du[k] / dx[k]);
          omega[k] = Math.exp(WEIGHT_SMOOTHING * Math.log(target) + (1 - WEIGHT_SMOOTHING) * Math.log(omega[k]));
        }
        errorAtRestart[k] = useAverage[k] ? mean.err[k] : now.err[k];
        previousCandidate[k] = Infinity;
        sinceRestart[k] = 0;
      }
      ops.write(a, perColumn((k) => 1 - moved[k]));
      ops.write(b, moved);
      ops.combine(a, anchor.X, b, cur.X, anchor.X);
      ops.combine(a, anchor.U, b, cur.U, anchor.U);
      ops.combine(a, sum.X, zero, sum.X, sum.X);
      ops.combine(a, sum.U, zero, sum.U, sum.U);
      writeSteps();
    }
    ops.setActive(activeColumns(done));
  };

  // The warm start may already have the right structure: try the finish before iterating.
  {
    const start = await errors(cur);
    const u0 = await ops.read(cur.U);
    for (let k = 0; k < K; k++) {
      errorAtRestart[k] = start.err[k];
      finalKkt[k] = start.dist[k];
      finish(k, job.start, u0);
    }
    ops.setActive(activeColumns(done));
  }
  // Pauses between iterations let an abort be seen on the CPU backend, whose readbacks do not wait.
  const pacer = new Pacer(job.signal);
  for (let it = 1; it <= job.maxIterations && done.includes(false); it++) {
    if (pacer.due()) await pacer.pause();
    ops.weigh(cur.U, D);
    ops.backward(D, G);
    ops.proxGradient(cur.X, G, tau, lambda, Xnew);
    ops.combine(two, Xnew, minusOne, cur.X, Xbar);
    ops.combine(one, Xnew, zero, Xnew, cur.X);
    ops.forward(Xbar, eta);
    ops.dualStep(eta, cur.U, sigma);
    ops.combine(one, sum.X, one, cur.X, sum.X);
    ops.combine(one, sum.U, one, cur.U, sum.U);
    for (let k = 0; k < K; k++) {
      if (done[k]) continue;
      iterations[k]++;
      sinceRestart[k]++;
    }
    if (it % job.checkEvery === 0 || it === job.maxIterations) {
      pacer.check();
      await checkpoint(it);
    }
  }
  // Columns the finish never certified keep PDHG's iterate, converged only when PDHG's own
  // certificate (KKT and loss gap) held.
  const xLast = await ops.read(cur.X);
  const converged = done.map((d, k) => d && !stalled[k]);
  for (let k = 0; k < K; k++) {
    if (finished[k]) continue;
    finalCoefs.set(xLast.subarray(k * rows, (k + 1) * rows), k * rows);
  }
  return { coefs: finalCoefs, iterations, converged, kkt: finalKkt };
}
