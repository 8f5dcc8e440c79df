// Where the fold fits of a cross-validation run (DESIGN §3, issue 5): on the CPU, one fit per
// fold (serial or worker threads, cv-path.ts); on a WebGPU device, every fold × λ in one batch
// per α (batched-folds.ts; piecewise-linear losses, which the batch does not take, one WebGPU
// fit per fold); in Node without a usable Dawn adapter, the whole cross-validation goes to
// headless Chromium (chromium-cv.ts), as a WebGPU fit does. The backend is chosen as fitPath
// chooses it (auto: a hardware adapter, else the CPU).

import { chooseBackend } from '../gpu/choose.js';
import { isRecoverable, watchDevice } from '../gpu/faults.js';
import { webGpuBatchBackend } from '../gpu/webgpu-backend.js';
import type { FitOptions } from '../problem/types.js';
import { batchedFolds, batchesFolds } from './batched-folds.js';
import type { CvFoldsInfo } from './cv-fit.js';
import { serialFolds, type FoldRunner } from './fold-runner.js';

export type FoldsRoute =
  /** The CPU's fold fits (cv-path.ts picks serial or worker threads). */
  | { kind: 'cpu'; folds: CvFoldsInfo }
  /** A WebGPU device here: `runner` acquires one, runs the folds on it, and frees it. */
  | { kind: 'webgpu'; runner: FoldRunner; folds: CvFoldsInfo; warnings: string[] }
  /** Node without a usable Dawn adapter: the whole CV runs in headless Chromium. */
  | { kind: 'chromium'; executablePath: string; reason: string };

const CPU_METHOD = 'one CPU fit per fold';
export const BATCH_METHOD = 'all folds × λ in one batch per α over one copy of X̃ (WebGPU, float32)';
const PER_FOLD_METHOD = 'one WebGPU fit per fold (piecewise-linear losses are not batched over folds)';

export async function foldsRoute(options: FitOptions): Promise<FoldsRoute> {
  const requested = options.backend ?? 'auto';
  // Anything else is the full fit's to reject (validate), on the CPU route.
  if (requested !== 'auto' && requested !== 'webgpu') return { kind: 'cpu', folds: { backend: 'cpu', method: CPU_METHOD } };
  const choice = await chooseBackend(requested, options.device);
  if (choice.kind === 'cpu') return { kind: 'cpu', folds: { backend: 'cpu', method: CPU_METHOD, device: choice.device } };
  if (choice.kind === 'chromium') return { kind: 'chromium', executablePath: choice.executablePath, reason: choice.device.reason };
  // The device of the choice is freed now (the full fits come first, and may fail); the runner
  // acquires its own from the same source (the caller's device is the caller's).
  const { source } = choice;
  const owned = source.host !== 'caller';
  if (owned) choice.acquired.device.destroy();
  if (!batchesFolds(options)) {
    return { kind: 'webgpu', runner: serialFolds, folds: { backend: 'webgpu', method: PER_FOLD_METHOD, device: choice.device }, warnings: [] };
  }
  const warnings: string[] = [];
  const folds: CvFoldsInfo = { backend: 'webgpu', method: BATCH_METHOD, device: choice.device };
  // A device fault (lost device, failed allocation) hands the folds to the CPU, and says so.
  const runner: FoldRunner = async (data, jobs, control) => {
    let device: GPUDevice | undefined;
    try {
      device = (await source.acquire()).device;
      const watch = watchDevice(device);
      try {
        const paths = await Promise.race([batchedFolds(webGpuBatchBackend(device), 'webgpu')(data, jobs, control), watch.fault]);
        const stopped = paths.reduce((s, path) => s + path.converged.filter((c) => !c).length, 0);
        if (stopped > 0) {
          const worst = Math.max(...paths.flatMap((path) => path.kktViolation));
          warnings.push(
            `${stopped} of ${paths.length * paths[0].lambda.length} fold × λ columns stopped on float32 rounding before their KKT ` +
              `target (largest violation ${worst.toExponential(2)} of the fold's λ_max): their held-out errors carry that error`,
          );
        }
        return paths;
      } finally {
        watch.close();
      }
    } catch (error) {
      if (control.signal?.aborted || !isRecoverable(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      warnings.push(`the folds batch failed on WebGPU (${message}); the folds were fitted on the CPU`);
      folds.backend = 'cpu';
      folds.method = `${CPU_METHOD} (after a WebGPU fault)`;
      return serialFolds(data, jobs.map((job) => ({ ...job, options: { ...job.options, backend: 'cpu' } })), control);
    } finally {
      if (owned) device?.destroy();
    }
  };
  return { kind: 'webgpu', runner, folds, warnings };
}
