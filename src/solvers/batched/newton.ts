// Proximal Newton on working sets, all λ columns of a block at once: the batched form of what
// makes glmnet fast (IRLS outer steps, coordinate descent on the active features). Each round:
//   1. minus the gradient over every feature (one full product X̃ᵀD) and the KKT check: columns
//      within tolerance are done; the working set S grows by the features that are nonzero or
//      violate their KKT condition in some column still running;
//   2. the weighted Gram matrix of S, per column (IRLS weights h = w·ℓ''), formed on the device;
//      for the squared loss it is the same for every column and formed once per working set
//      (once per set and column when the columns are problems of their own: CV folds);
//   3. the penalized quadratic model solved on it by coordinate descent (no pass over the
//      samples), then η moved by X̃_S·δ, with a backtracking line search on the true objective
//      (the squared loss's model is exact: no search).
// A round costs about two passes over the data per column (the full product, the Gram matrix)
// where a first-order iteration costs two per iteration and needs hundreds.

import { penaltyUnits } from '../penalty-units.js';
import { AbortError } from '../../errors.js';
import type { Problem } from '../../problem/validate.js';
import { Pacer } from '../pacer.js';
import type { BatchBuffer, BatchOps, NewtonOps } from './backend.js';
import { activeColumns, type BlockJob, type BlockResult, filled } from './fista.js';
import { StallWatch } from './precision.js';

/** What the Newton block needs to know of the problem besides the ops. */
export interface NewtonProblem {
  /**
   * The squared loss: its model is exact (no line search) and its curvature constant (a Gram
   * matrix is formed once per working set); one Gram matrix serves every column unless the
   * columns are problems of their own (`columnScales`).
   */
  quadratic: boolean;
  intercept: boolean;
  /** nFeatures α·v_j: the l1 weight per unit λ (the working set's violation test). */
  l1Unit: Float64Array;
  /**
   * One problem per column (BatchOps.columnProblems is set for the block): their penalty scales q,
   * (nFeatures + 1) × K column-major, as written to the backend. Their sample weights differ, so
   * every column has its own Gram matrix (X̃_Sᵀ diag(h_k) X̃_S from `curvatures`, which weighs by
   * the column's own weights), the squared loss's too; and feature j violates its KKT condition
   * in column k beyond λ_k·l1Unit_j·q_jk (never where q_jk = 0: fixed at 0 there).
   */
  columnScales?: Float64Array;
  /**
   * The curvature of the model, non-quadratic losses of one problem: 'exact', each column's own
   * (Newton: one Gram matrix per column and round); 'shared', one metric for every running column,
   * each sample's largest curvature over them (it majorizes every column's Hessian at its point, so
   * the line search rarely cuts the step; one Gram matrix per round, linear convergence);
   * 'auto' (default): shared where the modelled time of the rounds says so (sharesMetric:
   * large n·m², many columns).
   */
  metric?: 'exact' | 'shared' | 'auto';
}

/** The Newton block's view of a problem (one problem for every column). */
export function newtonProblemOf(problem: Problem): NewtonProblem {
  return {
    quadratic: problem.loss.quadratic,
    intercept: problem.intercept,
    l1Unit: penaltyUnits(problem).l1Unit,
  };
}

/** Most rounds (full KKT checks) per block. */
const MAX_ROUNDS = 200;
/** Coordinate-descent sweeps per model solve. */
const MAX_SWEEPS = 1000;
/** The model is solved to this fraction of the KKT target. */
const MODEL_TOLERANCE = 0.1;
/**
 * Inexact Newton, non-quadratic losses: a round's model is solved to this fraction of the
 * column's KKT violation at its start (or MODEL_TOLERANCE of the target, the larger). On the
 * glmnet designs (logistic 1000 × 100) 0.001 cuts the model's coordinate steps by a fifth (ρ = 0)
 * to a half (ρ = 0.5) for under 1 % more passes over the data; 0.01 cut them further but cost
 * 6 % more passes.
 */
const FORCING = 0.001;
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
  // One Gram matrix for every column (the squared loss of one problem), or one per column.
  const shared = problem.quadratic && !problem.columnScales;
  const D = ops.alloc('samples', K), H = shared ? null : ops.alloc('samples', K);
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
  const curvature = new ModelCurvature(ops, problem, H);
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
    // Inexact Newton: each column's model solved to a fraction of its own KKT violation now (the
    // squared loss's model is its objective: solved to the target, or it costs rounds).
    if (!problem.quadratic) {
      ops.write(tolerance, Float64Array.from(kktValues, (v) => Math.max(MODEL_TOLERANCE * job.kktTolerance, FORCING * v)));
    }
    const grown = await growWorkingSet(ops, G, B, job.lambda, running, problem, inSet, working);
    const features = Int32Array.from(working);
    // 2. The model's curvature over S.
    const Q = curvature.form(eta, features, running.length, grown);
    if (!Q) return null;
    // 3. The model's minimizer (every running column in one solve), and the step to it.
    ops.gramSolve(Q, features, G, B, lambda, tolerance, MAX_SWEEPS, trial, sweeps);
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
 * The models' Gram matrices over the working set, kept across rounds: one for every column (the
 * squared loss of one problem: formed once per set; a shared metric, sharesMetric), or one per
 * column (from the per-column curvatures H).
 */
class ModelCurvature {
  private Q: BatchBuffer | null = null;
  /** The shared metric's one-column weights (rounds that share one). */
  private metric: BatchBuffer | null = null;
  /** The working-set size Q holds. */
  private size = -1;
  private readonly shared: boolean;

  constructor(private readonly ops: BatchOps & NewtonOps, private readonly problem: NewtonProblem, private readonly H: BatchBuffer | null) {
    this.shared = H === null;
  }

  /**
   * This round's Gram buffer for S = `features`, formed on the device where it changed (the
   * squared loss's only when S grew: the columns then running are the only ones that solve on it
   * later); null when it would not fit the backend (the block runs FISTA then).
   */
  form(eta: BatchBuffer, features: Int32Array, running: number, grown: boolean): BatchBuffer | null {
    const { ops, problem } = this;
    const m = features.length;
    const oneMetric = !problem.quadratic && !problem.columnScales && sharesMetric(problem.metric, ops.nSamples, m, running);
    const matrices = this.shared || oneMetric ? 1 : eta.nColumns;
    if (m * m * matrices > Math.min(MAX_GRAM_ENTRIES, ops.maxGramEntries ?? Infinity)) return null;
    if (problem.quadratic && !grown && this.size === m && this.Q) return this.Q;
    // A new buffer only when S grew or the metric changed: the rounds of one set reuse it.
    if (!this.Q || this.size !== m || this.Q.nColumns !== matrices) {
      if (this.Q) ops.freeBuffer?.(this.Q);
      this.Q = ops.allocGram(m, matrices);
    }
    // The shared metric: one-column weights, each sample's largest curvature over the columns.
    const weights = oneMetric ? (this.metric ??= ops.alloc('samples', 1)) : this.H;
    if (weights) ops.curvatures(eta, weights);
    ops.weightedGram(features, weights, this.Q);
    this.size = m;
    return this.Q;
  }
}

/**
 * A round's cost model for choosing the metric (the same sizes give the same choice on every
 * backend): Gram flops at a GPU's sustained rate against a round's fixed cost (its readbacks and
 * model solve), and the rounds a shared metric adds: 1.7–2.6× on the glmnet designs (logistic,
 * 1000 × 100 and 2000 × 200, ρ = 0.5, 32 columns), modelled as 1 + 0.05 per extra column.
 */
const GRAM_FLOPS_PER_SECOND = 20e12;
const ROUND_SECONDS = 1e-3;
const roundsFactor = (columns: number) => 1 + 0.05 * (columns - 1);

/**
 * Whether this round's running columns share one metric (each sample's largest curvature over
 * them) rather than each its own: forced, or ('auto') where the modelled time of the rounds is
 * smaller: roundsFactor × (one Gram matrix + a round) against K Gram matrices + a round, a Gram
 * matrix 2·n·m² flops. The model solves run in one dispatch either way.
 */
export function sharesMetric(choice: NewtonProblem['metric'], n: number, m: number, columns: number): boolean {
  if (choice === 'shared') return true;
  if (choice === 'exact' || columns === 1) return false;
  const gramSeconds = (2 * n * m * m) / GRAM_FLOPS_PER_SECOND;
  return roundsFactor(columns) * (gramSeconds + ROUND_SECONDS) < columns * gramSeconds + ROUND_SECONDS;
}

/**
 * Adds to S (inSet, working) the features that are nonzero, or violate their KKT condition
 * (|G_jk| > λ_k α v_j q_jk, q = 1 without column problems), in a running column. Returns whether S grew.
 */
async function growWorkingSet(
  ops: BatchOps, G: BatchBuffer, B: BatchBuffer, lambda: Float64Array, running: Int32Array, problem: NewtonProblem,
  inSet: Uint8Array, working: number[],
): Promise<boolean> {
  const p = ops.nFeatures;
  const { l1Unit, columnScales } = problem;
  const [g, b] = await Promise.all([ops.read(G), ops.read(B)]);
  const before = working.length;
  for (const k of running) {
    const base = k * (p + 1);
    const limit = lambda[k];
    for (let j = 0; j < p; j++) {
      if (inSet[j]) continue;
      const q = columnScales ? columnScales[base + j] : 1;
      if (q === 0) continue; // the column's coefficient is fixed at 0
      if (b[base + j] !== 0 || Math.abs(g[base + j]) > limit * l1Unit[j] * q) {
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
