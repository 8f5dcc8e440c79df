// proxpath on the CPU in this process: coordinate descent (`cpu`), or the batched iteration in
// float64 (`cpu-batched`, the GPU kernels' twin). A case's time limit (--cpu-timeout, or what is
// left of the bench's budget) stops the fit through its AbortSignal.

import { cvPath } from '../../api/cv-path.js';
import { fitPath } from '../../api/fit-path.js';
import { AbortError } from '../../errors.js';
import { toColumnMajorData } from './shared-data.js';
import type { PathFit } from '../../problem/result.js';
import type { WorkCount } from '../../problem/types.js';
import { caseOptions } from './proxpath-options.js';
import { type CaseJob, type PathOutcome, type Runner, timeRepeats } from './runner.js';

export function outcomeOf(fit: Pick<PathFit, 'lambda' | 'intercept' | 'beta' | 'iterations' | 'work'>, cvm?: number[]): PathOutcome {
  return {
    lambda: Array.from(fit.lambda),
    intercept: Array.from(fit.intercept),
    beta: fit.beta.map((b) => Array.from(b)),
    iterations: Array.from(fit.iterations),
    ...(cvm ? { cvm } : {}),
    ...(fit.work ? { work: withoutBlocks(fit.work) } : {}),
  };
}

/** The whole fit's counts (the per-block ones stay in the fit's own JSON). */
export function withoutBlocks({ blocks: _blocks, ...whole }: NonNullable<PathFit['work']>): WorkCount {
  return whole;
}

/** The smaller of two optional limits (ms). */
export const tighter = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

export const showSeconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** `timeoutMs`: each case's time limit, warm-up and timed runs together (none: unlimited). */
export function cpuRunner(solver: 'cd' | 'batched', timeoutMs?: number): Runner {
  return {
    name: solver === 'cd' ? 'cpu' : 'cpu-batched',
    unsupported: () => null,
    async run(job: CaseJob) {
      const data = toColumnMajorData(job.data);
      const limitMs = tighter(timeoutMs, job.limitMs);
      const signal = limitMs === undefined ? undefined : AbortSignal.timeout(Math.max(1, Math.round(limitMs)));
      const options = { ...caseOptions(job.spec, job.lambda), backend: 'cpu' as const, solver, ...(signal ? { signal } : {}) };
      const once = async () => {
        if (job.spec.folds > 0) {
          const cv = await cvPath(data, options);
          return { fit: cv.curves[0].fit, cvm: Array.from(cv.curves[0].cvm) };
        }
        return { fit: await fitPath(data, options), cvm: undefined };
      };
      let repeats;
      try {
        repeats = await timeRepeats(job.repeats, job.maxMs, once);
      } catch (error) {
        if (error instanceof AbortError && signal?.aborted) throw new Error(`timed out after ${showSeconds(limitMs!)} (its time limit on the CPU)`);
        throw error;
      }
      const { timesMs, values } = repeats;
      const last = values[values.length - 1];
      return {
        timesMs,
        solveMs: job.spec.folds > 0 ? undefined : values.map((v) => v.fit.timing.solveMs),
        path: outcomeOf(last.fit, last.cvm),
        device: { host: 'node' },
      };
    },
    close: async () => undefined,
  };
}
