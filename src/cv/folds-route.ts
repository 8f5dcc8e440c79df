// Where the fold fits of a cross-validation run (DESIGN §3, issue 5): on the CPU, one fit per
// fold (serial or worker threads, cv-path.ts); on a WebGPU device, every fold × λ in one batch
// per α (batched-folds.ts: proximal Newton for the smooth losses, PDHG for absolute and
// quantile); in Node without a usable Dawn adapter, the whole cross-validation goes to
// headless Chromium (chromium-cv.ts), as a WebGPU fit does. The backend is chosen as fitPath
// chooses it (auto: a hardware adapter, else the CPU), once: the route's `backend` is lent to
// the full-data fits and to the folds alike (shared-backend.ts), and freed by cvPath at its end.

import { chooseBackend, cpuChoice } from '../gpu/choose.js';
import { isRecoverable, watchDevice } from '../gpu/faults.js';
import { webGpuBatchBackend } from '../gpu/webgpu-backend.js';
import type { FitOptions } from '../problem/types.js';
import { batchedFolds } from './batched-folds.js';
import type { CvFoldsInfo } from './cv-fit.js';
import { type FoldData, type FoldJob, type FoldPath, serialFolds, type FoldRunner } from './fold-runner.js';
import { shareBackend, type SharedBackend } from './shared-backend.js';

export type FoldsRoute =
  /** The CPU's fold fits (cv-path.ts picks serial or worker threads). */
  | { kind: 'cpu'; folds: CvFoldsInfo; backend: SharedBackend }
  /** A WebGPU device here, `backend`'s: `runner` runs the folds on it. */
  | { kind: 'webgpu'; runner: FoldRunner; folds: CvFoldsInfo; warnings: string[]; backend: SharedBackend }
  /** Node without a usable Dawn adapter: the whole CV runs in headless Chromium. */
  | { kind: 'chromium'; executablePath: string; reason: string };

const CPU_METHOD = 'one CPU fit per fold';
export const BATCH_METHOD = 'all folds × λ in one batch per α over one copy of X̃ (WebGPU, float32)';

export async function foldsRoute(options: FitOptions): Promise<FoldsRoute> {
  const requested = options.backend ?? 'auto';
  // Anything else is the full fit's to reject (validate), on the CPU route.
  if (requested !== 'auto' && requested !== 'webgpu') {
    return { kind: 'cpu', folds: { backend: 'cpu', method: CPU_METHOD }, backend: shareBackend(cpuChoice('requested')) };
  }
  const choice = await chooseBackend(requested, options.device);
  if (choice.kind === 'cpu') return { kind: 'cpu', folds: { backend: 'cpu', method: CPU_METHOD, device: choice.device }, backend: shareBackend(choice) };
  if (choice.kind === 'chromium') return { kind: 'chromium', executablePath: choice.executablePath, reason: choice.device.reason };
  const backend = shareBackend(choice);
  const warnings: string[] = [];
  const folds: CvFoldsInfo = { backend: 'webgpu', method: BATCH_METHOD, device: choice.device };
  // A device fault (lost device, failed allocation) hands the folds to the CPU, and says so.
  const runner: FoldRunner = async (data, jobs, control) => {
    // The device the full fits ended on (a replacement, if one of them had a fault).
    const { device } = backend.device();
    const watch = watchDevice(device);
    try {
      const paths = await Promise.race([batchedFolds(webGpuBatchBackend(device), 'webgpu')(data, jobs, control), watch.fault]);
      await refitStopped(data, jobs, paths, control.signal, warnings);
      return paths;
    } catch (error) {
      if (control.signal?.aborted || !isRecoverable(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      warnings.push(`the folds batch failed on WebGPU (${message}); the folds were fitted on the CPU`);
      folds.backend = 'cpu';
      folds.method = `${CPU_METHOD} (after a WebGPU fault)`;
      return serialFolds(data, jobs.map((job) => ({ ...job, options: { ...job.options, backend: 'cpu' } })), control);
    } finally {
      watch.close();
    }
  };
  return { kind: 'webgpu', runner, folds, warnings, backend };
}

/**
 * Nothing unconverged is handed back: the folds with a column that stopped on float32 rounding
 * before its KKT target are fitted again on the CPU (their whole path, on the same λ), and a
 * warning says how many.
 */
export async function refitStopped(data: FoldData, jobs: FoldJob[], paths: FoldPath[], signal: AbortSignal | undefined, warnings: string[]): Promise<void> {
  const stopped = paths.flatMap((path, index) => (path.converged.every(Boolean) ? [] : [index]));
  if (stopped.length === 0) return;
  const columns = stopped.reduce((sum, index) => sum + paths[index].converged.filter((c) => !c).length, 0);
  const worst = Math.max(...stopped.flatMap((index) => paths[index].kktViolation));
  const refits = await serialFolds(data, stopped.map((index) => ({ ...jobs[index], options: { ...jobs[index].options, backend: 'cpu' } })), { signal });
  stopped.forEach((index, r) => (paths[index] = refits[r]));
  warnings.push(
    `${columns} of ${paths.length * paths[0].lambda.length} fold × λ columns stopped on float32 rounding before their KKT target ` +
      `(largest violation ${worst.toExponential(2)} of the fold's λ_max): ${stopped.length === 1 ? 'that fold was' : `those ${stopped.length} folds were`} fitted again on the CPU`,
  );
}
