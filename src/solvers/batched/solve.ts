// The batched solver's entry: all λ of a sequence at once, in blocks of columns, each block
// warm-started from the last column of the previous one. Smooth losses run FISTA, piecewise-
// linear ones PDHG with an exact finish; both are written against the backend interface.

import { cpuBatchBackend } from './cpu-backend.js';
import type { Standardized } from '../../problem/standardize.js';
import type { Problem } from '../../problem/validate.js';
import { type BatchBackend, type BatchOps, hasNewton, type NewtonOps } from './backend.js';
import { newtonBlock, type NewtonProblem, newtonProblemOf } from './newton.js';
import { fistaBlock, type BlockResult } from './fista.js';
import { gramBackend, useGram } from './gram.js';
import { pdhgBlock } from './pdhg.js';
import { reachableKktTolerance } from './precision.js';
import { countedOps, gramFormation, noPathWork, type PathWork, type WorkCount, workSince } from './work.js';

export interface BatchedSolution {
  /** Per λ: nFeatures standardized coefficients and the intercept of the standardized problem (η = b̃0 + X̃β̃). */
  betaStd: Float64Array[];
  interceptStd: number[];
  iterations: number[];
  converged: boolean[];
  /** Per λ: largest subdifferential distance over the usable features (absolute, not divided by λ_max). */
  kkt: number[];
}

/** Columns per block: enough to fill a GPU's products, few enough that warm starts stay close. */
const BLOCK_COLUMNS = 32;
/** Iterations between convergence checks (smooth losses; PDHG checks less often). */
const CHECK_EVERY = 25;
const PDHG_CHECK_EVERY = 64;

export async function solveBatched(
  problem: Problem,
  std: Standardized,
  lambdas: Float64Array,
  options: {
    b0Start: number; kktTolerance: number; maxIterations: number; signal?: AbortSignal;
    /** Warm start of the first block: nFeatures + 1 values, intercept last (default: the null fit, b0Start). */
    start?: Float64Array;
    /**
     * Called with each solved block (its columns only, in λ order): a caller that keeps them loses
     * nothing when a later block fails. Returning false ends the path after this block.
     */
    onBlock?: (block: BatchedSolution) => boolean | void;
    /** Gram mode (squared loss, see gram.ts): default when nSamples ≫ nFeatures (`useGram`). */
    gram?: boolean;
    /** Adds the counted work (work.ts) of this solve, whole and per block. */
    work?: PathWork;
    /** false: first-order FISTA even where the backend has the Newton ops (tests, comparisons). */
    newton?: boolean;
    /** The Newton model's curvature (NewtonProblem.metric; default 'auto'). */
    metric?: NewtonProblem['metric'];
  },
  backend: BatchBackend = cpuBatchBackend,
): Promise<BatchedSolution> {
  const p = problem.nFeatures;
  const rows = p + 1;
  const work = options.work ?? noPathWork();
  let opened = await backend.open(problem, std);
  // Smooth losses take proximal Newton steps where the backend has them (newton.ts) and the
  // penalty is separable (the model is solved coordinate by coordinate); otherwise FISTA, for the
  // squared loss with n ≫ p on the Gram reduction (gram.ts).
  const newtonSolves = problem.loss.smooth && problem.penalty.spec.traits.separable && options.newton !== false;
  const newton = newtonSolves && hasNewton(opened) ? { ...newtonProblemOf(problem), metric: options.metric } : null;
  const gram = !newton && problem.loss.quadratic && (options.gram ?? useGram(problem));
  if (gram) {
    opened.release();
    // The Gram reduction is formed on the host, in float64, once per solve.
    gramFormation(work, problem.nSamples, p + 1, 8);
    opened = await gramBackend(backend).open(problem, std);
  }
  const counted = countedOps(opened, work);
  const ops = counted.ops;
  const solution: BatchedSolution = { betaStd: [], interceptStd: [], iterations: [], converged: [], kkt: [] };
  try {
    // The step size's bound, for the first-order iterations only (a power iteration: 120 products).
    let norm: number | undefined;
    const gramNorm = async () => (norm ??= await ops.gramNorm());
    const kktTolerance = reachableKktTolerance(options.kktTolerance, ops.precision, problem, std, options.b0Start);
    let last = new Float64Array(rows);
    if (options.start) last.set(options.start);
    else last[p] = problem.intercept ? options.b0Start : 0;
    for (let first = 0; first < lambdas.length; first += BLOCK_COLUMNS) {
      counted.settle();
      const before: WorkCount = { ...work };
      const lambda = lambdas.slice(first, first + BLOCK_COLUMNS);
      const K = lambda.length;
      const start = new Float64Array(rows * K);
      for (let k = 0; k < K; k++) start.set(last, k * rows);
      const job = {
        lambda, start, kktTolerance, maxIterations: options.maxIterations,
        checkEvery: CHECK_EVERY, signal: options.signal,
      };
      let result: BlockResult | null = null;
      if (newton) result = await newtonBlock(ops as BatchOps & NewtonOps, job, newton);
      if (result) work.outerIterations += Math.max(...result.iterations);
      else if (problem.loss.smooth) result = await fistaBlock(ops, await gramNorm(), job);
      else {
        // PDHG takes its steps from its working set's norm; the full bound only without working-set products.
        result = await pdhgBlock(ops, gramNorm, { ...job, checkEvery: PDHG_CHECK_EVERY }, problem, std, options.b0Start);
      }
      counted.settle();
      work.iterations += Math.max(...result.iterations);
      work.blocks.push(workSince(before, work));
      const block: BatchedSolution = { betaStd: [], interceptStd: [], iterations: [], converged: [], kkt: [] };
      for (let k = 0; k < K; k++) {
        const column = result.coefs.subarray(k * rows, (k + 1) * rows);
        block.betaStd.push(column.slice(0, p));
        block.interceptStd.push(column[p]);
        block.iterations.push(result.iterations[k]);
        block.converged.push(result.converged[k]);
        block.kkt.push(result.kkt[k]);
      }
      solution.betaStd.push(...block.betaStd);
      solution.interceptStd.push(...block.interceptStd);
      solution.iterations.push(...block.iterations);
      solution.converged.push(...block.converged);
      solution.kkt.push(...block.kkt);
      last = result.coefs.slice((K - 1) * rows, K * rows);
      if (options.onBlock?.(block) === false) break;
    }
  } finally {
    ops.release();
    counted.settle();
  }
  return solution;
}
