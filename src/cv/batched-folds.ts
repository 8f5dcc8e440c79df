// The fold fits of a cross-validation as ONE batch per α: every fold × λ a column of the batched
// iteration, over one copy of X̃ on the backend (fold-problems.ts has the mathematics). On
// WebGPU each iteration's two products then serve all folds at once, so K-fold CV costs about
// as many iterations as one fit, not K fits. The smooth losses run proximal Newton where the
// backend has its ops (each fold × λ column with its own Gram matrix and line search), else
// FISTA; absolute and quantile run PDHG on working sets with each column's exact finish on its
// own fold (pdhg-columns.ts). The float64 CPU backend runs the same batch (the reference in the
// tests).

import { AbortError } from '../errors.js';
import type { BatchBackend } from '../solvers/batched/backend.js';
import { solveColumnProblems } from '../solvers/batched/column-problems.js';
import { solveColumnProblemsPdhg } from '../solvers/batched/pdhg-columns.js';
import { newtonProblemOf } from '../solvers/batched/newton.js';
import { batchKktTolerance, commonProblem, type FoldSetup, foldSetup, foldToOriginal } from './fold-problems.js';
import type { FoldPath, FoldRunner } from './fold-runner.js';

/** Batched iterations per λ block before a column counts as not converged (as batched-path.ts). */
const MAX_ITERATIONS = 100_000;

/**
 * A fold runner that solves each α's folds as one batch on `backend`. `backendName` goes into
 * every fold path's `backend`. `newton: false` keeps to FISTA (comparisons).
 */
export function batchedFolds(backend: BatchBackend, backendName: 'webgpu' | 'cpu', solver: { newton?: boolean } = {}): FoldRunner {
  return async (data, jobs, control) => {
    const paths = new Array<FoldPath>(jobs.length);
    const alphas = [...new Set(jobs.map((j) => j.alpha))];
    let done = 0;
    for (const a of alphas) {
      if (control.signal?.aborted) throw new AbortError('the cross-validation was aborted');
      const mine = jobs.map((job, index) => ({ job, index })).filter(({ job }) => job.alpha === a);
      const options = mine[0].job.options;
      const lambdas = Float64Array.from(options.lambda ?? []);
      const common = commonProblem(data, options);
      try {
        const folds: FoldSetup[] = [];
        for (const { job } of mine) folds.push(await foldSetup(data, job.trainRows, options, common));
        const ops = await backend.open(common.problem, common.std);
        let solution;
        try {
          const gramNorm = async () => (await ops.gramNorm()) * Math.max(...folds.map((f) => f.gramRatio));
          const job = {
            gramNorm, kktTolerance: batchKktTolerance(folds, ops.precision),
            maxIterations: Math.min(common.problem.maxIter, MAX_ITERATIONS), signal: control.signal,
          };
          const problems = folds.map((f) => f.problem);
          solution = common.problem.loss.smooth
            ? await solveColumnProblems(ops, problems, lambdas, { ...job, newton: solver.newton !== false && newtonProblemOf(common.problem) })
            : await solveColumnProblemsPdhg(ops, common, problems, lambdas, job);
        } finally {
          ops.release();
        }
        mine.forEach(({ index }, g) => {
          const original = solution.coefs[g].map((c) => foldToOriginal(c, common));
          const lambdaMax = folds[g].lambdaMax > 0 ? folds[g].lambdaMax : 1;
          paths[index] = {
            lambda: Array.from(lambdas),
            intercept: original.map((o) => o.intercept),
            beta: original.map((o) => o.beta),
            df: original.map((o) => o.df),
            featureNames: data.featureNames,
            converged: solution.converged[g],
            iterations: solution.iterations[g],
            kktViolation: solution.kkt[g].map((v) => v / lambdaMax),
            backend: backendName,
          };
          control.onDone?.(++done);
        });
      } finally {
        common.std.heap.release();
      }
    }
    return paths;
  };
}
