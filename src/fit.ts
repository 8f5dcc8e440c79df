// One fit in this process, on a backend chosen and lent by the caller (the composition root,
// src/api/): a validated problem in, a path of fits on the original scale out. Nothing here
// chooses a device, frees one, or knows of the hosts (src/hosts/).

import type { LentBackend } from './gpu/lent-backend.js';
import { gpuPlan, recoveryWarnings } from './gpu/recovery.js';
import { GpuClock } from './gpu/stream.js';
import { webGpuBatchBackend } from './gpu/webgpu-backend.js';
import { checkFinite } from './problem/finite.js';
import { penaltySummary } from './problem/penalty-option.js';
import { PathFit } from './problem/result.js';
import { type Standardized, standardize } from './problem/standardize.js';
import type { Dataset, DeviceInfo, FitOptions, RecoveryEvent } from './problem/types.js';
import { type Problem, validate } from './problem/validate.js';
import { columnLayout, workDoubles } from './solvers/engines.js';
import { type BackendPlan, solvePathBatched } from './solvers/batched/batched-path.js';
import { pacerOf, type PathSolution, solvePath, startPath } from './solvers/path.js';
import { polishPath } from './solvers/polish.js';
import { relaxedRefits } from './solvers/relax-refits.js';
import { toOriginalScale } from './solvers/unstandardize.js';
import type { BreakpointTrace } from './solvers/breakpoint-trace.js';
import type { PathBreakpoints } from './problem/breakpoints.js';

const SOLVER_NAMES = {
  cd: 'coordinate descent (float64)',
  batched: 'batched proximal gradient / primal–dual iteration, all λ at once (float64)',
  webgpu: 'batched proximal gradient / primal–dual iteration, λ in blocks on WebGPU (float32; objectives and certificates float64 on the host)',
} as const;

interface Solved {
  solution: PathSolution;
  /** Coordinate-descent passes spent finishing batched solutions, when some were. */
  polishPasses?: number;
  /** Per λ, where its solution was finished: the batched backend, or float64 coordinate descent. */
  finishedOn?: ('webgpu' | 'cpu-batched' | 'cpu-cd')[];
}

/**
 * The path by coordinate descent, or by the batched iteration (WebGPU or its float64 twin).
 * Batched λ that did not converge (a float32 floor, an iteration cap) are finished by float64
 * coordinate descent, only those; with `polish`, every λ is.
 */
async function solveOn(problem: Problem, std: Standardized, onGpu: boolean, options: FitOptions, plan?: BackendPlan): Promise<Solved> {
  const control = { signal: options.signal, onProgress: options.onProgress };
  const start = await startPath(problem, std, pacerOf(control));
  if (!onGpu && problem.solver !== 'batched') return { solution: await solvePath(problem, std, control, start) };
  const batched = await solvePathBatched(problem, std, start, control, plan);
  const unconverged = batched.converged.flatMap((converged, k) => (converged ? [] : [k]));
  if (!problem.polish && unconverged.length === 0) return { solution: batched };
  const { solution, passes } = await polishPath(problem, std, start, batched, control, problem.polish ? undefined : unconverged);
  const redone = new Set(unconverged);
  const own = onGpu ? 'webgpu' : 'cpu-batched';
  const finishedOn = solution.lambda.map((_, k) => (problem.polish || redone.has(k) ? 'cpu-cd' : own));
  return { solution, polishPasses: passes, finishedOn };
}

/** Validates `data` and `options` and fits them on the lent backend (a cross-validation's fits). */
export function fitPathLent(data: Dataset, options: FitOptions, lent: LentBackend): Promise<PathFit> {
  const t0 = performance.now();
  return fitProblem(validate(data, options), options, lent, t0);
}

/**
 * Fits a validated problem on the lent backend (its device is the lender's to free). `options`
 * carry the signal and the progress callback; `t0` is when the fit's setup began.
 */
export async function fitProblem(problem: Problem, options: FitOptions, lent: LentBackend, t0 = performance.now()): Promise<PathFit> {
  const onGpu = lent.kind === 'webgpu';
  const std = standardize(problem, workDoubles(problem), columnLayout(problem, onGpu));
  const t1 = performance.now();
  const recovered: RecoveryEvent[] = [];
  const clock = new GpuClock();
  let plan: ReturnType<typeof gpuPlan> | undefined;
  if (lent.kind === 'webgpu') {
    // gpuPlan frees the devices of every source but a caller's: the lender's are the lender's.
    const { recovery } = lent;
    const backendOf = (device: GPUDevice) => webGpuBatchBackend(device, { clock });
    plan = gpuPlan({ host: 'caller', renewable: recovery.renewable, acquire: () => recovery.acquire() }, lent.device(), backendOf, recovered);
  }
  let solved: Solved;
  try {
    solved = await solveOn(problem, std, onGpu, options, plan);
  } finally {
    std.heap.release(); // the solution holds copies: nothing reads the heap after this
    plan?.release();
  }
  const timing = { setupMs: t1 - t0, solveMs: performance.now() - t1, t0, clock };
  const fit = pathFitOf(problem, std, solved, { device: lent.choice.device, onGpu, recovered, timing });
  return problem.relax ? withRefits(problem, fit, options.signal) : fit;
}

/**
 * The fit with its relaxed refits (option relax): on the CPU's coordinate descent whatever the
 * backend of the path (each refit is a small unpenalized problem on one support's columns).
 */
async function withRefits(problem: Problem, fit: PathFit, signal?: AbortSignal): Promise<PathFit> {
  const t = performance.now();
  const { relaxed, warnings } = await relaxedRefits(problem, fit, problem.relax ?? [], { signal });
  const refitMs = performance.now() - t;
  const { timing } = fit;
  return new PathFit({
    ...fit.toJSON(), relaxed, warnings: [...fit.warnings, ...warnings],
    timing: { ...timing, solveMs: timing.solveMs + refitMs, totalMs: timing.totalMs + refitMs },
  });
}

interface FitRecord {
  /** The backend choice's device record. */
  device: DeviceInfo;
  onGpu: boolean;
  recovered: RecoveryEvent[];
  timing: { setupMs: number; solveMs: number; t0: number; clock: GpuClock };
}

/** The traced breakpoints on the original scale. */
function breakpointsOf(trace: BreakpointTrace, std: Standardized, problem: Problem): PathBreakpoints {
  const { intercept, beta } = toOriginalScale(trace, std, problem);
  return { lambda: trace.lambda, intercept, beta, gaps: trace.gaps };
}

/** The result: coefficients on the original scale, float64 objectives checked finite, and the records of how it was made. */
function pathFitOf(problem: Problem, std: Standardized, solved: Solved, record: FitRecord): PathFit {
  const { solution, polishPasses, finishedOn } = solved;
  const { onGpu, recovered, timing } = record;
  const { intercept, beta, df } = toOriginalScale(solution, std, problem);
  const objective = solution.lossValue.map((l, k) => l + solution.penaltyValue[k]);
  const finished = { ...solution, intercept, beta, objective };
  checkFinite(finished, problem, std, onGpu && polishPasses === undefined ? 'float32' : 'float64');
  const solver = onGpu ? SOLVER_NAMES.webgpu : SOLVER_NAMES[problem.solver];
  const { clock } = timing;
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
      ...record.device,
      solver,
      method: solution.method,
      kernels: std.heap.kernels.kind,
      columns: std.design.sparse ? 'sparse' : 'dense',
      ...(polishPasses !== undefined ? { polished: problem.polish, polishPasses, finishedOn } : {}),
      ...(recovered.length > 0 ? { recovered } : {}),
    },
    timing: { setupMs: timing.setupMs, solveMs: timing.solveMs, totalMs: performance.now() - timing.t0, ...(clock.measured ? { gpuMs: clock.ms } : {}) },
    problem: {
      n: problem.nSamples,
      p: problem.nFeatures,
      loss: problem.lossName,
      ...problem.lossParameter,
      ...penaltySummary(problem.penalty),
      alpha: problem.alpha,
      standardize: problem.standardize,
      intercept: problem.intercept,
      tol: problem.tol,
      maxIter: problem.maxIter,
      lambdaSequence: problem.userLambda ? 'user' : 'default',
      lambdaMax: solution.lambdaMax,
      ...(problem.hasOffset ? { offset: true } : {}),
    },
    warnings: [...solution.warnings, ...recoveryWarnings(recovered, solution.lambda.length)],
    ...(solution.work ? { work: solution.work } : {}),
    ...(solution.breakpoints ? { breakpoints: breakpointsOf(solution.breakpoints, std, problem) } : {}),
  });
}
