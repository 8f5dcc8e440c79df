// Fold fits in Web Workers, the browser's threads (node-workers.ts is Node's). The page spawns
// the workers from its own bundle (a worker module that calls serveFolds) and hands cvPath this
// runner as `foldRunner`; every run spawns its own workers and ends them when it ends, so runs
// at the same time never share one. Each worker gets the data once (a copy: shared memory needs
// a cross-origin-isolated page), then jobs as job-pool.ts deals them. Fits are deterministic:
// the results are the same bits as serial ones.

import type { FoldRunner } from '../cv/fold-runner.js';
import { dealJobs, foldServer, type FoldReply, type FoldRequest, type PoolWorker } from './job-pool.js';

/** A runner over at most `threads` workers made by `spawn` (fewer if the run's `control.threads` says so). */
export function webWorkerFolds(spawn: () => Worker, threads: number): FoldRunner {
  return (data, jobs, control) => {
    const count = Math.max(1, Math.min(threads, control.threads ?? threads, jobs.length));
    const workers = Array.from({ length: count }, spawn);
    const dealt = workers.map((worker): PoolWorker => ({
      post: (request) => worker.postMessage(request),
      listen(onReply, onError) {
        worker.onmessage = (event: MessageEvent<FoldReply>) => onReply(event.data);
        worker.onerror = (event) => onError(new Error(`fold worker: ${event.message}`));
        return () => {
          worker.onmessage = null;
          worker.onerror = null;
        };
      },
    }));
    return dealJobs(dealt, data, jobs, control, () => {
      for (const w of workers) w.terminate();
    });
  };
}

/** The worker's side: answers the jobs of the runs it is sent. */
export function serveFolds(scope: { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: unknown): void }): void {
  const serve = foldServer((reply) => scope.postMessage(reply));
  scope.onmessage = (event: MessageEvent<FoldRequest>) => void serve(event.data);
}
