// One case through one runner, turned into the report's record: the timings summarized, the
// path judged by the benchmark's own float64 objective, and the product work of batched runs.

import { countedWork, workModel } from './flops.js';
import { DEFAULT_PROJECTION } from './projection.js';
import { pathObjective } from './objective.js';
import type { CaseJob, Runner, RunnerResult } from './runners/runner.js';
import { summarizeTimes, median } from './stats.js';
import type { BackendRun, RunnerName } from './types.js';

/** Coefficients are kept in the report up to this many numbers per run (p·K). */
export const MAX_SAVED_COEFFICIENTS = 200_000;

/** Runners that run proxpath's batched iteration, whose products the work model counts. */
const BATCHED: readonly RunnerName[] = ['chromium', 'dawn', 'cpu-batched'];

export function toBackendRun(runner: RunnerName, job: CaseJob, result: RunnerResult): BackendRun {
  const { spec, data } = job;
  const path = result.path;
  const objective = pathObjective(data, spec.loss, spec.alpha, path.lambda, path.intercept, path.beta);
  const keep = spec.p * path.beta.length <= MAX_SAVED_COEFFICIENTS;
  const solveMedianMs = result.solveMs && result.solveMs.length > 0 ? median(result.solveMs) : undefined;
  const run: BackendRun = {
    runner,
    ok: true,
    time: summarizeTimes(result.timesMs),
    ...(solveMedianMs !== undefined ? { solveMedianMs } : {}),
    gpuMs: result.gpuMs && result.gpuMs.length > 0 ? median(result.gpuMs) : null,
    ...(path.iterations ? { iterations: path.iterations } : {}),
    objective,
    intercept: path.intercept,
    ...(keep ? { beta: path.beta } : { coefficientsOmitted: true }),
    df: path.beta.map((b) => b.reduce((count, v) => count + (v !== 0 ? 1 : 0), 0)),
    ...(path.cvm ? { cvm: path.cvm } : {}),
    ...(result.device ? { device: result.device } : {}),
    ...(result.version ? { version: result.version } : {}),
    ...(result.note ? { note: result.note } : {}),
  };
  if (BATCHED.includes(runner) && spec.folds === 0 && solveMedianMs !== undefined) {
    if (path.work) run.work = countedWork(spec.loss, spec.n, spec.p, path.work, solveMedianMs, job.projection ?? DEFAULT_PROJECTION);
    else if (path.iterations) run.work = workModel(spec.loss, spec.n, spec.p, path.iterations, solveMedianMs);
  }
  return run;
}

export async function runCase(runner: Runner, job: CaseJob): Promise<BackendRun> {
  const why = runner.unsupported(job.spec);
  if (why) return { runner: runner.name, ok: false, error: `not run: ${why}` };
  try {
    return toBackendRun(runner.name, job, await runner.run(job));
  } catch (error) {
    return { runner: runner.name, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
