// Fold fits in Node worker threads. The pool is started once per process and kept (unref'd, so
// it never holds the process open while idle); runs at the same time share its threads, each
// run's messages tagged with its id (job-pool.ts), so a thread holds the data of every run in
// flight and drops a run's when it ends. A run shares its data with the threads through shared
// memory (no copy per thread), then deals out the jobs. Fits are deterministic, so the results
// are the same bits as serial ones. Needs the built fold-worker.js next to this module.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { FoldData, FoldRunner } from '../cv/fold-runner.js';
import { dealJobs, type PoolWorker } from './job-pool.js';

/** A pooled thread and the runs using it now (it keeps the process alive while any does). */
interface Thread {
  worker: Worker;
  users: number;
}

const pool: Thread[] = [];

/** The threads this machine runs at once. */
export function machineThreads(): number {
  return availableParallelism();
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

/** A new pooled thread; one that fails or exits leaves the pool (its runs fail: see listen). */
function spawn(url: URL): Thread {
  const thread: Thread = { worker: new Worker(url), users: 0 };
  thread.worker.unref();
  const retire = () => {
    const at = pool.indexOf(thread);
    if (at >= 0) pool.splice(at, 1);
  };
  thread.worker.on('error', retire);
  thread.worker.on('exit', retire);
  pool.push(thread);
  return thread;
}

/** A copy of an array in shared memory (shared, not copied, when posted to a worker). */
function shared<T extends Float64Array | Int32Array>(values: T): T {
  const out = new (values.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(values.byteLength));
  out.set(values);
  return out;
}

/** X in shared memory: the dense columns, or a sparse X's three CSC arrays. */
function sharedMatrix(X: FoldData['X']): FoldData['X'] {
  if (X instanceof Float64Array) return shared(X);
  return { ...X, indptr: shared(X.indptr), indices: shared(X.indices), values: shared(X.values) };
}

function poolWorker(thread: Thread): PoolWorker {
  const { worker } = thread;
  return {
    post: (request) => worker.postMessage(request),
    listen(onReply, onError) {
      if (thread.users++ === 0) worker.ref(); // a run in progress keeps the process alive
      const onExit = (code: number) => onError(new Error(`fold worker: the thread stopped (exit code ${code})`));
      worker.on('message', onReply);
      worker.on('error', onError);
      worker.on('exit', onExit);
      return () => {
        worker.off('message', onReply);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (--thread.users === 0) worker.unref();
      };
    },
  };
}

/** A runner over at most `threads` pooled threads (fewer if the run's `control.threads` says so). */
export function workerFolds(threads: number): FoldRunner {
  return (data: FoldData, jobs, control) => {
    const url = script();
    const count = Math.max(1, Math.min(threads, control.threads ?? threads, jobs.length));
    while (pool.length < count) spawn(url);
    const sharedData: FoldData = {
      ...data, X: sharedMatrix(data.X), y: shared(data.y), weights: shared(data.weights), ...(data.offset ? { offset: shared(data.offset) } : {}),
    };
    return dealJobs(pool.slice(0, count).map((thread) => poolWorker(thread)), sharedData, jobs, control);
  };
}
