// Many piecewise-linear problems over one X̃ in one batch (the folds of a cross-validation with
// the absolute or quantile loss): the columns of a block are (problem g, λ) pairs as in
// column-problems.ts, each problem with its own sample weights and penalty scales on the backend
// (BatchOps.columnProblems) and on the host (pdhg-problems.ts), so that PDHG's products over the
// working set serve every problem and λ at once, while each column's exact finish and KKT checks
// use its own problem's data. λ runs in blocks, each problem's block warm-started from its own
// last solution.

import type { Standardized } from '../../problem/standardize.js';
import type { Problem } from '../../problem/validate.js';
import type { BatchOps } from './backend.js';
import { type ColumnBatchOptions, type ColumnProblem, type ColumnProblemsSolution, keepBlock, lambdasPerBlock, uploadBlock } from './column-problems.js';
import { runPdhg } from './pdhg.js';
import { type PdhgProblems, weightedProblems } from './pdhg-problems.js';

/** Iterations between PDHG's convergence checks (as solve.ts). */
const CHECK_EVERY = 64;

/** What the batch returns: per problem and λ, as column-problems.ts's (every block runs PDHG). */
export type PdhgColumnsSolution = Omit<ColumnProblemsSolution, 'methods'>;

/**
 * Solves every problem at every λ. `common` is the standardized problem whose X̃ the problems
 * share (its loss piecewise-linear; its weights are not used); each problem's `start` has its
 * null fit's intercept last (the scale of its residuals).
 */
export async function solveColumnProblemsPdhg(
  ops: BatchOps,
  common: { problem: Problem; std: Standardized },
  problems: ColumnProblem[],
  lambdas: Float64Array,
  options: ColumnBatchOptions,
): Promise<PdhgColumnsSolution> {
  if (!holdsColumnProblems(ops)) throw new Error('this batched backend cannot hold one problem per column');
  const { problem } = common;
  const p = problem.nFeatures;
  const host = weightedProblems(problem, common.std, problems.map((g) => ({
    weights: g.weights, scales: g.scales, eta0: g.start[p],
  })), new Int32Array(0));
  const perBlock = lambdasPerBlock(problems.length);
  const solution: PdhgColumnsSolution = {
    coefs: problems.map(() => []), iterations: problems.map(() => []), converged: problems.map(() => []), kkt: problems.map(() => []),
  };
  const last: Float64Array[] = problems.map((g) => g.start.slice());
  try {
    for (let first = 0; first < lambdas.length; first += perBlock) {
      const block = lambdas.subarray(first, first + perBlock);
      await solveBlock(ops, host, problems, block, last, solution, options);
      options.onBlock?.(first + block.length);
    }
  } finally {
    ops.columnProblems(null, null);
  }
  return solution;
}

type ColumnOps = BatchOps & Required<Pick<BatchOps, 'columnProblems'>>;

const holdsColumnProblems = (ops: BatchOps): ops is ColumnOps => typeof ops.columnProblems === 'function';

/** One block of λ for every problem: column g·b + l is problem g at the block's λ_l. */
async function solveBlock(
  ops: ColumnOps,
  host: PdhgProblems,
  problems: ColumnProblem[],
  block: Float64Array,
  last: Float64Array[],
  solution: PdhgColumnsSolution,
  options: ColumnBatchOptions,
): Promise<void> {
  const rows = ops.nFeatures + 1;
  const { lambda, start, problemOf, W, Q } = uploadBlock(ops, problems, block, last);
  const result = await runPdhg(ops, {
    lambda, start, kktTolerance: options.kktTolerance, maxIterations: options.maxIterations, checkEvery: CHECK_EVERY, signal: options.signal,
  }, { problems: { ...host, problemOf }, gramNorm: options.gramNorm });
  ops.columnProblems(null, null);
  ops.freeBuffer?.(W);
  ops.freeBuffer?.(Q);
  keepBlock(solution, result, block.length, rows, last);
}
