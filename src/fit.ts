// fitPath: data and options in, a path of fits on the original scale out.

import { InputError } from './problem/errors.js';
import { PathFit } from './problem/result.js';
import { standardize } from './problem/standardize.js';
import type { Dataset, DeviceInfo, FitOptions } from './problem/types.js';
import { validate } from './problem/validate.js';
import { workDoubles } from './solvers/engines.js';
import { solvePathBatched } from './solvers/batched-path.js';
import { solvePath } from './solvers/path.js';
import { toOriginalScale } from './solvers/unstandardize.js';

function chooseBackend(requested: FitOptions['backend']): DeviceInfo {
  if (requested === 'webgpu') {
    throw new InputError('option backend: "webgpu" is not available in this build (no WebGPU solver yet); use auto or cpu');
  }
  return {
    reason: requested === 'cpu' ? 'requested' : 'auto: no WebGPU solver in this build, CPU used',
  };
}

const SOLVER_NAMES = {
  cd: 'coordinate descent (float64)',
  batched: 'batched proximal gradient / primal–dual iteration, all λ at once (float64)',
} as const;

export async function fitPath(data: Dataset, options: FitOptions = {}): Promise<PathFit> {
  const t0 = performance.now();
  const problem = validate(data, options);
  const device = chooseBackend(options.backend);
  const std = standardize(problem, workDoubles(problem));
  const t1 = performance.now();
  let solution;
  try {
    const control = { signal: options.signal, onProgress: options.onProgress };
    solution = problem.solver === 'batched' ? await solvePathBatched(problem, std, control) : solvePath(problem, std, control);
  } finally {
    std.heap.release(); // the solution holds copies: nothing reads the heap after this
  }
  const t2 = performance.now();
  const { intercept, beta, df } = toOriginalScale(solution, std, problem);
  return new PathFit({
    lambda: solution.lambda,
    intercept,
    beta,
    featureNames: problem.featureNames,
    objective: solution.lossValue.map((l, k) => l + solution.penaltyValue[k]),
    converged: solution.converged,
    iterations: solution.passes,
    kktViolation: solution.kktViolation,
    df,
    devRatio: solution.devRatio,
    nullDeviance: solution.nullDeviance * problem.nSamples,
    backend: 'cpu',
    device: { ...device, solver: SOLVER_NAMES[problem.solver], method: solution.method, kernels: std.heap.kernels.kind },
    timing: { setupMs: t1 - t0, solveMs: t2 - t1, totalMs: performance.now() - t0 },
    problem: {
      n: problem.nSamples,
      p: problem.nFeatures,
      loss: problem.lossName,
      ...problem.lossParameter,
      alpha: problem.alpha,
      standardize: problem.standardize,
      intercept: problem.intercept,
      tol: problem.tol,
      maxIter: problem.maxIter,
      lambdaSequence: problem.userLambda ? 'user' : 'default',
      lambdaMax: solution.lambdaMax,
    },
    warnings: solution.warnings,
  });
}
