// What every runner gives back for one case: the wall time of each timed run (one untimed
// warm-up first), and the path of the last run, which run.ts judges and compares.

import type { CaseSpec, RunnerDevice, RunnerName } from '../types.js';
import type { BenchData } from '../data.js';
import type { WorkCount } from '../../problem/types.js';
import type { GpuProjection } from '../projection.js';

/** A path as a runner returns it: original-scale coefficients, one entry per λ. */
export interface PathOutcome {
  lambda: number[];
  intercept: number[];
  beta: number[][];
  /** Iterations (coordinate passes, or batched iterations) per λ, where the runner reports them. */
  iterations?: number[];
  /** The CV error curve, for cases with folds. */
  cvm?: number[];
  /** Batched fits: the work the host counted as it dispatched (the fit's `work`). */
  work?: WorkCount;
}

export interface RunnerResult {
  timesMs: number[];
  /** The fit's own solve time per timed run (proxpath runners). */
  solveMs?: number[];
  /** The fit's GPU time per timed run (timing.gpuMs: WebGPU with timestamp-query only). */
  gpuMs?: number[];
  path: PathOutcome;
  device?: RunnerDevice;
  version?: string;
  note?: string;
}

/** A case as a runner sees it: the spec, its data and the λ sequence every runner uses. */
export interface CaseJob {
  spec: CaseSpec;
  data: BenchData;
  lambda: number[];
  /** Timed runs wanted, and the time after which no further one starts. */
  repeats: number;
  maxMs: number;
  /** The figures that counted work is projected to GPU time with. */
  projection?: GpuProjection;
  /**
   * Milliseconds this case may take on the runner, warm-up and timed runs together, where the
   * bench's budget limits it (run.ts): runners that can stop a run (Dawn's child, the CPU's
   * AbortSignal) hold to it. Absent: the runner's own limit alone.
   */
  limitMs?: number;
}

export interface Runner {
  name: RunnerName;
  /** Why this runner cannot run a case (a loss it lacks, …), or null. */
  unsupported(spec: CaseSpec): string | null;
  run(job: CaseJob): Promise<RunnerResult>;
  close(): Promise<void>;
}

/**
 * One untimed warm-up, then timed runs until `repeats` or until the timed runs have taken
 * `maxMs` (at least one). Returns each timed run's wall time and the last run's value.
 */
export async function timeRepeats<T>(repeats: number, maxMs: number, once: () => Promise<T>): Promise<{ timesMs: number[]; values: T[] }> {
  await once();
  const timesMs: number[] = [];
  const values: T[] = [];
  let spent = 0;
  while (timesMs.length < repeats && (timesMs.length === 0 || spent < maxMs)) {
    const start = performance.now();
    values.push(await once());
    const ms = performance.now() - start;
    timesMs.push(ms);
    spent += ms;
  }
  return { timesMs, values };
}
