// Fold fits in Node worker threads. The pool is started once per process and kept (unref'd, so
// it never holds the process open); each run shares its data with the workers through shared
// memory (no copy per worker), then hands out jobs, the next unstarted one to whichever worker
// is free. Fits are deterministic, so the results are the same bits as serial ones. Needs the
// built fold-worker.js next to this module.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AbortError, InputError } from '../problem/errors.js';
import type { PathFitJSON } from '../problem/result.js';
import type { FoldData, FoldRunner } from './fold-runner.js';

export type WorkerReply =
  | { run: number; index: number; fit: PathFitJSON }
  | { run: number; index: number; error: { message: string; input: boolean; abort: boolean } };

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
    const run = ++runs;
    const sharedData: FoldData = { ...data, X: shared(data.X), y: shared(data.y), weights: shared(data.weights) };
    const results = new Array<PathFitJSON>(jobs.length);
    let next = 0;
    let done = 0;
    return new Promise<PathFitJSON[]>((resolve, reject) => {
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        control.signal?.removeEventListener('abort', onAbort);
        for (const w of workers) {
          w.off('message', onMessage);
          w.off('error', onError);
          w.unref();
        }
        if (err) {
          // A stopped or failed run leaves jobs in flight: those workers are replaced.
          for (const w of workers) void w.terminate();
          pool.splice(0, pool.length, ...pool.filter((w) => !workers.includes(w)));
          reject(err);
        } else resolve(results);
      };
      const feed = (worker: Worker) => {
        if (next < jobs.length) {
          const index = next++;
          worker.postMessage({ run, index, job: jobs[index] });
        }
      };
      const onMessage = function (this: Worker, reply: WorkerReply) {
        if (reply.run !== run) return;
        if ('error' in reply) {
          const { message, input, abort } = reply.error;
          finish(input ? new InputError(message) : abort ? new AbortError(message) : new Error(message));
          return;
        }
        results[reply.index] = reply.fit;
        done++; // not inside the optional call below: its argument is not evaluated without onDone
        control.onDone?.(done);
        if (done === jobs.length) finish();
        else feed(this);
      };
      const onError = (err: Error) => finish(err);
      const onAbort = () => finish(new AbortError('the cross-validation was aborted'));
      control.signal?.addEventListener('abort', onAbort);
      for (const worker of workers) {
        worker.ref(); // a run in progress keeps the process alive
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.postMessage({ run, data: sharedData });
        feed(worker);
      }
      if (control.signal?.aborted) onAbort();
    });
  };
}
