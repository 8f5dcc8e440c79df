// The path by the batched iteration (`solver: 'batched'`, and every WebGPU fit): the same start
// as coordinate descent (null fit, λ_max, λ sequence), then the λ in blocks, each warm-started
// from the last solution of the previous one, and the float64 objective, deviance ratio and
// certificate of each solution on the host as its block arrives.
//
// Solved blocks are kept as they arrive: when the backend fails mid-path (a lost device, a
// failed allocation, a validation error), the plan's `recover` gives another backend and the
// path resumes there from the first λ not yet solved, warm-started from the last one solved.

import { cpuBatchBackend } from './cpu-backend.js';
import { coordinateFunctions, penaltyBlocks, penaltyUnits } from '../penalty-units.js';
import { BlockScratch, blockValueColumn } from './block-ops.js';
import { AbortError } from '../../errors.js';
import type { Standardized } from '../../problem/standardize.js';
import type { Problem } from '../../problem/validate.js';
import type { BatchBackend } from './backend.js';
import { kktTarget } from './precision.js';
import { type BatchedSolution, solveBatched } from './solve.js';
import { convergenceWarning, emptyPath, pathEnds, type PathControl, type PathSolution, type PathStart, pushLambda } from '../path.js';
import { addOffset, meanLoss } from '../predictor.js';
import { noPathWork, type PathWork } from './work.js';
import { denseCoefficients } from '../path-lists.js';

/** Batched iterations per λ block before a column counts as not converged. */
const MAX_ITERATIONS = 100_000;

/** One backend to run on, and what tells that its device has failed. */
export interface BatchedRun {
  backend: BatchBackend;
  /**
   * Rejects when the backend's device is lost or reports an error between two readbacks: the
   * run is abandoned at once (a lost device may never answer its pending reads).
   */
  fault?: Promise<never>;
  /** Stops watching the device (the run is over). */
  close?: () => void;
}

/** Where the batched path runs, and where it goes when that fails. */
export interface BackendPlan {
  first: BatchedRun;
  /** The Newton model's curvature (NewtonProblem.metric; benchmarks and tests: default 'auto'). */
  metric?: 'exact' | 'shared' | 'auto';
  /**
   * After `first` (or a later run) failed with `error` once `solved` λ were done: the run to
   * resume on, or null when the error is not a device fault (it is then rethrown).
   */
  recover?: (error: unknown, solved: number) => Promise<BatchedRun | null>;
}

const CPU_PLAN: BackendPlan = { first: { backend: cpuBatchBackend } };

/** The last solved column as a warm start: nFeatures coefficients, then the intercept. */
function lastColumn(solution: PathSolution): Float64Array | undefined {
  const k = solution.lambda.length - 1;
  if (k < 0) return undefined;
  const beta = denseCoefficients(solution.betaStd[k]);
  const column = new Float64Array(beta.length + 1);
  column.set(beta);
  column[beta.length] = solution.interceptStd[k];
  return column;
}

/** The penalty's float64 value at standardized coefficients β and λ: per coordinate, or per block. */
function penaltyValue(problem: Problem, std: Standardized): (beta: Float64Array, lambda: number) => number {
  const blocks = penaltyBlocks(problem, std.usable);
  if (blocks) {
    const fns = problem.penalty.spec.block!;
    const scratch = new BlockScratch(blocks);
    // The blocks cover the intercept's row too (free, its levels 0): it is appended as 0.
    const column = new Float64Array(problem.nFeatures + 1);
    return (beta, lambda) => {
      column.set(beta);
      return blockValueColumn(blocks, fns, scratch, { data: column, base: 0 }, lambda);
    };
  }
  const { l1Unit, l2Unit } = penaltyUnits(problem);
  const coordinate = coordinateFunctions(problem);
  return (beta, lambda) => {
    let pen = 0;
    for (let j = 0; j < beta.length; j++) pen += coordinate.value(beta[j], lambda * l1Unit[j], lambda * l2Unit[j], problem.penalty.gamma);
    return pen;
  };
}

export async function solvePathBatched(
  problem: Problem,
  std: Standardized,
  start: PathStart,
  control: PathControl = {},
  plan: BackendPlan = CPU_PLAN,
): Promise<PathSolution> {
  if (std.design.sparse && !problem.loss.smooth) throw new Error('solvePathBatched: PDHG\'s finish reads X̃ dense (engines.ts columnLayout densifies for it)');
  const { lambdas } = start;
  const lamMax = start.lambdaMax;
  const kktTolerance = kktTarget(problem.tol, lamMax);
  const solution = emptyPath(start, 'batched');
  const work: PathWork = noPathWork();
  solution.work = work;
  let iterationsSoFar = 0; // for the progress events
  const penaltyAt = penaltyValue(problem, std);
  const eta = new Float64Array(problem.nSamples);
  let ended = false; // the default path's stopping rule was met

  // The float64 objective, deviance ratio and certificate of each column, as its block arrives.
  const keep = (block: BatchedSolution): boolean => {
    for (let k = 0; k < block.betaStd.length; k++) {
      const at = solution.lambda.length;
      const lambda = lambdas[at];
      const beta = block.betaStd[k];
      const b0 = block.interceptStd[k];
      const predictor = addOffset(std.design.predictor(beta, b0, eta), problem.offset);
      const loss = meanLoss(problem.loss, problem.y, std.wn, predictor);
      const pen = penaltyAt(beta, lambda);
      // Converged means the requested target met: a float32 column stopped at its precision's
      // floor above it is not, and is finished in float64 by the caller.
      pushLambda(solution, start, lambda, {
        betaStd: beta, interceptStd: b0, lossValue: loss, penaltyValue: pen, kkt: block.kkt[k],
        passes: block.iterations[k], converged: block.converged[k] && block.kkt[k] <= kktTolerance,
      });
      iterationsSoFar += solution.passes[solution.passes.length - 1];
      control.onProgress?.({ solved: at + 1, total: lambdas.length, lambda, iterations: iterationsSoFar });
      // The default path ends where coordinate descent's would, so that both give the same λ.
      if (pathEnds(problem, solution)) {
        ended = true;
        return false;
      }
    }
    return true;
  };

  let run = plan.first;
  while (!ended && solution.lambda.length < lambdas.length) {
    // The run's own signal: an abandoned run (its device failed) stops at its next readback.
    const abandon = new AbortController();
    const signal = control.signal ? AbortSignal.any([control.signal, abandon.signal]) : abandon.signal;
    let current = true;
    const solve = solveBatched(problem, std, lambdas.subarray(solution.lambda.length), {
      b0Start: start.eta0, kktTolerance, maxIterations: Math.min(problem.maxIter, MAX_ITERATIONS), signal,
      start: lastColumn(solution), onBlock: (block) => current && keep(block), work, metric: plan.metric,
    }, run.backend);
    try {
      await (run.fault ? Promise.race([solve, run.fault]) : solve);
      run.close?.();
    } catch (error) {
      current = false;
      abandon.abort();
      solve.catch(() => undefined); // settles later, on a device nobody uses any more
      run.close?.();
      if (control.signal?.aborted) throw new AbortError('the fit was aborted');
      const next = plan.recover ? await plan.recover(error, solution.lambda.length) : null;
      if (!next) throw error;
      run = next;
    }
  }
  convergenceWarning(solution, 'iterations', problem.maxIter);
  return solution;
}
