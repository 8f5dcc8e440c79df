// Many problems over one X̃ in one batch (cross-validation folds): the columns of a block are
// (problem g, λ) pairs, each problem with its own sample weights and penalty scales
// (BatchOps.columnProblems), so that one product with X̃ serves every problem and λ at once.
// λ runs in blocks as in solve.ts, each problem's block warm-started from its own last solution.
// Smooth losses only: proximal Newton on working sets (newton.ts) where the backend has the
// Newton ops, each column with its own Gram matrix and line search on its own problem's
// objective; FISTA otherwise, and for a block whose working set outgrows the Gram buffers. The
// piecewise-linear finish works on one problem's data.

import { type BatchBuffer, type BatchOps, hasNewton } from './backend.js';
import { type BlockResult, fistaBlock } from './fista.js';
import { newtonBlock, type NewtonProblem } from './newton.js';

/** One problem of the batch, in the coordinates of the shared X̃. */
export interface ColumnProblem {
  /** nSamples float64: w_i/n of this problem (summing to 1), 0 for the rows it leaves out. */
  weights: Float64Array;
  /** nFeatures + 1 float64 penalty scales q ≥ 0 (see BatchOps.columnProblems); the intercept row 1. */
  scales: Float64Array;
  /** nFeatures + 1 float64: the starting coefficients, intercept last. */
  start: Float64Array;
}

export interface ColumnProblemsSolution {
  /** Per problem, per λ: nFeatures + 1 coefficients (intercept last), in the shared coordinates. */
  coefs: Float64Array[][];
  iterations: number[][];
  converged: boolean[][];
  /** Per problem, per λ: the KKT violation in the problem's own coordinates (absolute). */
  kkt: number[][];
  /** Per block: the method that solved it (Newton's iterations are rounds, FISTA's steps). */
  methods: ('newton' | 'fista')[];
}

/** What a batch of column problems is solved to, and its callbacks (FISTA's and PDHG's alike). */
export interface ColumnBatchOptions {
  /**
   * An upper bound on λ_max(X̃₁ᵀ diag(weights) X̃₁) over the problems: a first-order step's bound,
   * asked for only when a block needs it (a power iteration: 120 products).
   */
  gramNorm: () => number | Promise<number>;
  kktTolerance: number;
  maxIterations: number;
  signal?: AbortSignal;
  /** Called after each block with the number of λ solved for every problem. */
  onBlock?: (solved: number) => void;
}

/** Columns per block, over all problems: λ per block = max(1, floor(this / problems)). */
const BLOCK_COLUMNS = 320;

/** λ per block when `problems` problems share a block. */
export const lambdasPerBlock = (problems: number): number => Math.max(1, Math.floor(BLOCK_COLUMNS / problems));
const CHECK_EVERY = 25;

export async function solveColumnProblems(
  ops: BatchOps,
  problems: ColumnProblem[],
  lambdas: Float64Array,
  options: ColumnBatchOptions & {
    /**
     * The problems' common part for proximal Newton (the loss's kind, the intercept, l1 per unit
     * λ); absent or false: FISTA. Used only where the backend has the Newton ops.
     */
    newton?: Omit<NewtonProblem, 'columnScales'> | false;
  },
): Promise<ColumnProblemsSolution> {
  if (!ops.columnProblems) throw new Error('this batched backend cannot hold one problem per column');
  const rows = ops.nFeatures + 1;
  const perBlock = lambdasPerBlock(problems.length);
  const solution: ColumnProblemsSolution = {
    coefs: problems.map(() => []), iterations: problems.map(() => []), converged: problems.map(() => []), kkt: problems.map(() => []),
    methods: [],
  };
  const newton = options.newton && hasNewton(ops) ? { ops, problem: options.newton } : null;
  let gramNorm: number | undefined;
  const last: Float64Array[] = problems.map((g) => g.start.slice());
  for (let first = 0; first < lambdas.length; first += perBlock) {
    const block = lambdas.subarray(first, first + perBlock);
    const { lambda, start, scales } = uploadBlock(ops, problems, block, last);
    const job = {
      lambda, start, kktTolerance: options.kktTolerance, maxIterations: options.maxIterations,
      checkEvery: CHECK_EVERY, signal: options.signal,
    };
    let result: BlockResult | null = null;
    if (newton) result = await newtonBlock(newton.ops, job, { ...newton.problem, columnScales: scales });
    solution.methods.push(result ? 'newton' : 'fista');
    result ??= await fistaBlock(ops, (gramNorm ??= await options.gramNorm()), job);
    keepBlock(solution, result, block.length, rows, last);
    options.onBlock?.(first + block.length);
  }
  ops.columnProblems(null, null);
  return solution;
}

/**
 * One block of λ for every problem on the backend: column g·b + l is problem g at the block's
 * λ_l, warm-started from the problem's `last` solution, with its weights and penalty scales set
 * as the backend's column problems (BatchOps.columnProblems). Returns the block's columns.
 */
export function uploadBlock(
  ops: BatchOps, problems: ColumnProblem[], block: Float64Array, last: Float64Array[],
): { lambda: Float64Array; start: Float64Array; scales: Float64Array; problemOf: Int32Array; W: BatchBuffer; Q: BatchBuffer } {
  if (!ops.columnProblems) throw new Error('this batched backend cannot hold one problem per column');
  const n = ops.nSamples;
  const rows = ops.nFeatures + 1;
  const b = block.length;
  const K = problems.length * b;
  const lambda = new Float64Array(K);
  const start = new Float64Array(rows * K);
  const weights = new Float64Array(n * K);
  const scales = new Float64Array(rows * K);
  const problemOf = new Int32Array(K);
  problems.forEach((problem, g) => {
    for (let l = 0; l < b; l++) {
      const k = g * b + l;
      lambda[k] = block[l];
      problemOf[k] = g;
      start.set(last[g], k * rows);
      weights.set(problem.weights, k * n);
      scales.set(problem.scales, k * rows);
    }
  });
  const W = ops.alloc('samples', K);
  const Q = ops.alloc('coefs', K);
  ops.write(W, weights);
  ops.write(Q, scales);
  ops.columnProblems(W, Q);
  return { lambda, start, scales, problemOf, W, Q };
}

/** Appends a solved block's columns to each problem's path, and its last solution to `last`. */
export function keepBlock(
  solution: Pick<ColumnProblemsSolution, 'coefs' | 'iterations' | 'converged' | 'kkt'>, result: BlockResult, b: number, rows: number,
  last: Float64Array[],
): void {
  for (let g = 0; g < last.length; g++) {
    for (let l = 0; l < b; l++) {
      const k = g * b + l;
      solution.coefs[g].push(result.coefs.slice(k * rows, (k + 1) * rows));
      solution.iterations[g].push(result.iterations[k]);
      solution.converged[g].push(result.converged[k]);
      solution.kkt[g].push(result.kkt[k]);
    }
    last[g] = solution.coefs[g][solution.coefs[g].length - 1];
  }
}
