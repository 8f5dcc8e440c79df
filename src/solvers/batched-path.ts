// The path by the batched iteration (`solver: 'batched'`): the same start as coordinate descent
// (null fit, λ_max, λ sequence), then every λ at once, and the float64 objective, deviance ratio
// and certificate of each solution on the host.

import { penaltyValue } from '../penalties/elastic-net.js';
import { MIN_LAMBDAS_BEFORE_STOP } from '../problem/path-stop.js';
import type { Standardized } from '../problem/standardize.js';
import type { Problem } from '../problem/validate.js';
import { solveBatched } from './batched/solve.js';
import { linearPredictor, meanLoss } from './predictor.js';
import { convergenceWarning, type PathControl, type PathSolution, startPath } from './path.js';

/** Batched iterations per λ block before a column counts as not converged. */
const MAX_ITERATIONS = 100_000;

export async function solvePathBatched(problem: Problem, std: Standardized, control: PathControl = {}): Promise<PathSolution> {
  const start = startPath(problem, std);
  const { lambdas, devNull, satMean, warnings } = start;
  const lamMax = start.lambdaMax;
  // The KKT target of a column, relative to λ_max: tol^¾ (6e-6 at the default 1e-7), about the
  // accuracy coordinate descent reaches at the same tol.
  const kktTolerance = problem.tol ** 0.75 * (lamMax > 0 ? lamMax : 1);
  const batched = await solveBatched(problem, std, lambdas, {
    b0Start: start.eta0, kktTolerance, maxIterations: Math.min(problem.maxIter, MAX_ITERATIONS), signal: control.signal,
  });
  const solution: PathSolution = {
    lambda: [], betaStd: [], interceptStd: [], lossValue: [], penaltyValue: [], devRatio: [], passes: [],
    converged: [], kktViolation: [], lambdaMax: lamMax, nullDeviance: devNull, method: 'batched', warnings,
  };
  const { alpha, penaltyFactor } = problem;
  const eta = new Float64Array(problem.nSamples);
  for (let k = 0; k < lambdas.length; k++) {
    const beta = batched.betaStd[k];
    const b0 = batched.interceptStd[k];
    const loss = meanLoss(problem.loss, problem.y, std.wn, linearPredictor(std.Xs, problem.nSamples, beta, b0, eta));
    let pen = 0;
    for (let j = 0; j < beta.length; j++) {
      pen += penaltyValue(beta[j], lambdas[k] * alpha * penaltyFactor[j], lambdas[k] * (1 - alpha) * penaltyFactor[j]);
    }
    solution.lambda.push(lambdas[k]);
    solution.betaStd.push(beta);
    solution.interceptStd.push(b0);
    solution.lossValue.push(loss);
    solution.penaltyValue.push(pen);
    solution.devRatio.push(devNull > 0 ? 1 - (2 * (loss - satMean)) / devNull : 0);
    solution.passes.push(batched.iterations[k]);
    solution.converged.push(batched.converged[k]);
    solution.kktViolation.push(lamMax > 0 ? batched.kkt[k] / lamMax : batched.kkt[k]);
    control.onProgress?.({ solved: k + 1, total: lambdas.length, lambda: lambdas[k] });
    // The default path ends where coordinate descent's would, so that both give the same λ.
    if (!problem.userLambda && k + 1 >= MIN_LAMBDAS_BEFORE_STOP && problem.loss.pathStop(solution.devRatio)) break;
  }
  convergenceWarning(solution, 'iterations', problem.maxIter);
  return solution;
}
