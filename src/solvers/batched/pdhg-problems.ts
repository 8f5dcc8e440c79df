// What the PDHG block knows of its columns' problems on the host, for the exact finish and the
// working set's checks: the loss's slopes, and per problem (the columns of one problem share it)
// its sample weights, penalty scales and the finish's data. One problem for a path's block
// (solve.ts); one per fold for cross-validation folds batched as column problems (pdhg-columns.ts),
// each with the weights and penalty scales of BatchOps.columnProblems.

import { penaltyUnits } from '../penalty-units.js';
import { subdifferentialDistance } from '../../penalties/elastic-net.js';
import type { Standardized } from '../../problem/standardize.js';
import type { Problem } from '../../problem/validate.js';
import { type FinishData, finishDataOf, type FinishPenalty } from '../piecewise-linear-finish.js';

/** One problem over the shared X̃: its finish data (weights wn, xv, residual scale) and penalty scales. */
export interface PdhgProblem {
  finish: FinishData;
  /** nFeatures + 1 penalty scales q ≥ 0 (BatchOps.columnProblems), or null: 1 everywhere. */
  scales: Float64Array | null;
}

export interface PdhgProblems {
  nSamples: number;
  nFeatures: number;
  intercept: boolean;
  below: number;
  above: number;
  /** nSamples × nFeatures float64 standardized features, column-major (shared by every problem). */
  Xs: Float64Array;
  /** nFeatures flags: features with a column in X̃ (the others are fixed at 0). */
  usable: Uint8Array;
  /** nFeatures α·v_j and (1 − α)·v_j: l1 and l2 per unit λ (before the problem's scales). */
  l1Unit: Float64Array;
  l2Unit: Float64Array;
  /** nFeatures bounds on β̃ (the same in every problem's coordinates). */
  lower: Float64Array;
  upper: Float64Array;
  problems: PdhgProblem[];
  /** Per column of the block: the index of its problem. */
  problemOf: Int32Array;
}

/** What a PDHG block needs besides its job: its columns' problems and the step's bound. */
export interface PdhgSetup {
  problems: PdhgProblems;
  /**
   * λ_max(X̃₁ᵀ diag(w) X̃₁), an upper bound over every column's weights: the step's bound where
   * the backend has no working-set products (called only there).
   */
  gramNorm: () => number | Promise<number>;
}

/** The penalty scale q of coefficient row j in problem g (1 without scales). */
export function scaleOf(pp: PdhgProblems, g: number, j: number): number {
  const scales = pp.problems[g].scales;
  return scales ? scales[j] : 1;
}

/** Whether feature j < nFeatures may move in problem g: usable, with a scale above 0. */
export function isOpen(pp: PdhgProblems, g: number, j: number): boolean {
  return pp.usable[j] === 1 && scaleOf(pp, g, j) > 0;
}

/** Problem g's penalty at λ: l1 = λ α v_j q_j, l2 = λ (1 − α) v_j q_j², the shared bounds. */
export function penaltyAt(pp: PdhgProblems, g: number, lambda: number): FinishPenalty {
  const p = pp.nFeatures;
  const l1 = new Float64Array(p);
  const l2 = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const q = scaleOf(pp, g, j);
    l1[j] = lambda * pp.l1Unit[j] * q;
    l2[j] = lambda * pp.l2Unit[j] * q * q;
  }
  return { l1, l2, lower: pp.lower, upper: pp.upper };
}

/**
 * The KKT violation of feature j at β̃_j = b with gradient g (minus the loss's), in problem
 * `problem`'s own coordinates (the distance over q, as BatchOps.kkt): 0 for a closed feature.
 */
export function featureViolation(pp: PdhgProblems, problem: number, penalty: FinishPenalty, j: number, g: number, b: number): number {
  if (!isOpen(pp, problem, j)) return 0;
  const d = subdifferentialDistance(g, b, penalty.l1[j], penalty.l2[j], penalty.lower[j], penalty.upper[j]);
  return d / scaleOf(pp, problem, j);
}

/** Column k's trace of X̃_Sᵀ diag(w) X̃_S (an upper bound on its largest eigenvalue). */
export function traceOver(pp: PdhgProblems, k: number, rows: Int32Array): number {
  const { finish } = pp.problems[pp.problemOf[k]];
  let trace = 0;
  for (const j of rows) {
    if (j < pp.nFeatures) trace += finish.xv[j];
    else for (let i = 0; i < pp.nSamples; i++) trace += finish.wn[i]; // the intercept's ones column
  }
  return trace;
}

function shell(problem: Problem, std: Standardized, problems: PdhgProblem[], problemOf: Int32Array): PdhgProblems {
  const loss = problem.loss;
  if (loss.smooth) throw new Error('PDHG takes a piecewise-linear loss');
  const p = problem.nFeatures;
  const { l1Unit, l2Unit } = penaltyUnits(problem);
  return {
    nSamples: problem.nSamples, nFeatures: p, intercept: problem.intercept, ...loss.slopes, Xs: std.Xs, usable: std.usable,
    l1Unit, l2Unit, lower: std.lower, upper: std.upper, problems, problemOf,
  };
}

/** One problem for all K columns: the standardized problem, whose null model predicts b0Start. */
export function sharedProblems(problem: Problem, std: Standardized, b0Start: number, nColumns: number): PdhgProblems {
  if (problem.loss.smooth) throw new Error('PDHG takes a piecewise-linear loss');
  const finish = finishDataOf(std, problem.y, problem.loss, problem.intercept, problem.intercept ? b0Start : 0);
  return shell(problem, std, [{ finish, scales: null }], new Int32Array(nColumns));
}

/** One problem over the shared X̃: weights w_i/n (0 on rows it leaves out) and penalty scales. */
export interface WeightedProblem {
  weights: Float64Array;
  scales: Float64Array;
  /** Its null model's prediction (the residual scale of its finish). */
  eta0: number;
}

/**
 * Problems with their own weights and penalty scales over the standardized problem's X̃ (the
 * folds of a cross-validation), column k of the block on problem problemOf[k].
 */
export function weightedProblems(problem: Problem, std: Standardized, list: WeightedProblem[], problemOf: Int32Array): PdhgProblems {
  if (problem.loss.smooth) throw new Error('PDHG takes a piecewise-linear loss');
  const loss = problem.loss;
  const n = problem.nSamples;
  const problems = list.map((w): PdhgProblem => {
    const xv = new Float64Array(problem.nFeatures);
    for (let j = 0; j < problem.nFeatures; j++) {
      let s = 0;
      for (let i = 0, col = j * n; i < n; i++) s += w.weights[i] * std.Xs[col + i] * std.Xs[col + i];
      xv[j] = s;
    }
    const finish = finishDataOf({ ...std, wn: w.weights, xv }, problem.y, loss, problem.intercept, problem.intercept ? w.eta0 : 0);
    return { finish, scales: w.scales };
  });
  return shell(problem, std, problems, problemOf);
}
