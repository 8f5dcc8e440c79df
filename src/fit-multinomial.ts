// A multinomial logistic path fit (loss multinomial), for the public entries (fitPath, cvPath):
// the data and options checked once, the columns standardized, the path solved on the CPU
// (float64 coordinate descent; WebGPU multinomial is not there yet), the result on the original
// scale.

import { MultinomialFit } from './problem/multinomial-fit.js';
import { validateMultinomial } from './problem/multinomial-options.js';
import { checkDensify, isSparse } from './problem/sparse-matrix.js';
import { standardize } from './problem/standardize.js';
import type { MultinomialDataset, MultinomialOptions } from './problem/types.js';
import { solveMultinomialPath } from './solvers/multinomial/path.js';
import { multinomialOriginalScale } from './solvers/multinomial/unstandardize.js';
import { workspaceDoubles } from './solvers/multinomial/workspace.js';
import { Pacer } from './solvers/pacer.js';

const METHODS = {
  ungrouped: 'IRLS per class (exact diagonal Hessian), coordinate passes per class, as glmnet\'s lognetn',
  grouped: 'IRLS with a bounded Hessian shared by the classes, block coordinate descent per feature, as glmnet\'s multlognetn',
} as const;

export async function fitMultinomial(data: MultinomialDataset, options: MultinomialOptions): Promise<MultinomialFit> {
  const t0 = performance.now();
  const mp = validateMultinomial(data, options);
  const problem = mp.base;
  const { nSamples: n, nFeatures: p } = problem;
  if (isSparse(problem.X)) checkDensify(n, p, 'loss multinomial (its passes run on dense columns)');
  const reason = options.backend === 'cpu' ? 'requested' : 'auto: loss multinomial runs on the CPU (WebGPU multinomial is not there yet)';
  const std = standardize(problem, workspaceDoubles(n, p, mp.nClasses), 'dense');
  const t1 = performance.now();
  const kernels = std.heap.kernels.kind;
  let solved;
  try {
    const solution = await solveMultinomialPath(mp, std, new Pacer(options.signal), options.onProgress);
    solved = { solution, ...multinomialOriginalScale(solution, std, problem, mp.nClasses) };
  } finally {
    std.heap.release();
  }
  const { solution, intercept, beta, df } = solved;
  const type = mp.grouped ? 'grouped' : 'ungrouped';
  const solveMs = performance.now() - t1;
  return new MultinomialFit({
    lambda: solution.lambda, classes: mp.classes, intercept, beta, featureNames: problem.featureNames,
    objective: solution.lossValue.map((l, k) => l + solution.penaltyValue[k]),
    converged: solution.converged, iterations: solution.passes, kktViolation: solution.kktViolation, df,
    devRatio: solution.devRatio, nullDeviance: solution.nullDeviance * n, backend: 'cpu',
    device: { reason, solver: 'coordinate descent (float64)', method: METHODS[type], kernels, columns: 'dense' },
    timing: { setupMs: t1 - t0, solveMs, totalMs: performance.now() - t0 },
    problem: {
      n, p, loss: 'multinomial', multinomial: type, nClasses: mp.nClasses, alpha: problem.alpha, standardize: problem.standardize,
      intercept: problem.intercept, tol: problem.tol, maxIter: problem.maxIter, lambdaSequence: problem.userLambda ? 'user' : 'default',
      lambdaMax: solution.lambdaMax,
    },
    warnings: solution.warnings,
  });
}
