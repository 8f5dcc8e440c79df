// Proximal Newton on working sets, all λ columns of a block at once: the batched form of what
// makes glmnet fast (IRLS outer steps, coordinate descent on the active features). Each round:
//   1. minus the gradient over every feature (one full product X̃ᵀD) and the KKT check: columns
//      within tolerance are done; the working set S grows by the features that are nonzero or
//      violate their KKT condition in some column still running;
//   2. the weighted Gram matrix of S, per column (IRLS weights h = w·ℓ''), formed on the device;
//      for the squared loss it is the same for every column and formed once per working set;
//   3. the penalized quadratic model solved on it by coordinate descent (no pass over the
//      samples), then η moved by X̃_S·δ, with a backtracking line search on the true objective
//      (the squared loss's model is exact: no search).
// A round costs about two passes over the data per column (the full product, the Gram matrix)
// where a first-order iteration costs two per iteration and needs hundreds.

import { AbortError } from '../../problem/errors.js';
import { Pacer } from '../pacer.js';
import type { BatchBuffer, BatchOps, NewtonOps } from './backend.js';
import { activeColumns, type BlockJob, type BlockResult, filled } from './fista.js';
import { StallWatch } from './precision.js';

/** What the Newton block needs to know of the problem besides the ops. */
export interface NewtonProblem {
  /** The squared loss: its model is exact, one Gram matrix serves every column. */
  quadratic: boolean;
  intercept: boolean;
  /** nFeatures α·v_j: the l1 weight per unit λ (the working set's violation test). */
  l1Unit: Float64Array;
}

/** Most rounds (full KKT checks) per block. */
const MAX_ROUNDS = 200;
/** Coordinate-descent sweeps per model solve. */
const MAX_SWEEPS = 1000;
/** The model is solved to this fraction of the KKT target. */
const MODEL_TOLERANCE = 0.1;
/** Halvings of the step before it is taken as it is. */
const MAX_HALVINGS = 30;
/** Entries of the Gram buffer (size² × columns) beyond which the block runs FISTA instead. */
export const MAX_GRAM_ENTRIES = 2 ** 26;

/**
 * Solves a block by proximal Newton; returns null (nothing changed that the caller keeps) when
 * the working set outgrows MAX_GRAM_ENTRIES, for the caller to run FISTA from `job.start`.
 */
export async function newtonBlock(ops: BatchOps & NewtonOps, job: BlockJob, problem: NewtonProblem): Promise<BlockResult | null> {
  const K = job.lambda.length;
  const p = ops.nFeatures;
  const rows = p + 1;
  const B = ops.alloc('coefs', K), trial = ops.alloc('coefs', K), G = ops.alloc('coefs', K), step = ops.alloc('coefs', K);
  const eta = ops.alloc('samples', K), etaTrial = ops.alloc('samples', K), deltaEta = ops.alloc('samples', K);
  const D = ops.alloc('samples', K), H = problem.quadratic ? null : ops.alloc('samples', K);
  const lambda = ops.alloc('columns', K), value = ops.alloc('columns', K), penalty = ops.alloc('columns', K);
  const kkt = ops.alloc('columns', K), sweeps = ops.alloc('columns', K);
  const tolerance = filled(ops, K, MODEL_TOLERANCE * job.kktTolerance);
  const one = filled(ops, K, 1), zero = filled(ops, K, 0), minusOne = filled(ops, K, -1);
  ops.write(lambda, job.lambda);
  const search: SearchBuffers = {
    B, trial, step, eta, etaTrial, deltaEta, D, lambda, value, penalty, one, zero,
    t: ops.alloc('columns', K), trialValue: ops.alloc('columns', K),
  };

  const done = new Array<boolean>(K).fill(false);
  const converged = new Array<boolean>(K).fill(false);
  const iterations = new Array<number>(K).fill(0);
  const stall = new StallWatch(ops.precision, K);
  let kktValues: Float64Array = new Float64Array(K);
  const inSet = new Uint8Array(rows);
  const working: number[] = [];
  if (problem.intercept) {
    inSet[p] = 1;
    working.push(p);
  }
  let Q: BatchBuffer | null = null;
  let gramFor = -1; // the working-set size Q holds (squared loss: formed once per set)
  const pacer = new Pacer(job.signal);

  ops.setActive(activeColumns(done));
  ops.write(B, job.start);
  ops.forward(B, eta);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (pacer.due()) await pacer.pause();
    // 1. The full gradient, the KKT check, and the working set.
    ops.smoothTerms(eta, D, value);
    ops.backward(D, G);
    ops.kkt(G, B, lambda, kkt);
    // The last model solve's sweeps come back with the check (its work is counted by them).
    [kktValues] = await Promise.all([ops.read(kkt), round > 0 ? ops.read(sweeps) : null]);
    for (let k = 0; k < K; k++) {
      if (done[k]) continue;
      if (kktValues[k] <= job.kktTolerance) done[k] = converged[k] = true;
      else if (stall.stalled(k, kktValues[k])) done[k] = true;
    }
    const running = activeColumns(done);
    if (running.length === 0) break;
    ops.setActive(running);
    const grown = await growWorkingSet(ops, G, B, job.lambda, running, problem.l1Unit, inSet, working);
    const features = Int32Array.from(working);
    const m = features.length;
    if (m * m * (problem.quadratic ? 1 : K) > Math.min(MAX_GRAM_ENTRIES, ops.maxGramEntries ?? Infinity)) return null;

    // 2. The model's curvature over S.
    if (!problem.quadratic || grown || gramFor !== m) {
      // A new buffer only when S grew: the rounds of one working set reuse it.
      if (!Q || gramFor !== m) {
        if (Q) ops.freeBuffer?.(Q);
        Q = ops.allocGram(m, problem.quadratic ? 1 : K);
      }
      if (H) ops.curvatures(eta, H);
      ops.weightedGram(features, H, Q);
      gramFor = m;
    }
    // 3. The model's minimizer, and the step to it.
    ops.gramSolve(Q!, features, G, B, lambda, tolerance, MAX_SWEEPS, trial, sweeps);
    ops.combine(one, trial, minusOne, B, step);
    ops.forwardFeatures(features, step, deltaEta);
    if (problem.quadratic) {
      ops.combine(one, trial, zero, trial, B); // running columns only (copy would take them all)
      ops.combine(one, eta, one, deltaEta, eta);
    } else {
      await lineSearch(ops, search, running);
    }
    for (const k of running) iterations[k]++;
  }
  if (job.signal?.aborted) throw new AbortError('the fit was aborted');
  ops.setActive(Int32Array.from({ length: K }, (_, k) => k));
  const coefs = await ops.read(B);
  return { coefs, iterations, converged, kkt: Array.from(kktValues) };
}

/**
 * Adds to S (inSet, working) the features that are nonzero, or violate their KKT condition
 * (|G_jk| > λ_k α v_j), in a running column. Returns whether S grew.
 */
async function growWorkingSet(
  ops: BatchOps, G: BatchBuffer, B: BatchBuffer, lambda: Float64Array, running: Int32Array, l1Unit: Float64Array,
  inSet: Uint8Array, working: number[],
): Promise<boolean> {
  const p = ops.nFeatures;
  const [g, b] = await Promise.all([ops.read(G), ops.read(B)]);
  const before = working.length;
  for (const k of running) {
    const base = k * (p + 1);
    const limit = lambda[k];
    for (let j = 0; j < p; j++) {
      if (inSet[j]) continue;
      if (b[base + j] !== 0 || Math.abs(g[base + j]) > limit * l1Unit[j]) {
        inSet[j] = 1;
        working.push(j);
      }
    }
  }
  // Coordinate descent visits S in feature order, as glmnet's passes do.
  if (working.length > before) working.sort((x, y) => x - y);
  return working.length > before;
}

interface SearchBuffers {
  B: BatchBuffer; trial: BatchBuffer; step: BatchBuffer; eta: BatchBuffer; etaTrial: BatchBuffer; deltaEta: BatchBuffer;
  D: BatchBuffer; lambda: BatchBuffer; value: BatchBuffer; penalty: BatchBuffer; one: BatchBuffer; zero: BatchBuffer;
  /** Scratch columns: the step lengths, and the loss at the trial points. */
  t: BatchBuffer; trialValue: BatchBuffer;
}

/**
 * Backtracking on the objective, per column: the step t·δ is taken once F(B + tδ) ≤ F(B) (within
 * rounding), t halved otherwise. `value` holds the loss at B on entry.
 */
async function lineSearch(ops: BatchOps & NewtonOps, s: SearchBuffers, running: Int32Array): Promise<void> {
  const K = s.value.nColumns;
  const slack = ops.precision === 'float64' ? 1e-12 : 1e-6;
  const t = new Float64Array(K).fill(1);
  const { t: tBuffer, trialValue } = s;
  ops.penaltyValues(s.B, s.lambda, s.penalty);
  const [loss0, pen0] = await Promise.all([ops.read(s.value), ops.read(s.penalty)]);
  let pending = Array.from(running);
  for (let h = 0; h <= MAX_HALVINGS && pending.length > 0; h++) {
    ops.setActive(Int32Array.from(pending));
    ops.write(tBuffer, t);
    ops.combine(s.one, s.B, tBuffer, s.step, s.trial);
    ops.combine(s.one, s.eta, tBuffer, s.deltaEta, s.etaTrial);
    ops.smoothTerms(s.etaTrial, s.D, trialValue);
    ops.penaltyValues(s.trial, s.lambda, s.penalty);
    const [loss, pen] = await Promise.all([ops.read(trialValue), ops.read(s.penalty)]);
    const accepted: number[] = [];
    const rejected: number[] = [];
    for (const k of pending) {
      const before = loss0[k] + pen0[k];
      const ok = loss[k] + pen[k] <= before + slack * Math.abs(before) || h === MAX_HALVINGS;
      (ok ? accepted : rejected).push(k);
      if (!ok) t[k] *= 0.5;
    }
    if (accepted.length > 0) {
      ops.setActive(Int32Array.from(accepted));
      ops.combine(s.one, s.trial, s.zero, s.trial, s.B);
      ops.combine(s.one, s.etaTrial, s.zero, s.etaTrial, s.eta);
    }
    pending = rejected;
  }
  ops.setActive(running);
}
