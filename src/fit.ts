// fitPath: data and options in, a path of fits on the original scale out.

import { chooseBackend } from './gpu/choose.js';
import { gpuPlan, recoveryWarnings } from './gpu/recovery.js';
import { GpuClock } from './gpu/stream.js';
import { webGpuBatchBackend } from './gpu/webgpu-backend.js';
import { checkFinite } from './problem/finite.js';
import { PathFit } from './problem/result.js';
import { standardize } from './problem/standardize.js';
import type { Dataset, FitOptions, RecoveryEvent } from './problem/types.js';
import { validate } from './problem/validate.js';
import { workDoubles } from './solvers/engines.js';
import { solvePathBatched } from './solvers/batched-path.js';
import { pacerOf, type PathSolution, solvePath, startPath } from './solvers/path.js';
import { polishPath } from './solvers/polish.js';
import { toOriginalScale } from './solvers/unstandardize.js';

const SOLVER_NAMES = {
  cd: 'coordinate descent (float64)',
  batched: 'batched proximal gradient / primal–dual iteration, all λ at once (float64)',
  webgpu: 'batched proximal gradient / primal–dual iteration, λ in blocks on WebGPU (float32; objectives and certificates float64 on the host)',
} as const;

export async function fitPath(data: Dataset, options: FitOptions = {}): Promise<PathFit> {
  const t0 = performance.now();
  const problem = validate(data, options);
  const choice = await chooseBackend(problem.backend, options.device);
  if (choice.kind === 'chromium') {
    // Node without a usable Dawn adapter: the whole fit runs in headless Chromium's WebGPU.
    const { fitInChromium } = await import('./gpu/chromium-host.js');
    return fitInChromium(data, options, choice.device, choice.executablePath);
  }
  const onGpu = choice.kind === 'webgpu';
  const std = standardize(problem, workDoubles(problem));
  const t1 = performance.now();
  const recovered: RecoveryEvent[] = [];
  const clock = new GpuClock();
  const plan = onGpu ? gpuPlan(choice.source, choice.acquired, (device) => webGpuBatchBackend(device, { clock }), recovered) : undefined;
  let solution: PathSolution;
  let polishPasses: number | undefined;
  try {
    const control = { signal: options.signal, onProgress: options.onProgress };
    const start = await startPath(problem, std, pacerOf(control));
    const batched = onGpu || problem.solver === 'batched';
    solution = batched ? await solvePathBatched(problem, std, start, control, plan) : await solvePath(problem, std, control, start);
    if (batched && problem.polish) {
      const polished = await polishPath(problem, std, start, solution, control);
      solution = polished.solution;
      polishPasses = polished.passes;
    }
  } finally {
    std.heap.release(); // the solution holds copies: nothing reads the heap after this
    plan?.release();
  }
  const t2 = performance.now();
  const { intercept, beta, df } = toOriginalScale(solution, std, problem);
  const objective = solution.lossValue.map((l, k) => l + solution.penaltyValue[k]);
  const finished = { ...solution, intercept, beta, objective };
  checkFinite(finished, problem, std, onGpu && polishPasses === undefined ? 'float32' : 'float64');
  const solver = onGpu ? SOLVER_NAMES.webgpu : SOLVER_NAMES[problem.solver];
  return new PathFit({
    lambda: solution.lambda,
    intercept,
    beta,
    featureNames: problem.featureNames,
    objective,
    converged: solution.converged,
    iterations: solution.passes,
    kktViolation: solution.kktViolation,
    df,
    devRatio: solution.devRatio,
    nullDeviance: solution.nullDeviance * problem.nSamples,
    backend: onGpu ? 'webgpu' : 'cpu',
    device: {
      ...choice.device,
      solver,
      method: solution.method,
      kernels: std.heap.kernels.kind,
      ...(polishPasses !== undefined ? { polished: true, polishPasses } : {}),
      ...(recovered.length > 0 ? { recovered } : {}),
    },
    timing: { setupMs: t1 - t0, solveMs: t2 - t1, totalMs: performance.now() - t0, ...(clock.measured ? { gpuMs: clock.ms } : {}) },
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
    warnings: [...solution.warnings, ...recoveryWarnings(recovered, solution.lambda.length)],
  });
}
