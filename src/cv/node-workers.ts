// Fold fits in Node worker threads. The pool is started once per process and kept (unref'd, so
// it never holds the process open); each run shares its data with the workers through shared
// memory (no copy per worker), then deals out the jobs (job-pool.ts). Fits are deterministic, so the results are the same bits as serial ones. Needs the
// built fold-worker.js next to this module.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../problem/errors.js';
import type { FoldData, FoldRunner } from './fold-runner.js';
import { dealJobs, type PoolWorker } from './job-pool.js';

/** Most threads a pool starts, whatever the machine. */
const MAX_THREADS = 8;

const pool: Worker[] = [];
let runs = 0;

/** The threads a run may use: the CPU count, at most MAX_THREADS. */
export function defaultThreads(): number {
  return Math.min(availableParallelism(), MAX_THREADS);
}

/** Whether the built worker script is there (not when running the TypeScript sources). */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(new URL('./fold-worker.js', import.meta.url)));
}

function script(): URL {
  const url = new URL('./fold-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(url))) {
    throw new InputError(`option workers: the worker script ${fileURLToPath(url)} is missing (run npm run build), or use workers: 1`);
  }
  return url;
}

/** A copy of an array in shared memory (shared, not copied, when posted to a worker). */
function shared(values: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(values.byteLength));
  out.set(values);
  return out;
}

export function workerFolds(threads: number): FoldRunner {
  return (data, jobs, control) => {
    const url = script();
    const count = Math.min(threads, jobs.length);
    while (pool.length < count) {
      const worker = new Worker(url);
      worker.unref();
      pool.push(worker);
    }
    const workers = pool.slice(0, count);
    const sharedData: FoldData = { ...data, X: shared(data.X), y: shared(data.y), weights: shared(data.weights) };
    const dealt = workers.map((worker): PoolWorker => ({
      post: (request) => worker.postMessage(request),
      listen(onReply, onError) {
        worker.ref(); // a run in progress keeps the process alive
        worker.on('message', onReply);
        worker.on('error', onError);
        return () => {
          worker.off('message', onReply);
          worker.off('error', onError);
          worker.unref();
        };
      },
    }));
    return dealJobs(dealt, ++runs, sharedData, jobs, control, (failed) => {
      if (!failed) return;
      // A stopped or failed run leaves jobs in flight: those workers are replaced.
      for (const w of workers) void w.terminate();
      pool.splice(0, pool.length, ...pool.filter((w) => !workers.includes(w)));
    });
  };
}
