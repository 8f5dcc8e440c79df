// Where the fold fits of a cross-validation run (DESIGN §3, issue 5), on the run's one backend
// (chosen once by cvPath, src/api/cv-path.ts, and lent to the full-data fits and to the folds
// alike: src/gpu/lent-backend.ts): on the CPU, one fit per fold (serial or threads, as cvPath
// picks); on a WebGPU device, every fold × λ in one batch per α (batched-folds.ts: proximal
// Newton for the smooth losses, PDHG for absolute and quantile). A cross-validation that runs
// whole in headless Chromium never gets here in Node (src/hosts/chromium-cv.ts).

import { isRecoverable, watchDevice } from '../gpu/faults.js';
import type { SharedBackend } from '../gpu/lent-backend.js';
import { webGpuBatchBackend } from '../gpu/webgpu-backend.js';
import type { BackendName } from '../problem/types.js';
import type { PenaltySpec } from '../penalties/types.js';
import { batchedFolds } from './batched-folds.js';
import type { CvFoldsInfo } from './cv-fit.js';
import { type FoldData, type FoldJob, type FoldPath, serialFolds, type FoldRunner } from './fold-runner.js';

export type FoldsRoute =
  /** The CPU's fold fits (cvPath picks serial or threads). */
  | { kind: 'cpu'; folds: CvFoldsInfo }
  /** The backend's WebGPU device: `runner` runs the folds on it. */
  | { kind: 'webgpu'; runner: FoldRunner; folds: CvFoldsInfo; warnings: string[] };

const CPU_METHOD = 'one CPU fit per fold';
export const BATCH_METHOD = 'all folds × λ in one batch per α over one copy of X̃ (WebGPU, float32)';

/** What of a run sends its folds to the CPU even on a WebGPU device. */
export interface FoldsTraits {
  /** alignment fold-paths without a λ list: each fold on its own λ path. */
  ownPaths?: boolean;
  /** relax: each fold's refits are CPU fits on its own rows, which the batch has not. */
  relaxed?: boolean;
  /** A sparse X: the fold batch works over one dense copy of X̃, which a sparse X never gets. */
  sparse?: boolean;
}

/**
 * The folds' route on `backend`, the run's (`requested` is the backend option the run was given).
 * The fold batch gives each fold its own coefficient scales: only a homogeneous penalty's levels
 * follow them (PenaltyTraits.homogeneous); the others' folds are fitted one by one, and so are
 * the folds of a run with any of `traits` (each says why in the route's method).
 */
export function foldsRoute(backend: SharedBackend, requested: BackendName, penalty: PenaltySpec, traits: FoldsTraits = {}): FoldsRoute {
  const cpu = (why: string): FoldsRoute => ({ kind: 'cpu', folds: { backend: 'cpu', method: `${CPU_METHOD} (${why})` } });
  if (backend.kind === 'webgpu' && !penalty.traits.homogeneous) {
    return cpu(`penalty ${penalty.name}: the fold batch scales its levels per fold, which only a homogeneous penalty allows`);
  }
  if (backend.kind === 'webgpu' && traits.ownPaths) return cpu("alignment fold-paths: each fold its own λ path, where the fold batch shares the full fit's λ");
  if (backend.kind === 'webgpu' && traits.relaxed) return cpu("relax: each fold's refits on its own rows, which the fold batch does not make");
  if (backend.kind === 'webgpu' && traits.sparse) {
    return cpu("a sparse X: the fold batch reads one dense copy of X̃, where the CPU's folds read row subsets of the sparse columns");
  }
  if (backend.kind === 'cpu') {
    // The record says why the CPU where it was a choice (auto), not where it was asked for.
    const device = requested === 'cpu' ? {} : { device: backend.choice.device };
    return { kind: 'cpu', folds: { backend: 'cpu', method: CPU_METHOD, ...device } };
  }
  const warnings: string[] = [];
  const folds: CvFoldsInfo = { backend: 'webgpu', method: BATCH_METHOD, device: backend.choice.device };
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
  return { kind: 'webgpu', runner, folds, warnings };
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
