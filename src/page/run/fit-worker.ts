// The fit worker: every fit of the page runs here (coordinate descent on the CPU, and WebGPU
// through the worker's own navigator.gpu), so the page stays responsive. Cancelling ends the
// worker (runner.ts); a fit cannot outlive it.

import { webWorkerFolds } from '../../hosts/web-workers.js';
import { cvPath, fitPath } from '../../index.js';
import type { Dataset, ProgressEvent } from '../../problem/types.js';
import type { RunRequest, Stage, WorkerMessage } from './protocol.js';

const post = (message: WorkerMessage) => (self as unknown as Worker).postMessage(message);

function dataset(request: RunRequest): Dataset {
  const { X, n, p, y, weights, offset, featureNames } = request.data;
  return { X: { data: X, nRows: n, nCols: p, layout: 'column-major' }, y, weights, ...(offset ? { offset } : {}), featureNames };
}

const spawnFoldWorker = () => new Worker(new URL('./fold-worker.ts', import.meta.url), { type: 'module', name: 'proxpath-fold' });

const progress = (stage: Stage) => (e: ProgressEvent) => post({ type: 'progress', stage, ...e });

async function run(request: RunRequest): Promise<void> {
  const data = dataset(request);
  if (request.compare) {
    let t0 = performance.now();
    const webgpu = await fitPath(data, { ...request.options, backend: 'webgpu', onProgress: progress('webgpu') });
    const webgpuWallMs = performance.now() - t0;
    t0 = performance.now();
    const cpu = await fitPath(data, { ...request.options, backend: 'cpu', onProgress: progress('cpu') });
    const cpuWallMs = performance.now() - t0;
    post({ type: 'path', fit: webgpu.toJSON(), wallMs: webgpuWallMs });
    post({ type: 'compare', webgpu: webgpu.toJSON(), cpu: cpu.toJSON(), webgpuWallMs, cpuWallMs });
    return;
  }
  let t0 = performance.now();
  const fit = await fitPath(data, { ...request.options, onProgress: progress('path') });
  post({ type: 'path', fit: fit.toJSON(), wallMs: performance.now() - t0 });
  if (request.cv) {
    t0 = performance.now();
    const { nFolds, measure, seed } = request.cv;
    // The folds are fitted on the backend the path used (auto resolved once, not per fold).
    const cv = await cvPath(data, {
      ...request.options,
      backend: fit.backend,
      // On the CPU, folds that take long enough run in parallel in fold workers.
      foldRunner: webWorkerFolds(spawnFoldWorker, Math.min(navigator.hardwareConcurrency || 2, 8)),
      folds: nFolds,
      measure,
      seed,
      onProgress: (e) => post({ type: 'progress', stage: 'cv', ...e }),
    });
    post({ type: 'cv', cv: cv.toJSON(), wallMs: performance.now() - t0 });
  }
}

self.onmessage = (event: MessageEvent<RunRequest | 'ping'>) => {
  if (event.data === 'ping') {
    post({ type: 'ready' });
    return;
  }
  run(event.data).then(
    () => post({ type: 'done' }),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ type: 'error', name: e.name, message: e.message });
    },
  );
};
