// A multinomial logistic path fit (loss multinomial), for the public entries (fitPath, cvPath):
// the data and options checked once, the columns standardized, the path solved on the CPU
// (float64 coordinate descent; with solver 'batched', the batched iteration's float64 twin) or on
// WebGPU with backend 'webgpu' (float32, classes × λ as the batch's columns; see
// src/solvers/batched/multinomial-path.ts), the result on the original scale.

import { InputError } from './errors.js';
import type { BatchBackend } from './solvers/batched/backend.js';
import { MultinomialFit } from './problem/multinomial-fit.js';
import { type MultinomialProblem, validateMultinomial } from './problem/multinomial-options.js';
import { checkDensify, isSparse } from './problem/sparse-matrix.js';
import { type Standardized, standardize } from './problem/standardize.js';
import type { DeviceInfo, MultinomialDataset, MultinomialOptions } from './problem/types.js';
import { solveMultinomialPath } from './solvers/multinomial/path.js';
import { multinomialOriginalScale } from './solvers/multinomial/unstandardize.js';
import { workspaceDoubles } from './solvers/multinomial/workspace.js';
import { Pacer } from './solvers/pacer.js';

const METHODS = {
  ungrouped: 'IRLS per class (exact diagonal Hessian), coordinate passes per class, as glmnet\'s lognetn',
  grouped: 'IRLS with a bounded Hessian per class (2p(1 − p), where glmnet\'s multlognetn takes one bound for all), block coordinate descent per feature',
  batched: 'FISTA with backtracking on (λ, class) columns, C adjacent columns per λ (softmax across them), step 1/L with L = ½‖X̃₁‖²_wn',
} as const;

const SOLVERS = {
  cd: 'coordinate descent (float64)',
  batched: 'batched proximal gradient, classes × λ as columns (float64)',
  webgpu: 'batched proximal gradient, classes × λ as columns on WebGPU (float32; objectives and certificates float64 on the host, unconverged λ finished by the float64 twin)',
} as const;

type Route = { kind: 'cd' } | { kind: 'batched'; backend: BatchBackend; own: 'webgpu' | 'cpu-batched'; device?: DeviceInfo; release?: () => void };

/** A WebGPU device lent by the composition root (src/api/fit-path.ts) for backend 'webgpu'. */
export interface MultinomialDevice {
  device: GPUDevice;
  info: DeviceInfo;
  /** Frees what the lender acquired (never a caller's own device). */
  release(): void;
}

/** Where the path runs: WebGPU only when asked for (its backend loaded only then), else the CPU. */
async function routeOf(mp: MultinomialProblem, options: MultinomialOptions, acquire?: () => Promise<MultinomialDevice>): Promise<Route> {
  if (options.backend === 'webgpu') {
    if (!acquire) throw new InputError('option backend: "webgpu" with loss multinomial is not available in cvPath yet (use backend cpu or auto)');
    const gpu = await acquire();
    const { webGpuBatchBackend } = await import('./gpu/webgpu-backend.js');
    return { kind: 'batched', backend: webGpuBatchBackend(gpu.device), own: 'webgpu', device: gpu.info, release: gpu.release };
  }
  if (mp.base.solver === 'batched') {
    const { cpuBatchBackend } = await import('./solvers/batched/cpu-backend.js');
    return { kind: 'batched', backend: cpuBatchBackend, own: 'cpu-batched' };
  }
  return { kind: 'cd' };
}

async function solve(mp: MultinomialProblem, std: Standardized, route: Route, options: MultinomialOptions) {
  if (route.kind === 'cd') return solveMultinomialPath(mp, std, new Pacer(options.signal), options.onProgress);
  const { solveMultinomialBatched } = await import('./solvers/batched/multinomial-path.js');
  return solveMultinomialBatched(mp, std, route.backend, route.own, { signal: options.signal, onProgress: options.onProgress });
}

/**
 * `acquire` (the composition root's): the WebGPU device of backend 'webgpu', asked for once the
 * data and options are checked.
 */
export async function fitMultinomial(data: MultinomialDataset, options: MultinomialOptions, acquire?: () => Promise<MultinomialDevice>): Promise<MultinomialFit> {
  const t0 = performance.now();
  const mp = validateMultinomial(data, options);
  const problem = mp.base;
  const { nSamples: n, nFeatures: p } = problem;
  if (isSparse(problem.X)) checkDensify(n, p, 'loss multinomial (its passes run on dense columns)');
  const route = await routeOf(mp, options, acquire);
  const reason = options.backend === 'cpu' ? 'requested'
    : options.backend === 'webgpu' ? 'requested' : 'auto: loss multinomial runs on the CPU (WebGPU multinomial only with backend "webgpu": no counted-work rule for it yet)';
  const std = standardize(problem, workspaceDoubles(n, p, mp.nClasses), 'dense');
  const t1 = performance.now();
  const kernels = std.heap.kernels.kind;
  let solved;
  try {
    const solution = await solve(mp, std, route, options);
    solved = { solution, ...multinomialOriginalScale(solution, std, problem, mp.nClasses) };
  } finally {
    std.heap.release();
    if (route.kind === 'batched') route.release?.();
  }
  const { solution, intercept, beta, df } = solved;
  const type = mp.grouped ? 'grouped' : 'ungrouped';
  const solveMs = performance.now() - t1;
  const finishedOn = 'finishedOn' in solution ? { finishedOn: solution.finishedOn as ('webgpu' | 'cpu-batched')[] } : {};
  const onGpu = route.kind === 'batched' && route.own === 'webgpu';
  const solver = route.kind === 'cd' ? SOLVERS.cd : onGpu ? SOLVERS.webgpu : SOLVERS.batched;
  return new MultinomialFit({
    lambda: solution.lambda, classes: mp.classes, intercept, beta, featureNames: problem.featureNames,
    objective: solution.lossValue.map((l, k) => l + solution.penaltyValue[k]),
    converged: solution.converged, iterations: solution.passes, kktViolation: solution.kktViolation, df,
    devRatio: solution.devRatio, nullDeviance: solution.nullDeviance * n, backend: onGpu ? 'webgpu' : 'cpu',
    device: {
      ...(route.kind === 'batched' && route.device ? route.device : {}), reason, solver,
      method: route.kind === 'cd' ? METHODS[type] : METHODS.batched, kernels, columns: 'dense', ...finishedOn,
    },
    timing: { setupMs: t1 - t0, solveMs, totalMs: performance.now() - t0 },
    problem: {
      n, p, loss: 'multinomial', multinomial: type, nClasses: mp.nClasses, alpha: problem.alpha, standardize: problem.standardize,
      intercept: problem.intercept, tol: problem.tol, maxIter: problem.maxIter, lambdaSequence: problem.userLambda ? 'user' : 'default',
      lambdaMax: solution.lambdaMax,
    },
    warnings: solution.warnings,
  });
}
