// What Node's worker threads (node-workers.ts) and the browser's Web Workers (web-workers.ts)
// share when they fit folds: the messages, the worker's answer to a job, and the dealing of
// jobs (the next unstarted one to whichever worker is free) with abort and error handling.

import { AbortError, InputError } from '../problem/errors.js';
import type { PathFitJSON } from '../problem/result.js';
import { fitFold, type FoldData, type FoldJob, type FoldRunner } from './fold-runner.js';

/** Messages to a fold worker: the run's data once, then jobs; `run` tags a run (Node's pool). */
export type FoldRequest = { run: number; data: FoldData } | { run: number; index: number; job: FoldJob };

/** A worker's answer to one job. */
export type FoldReply =
  | { run: number; index: number; fit: PathFitJSON }
  | { run: number; index: number; error: { message: string; input: boolean; abort: boolean } };

/** The worker's side: keeps the current run's data and answers each job of that run. */
export function foldServer(post: (reply: FoldReply) => void): (request: FoldRequest) => Promise<void> {
  let current: { run: number; data: FoldData } | undefined;
  return async (request) => {
    if ('data' in request) {
      current = { run: request.run, data: request.data };
      return;
    }
    const { run, index } = request;
    try {
      if (current?.run !== run) throw new Error(`fold worker: no data for run ${run}`);
      post({ run, index, fit: await fitFold(current.data, request.job) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      post({ run, index, error: { message, input: err instanceof InputError, abort: err instanceof AbortError } });
    }
  };
}

/** A worker as the dealer sees it. */
export interface PoolWorker {
  post(request: FoldRequest): void;
  /** Starts delivering replies and failures; returns the function that stops it. */
  listen(onReply: (reply: FoldReply) => void, onError: (error: unknown) => void): () => void;
}

/**
 * Runs `jobs` on `workers` (the data sent to each first) and resolves with the fits in job
 * order; `onEnd(failed)` runs once, before the promise settles.
 */
export function dealJobs(
  workers: PoolWorker[],
  run: number,
  data: FoldData,
  jobs: FoldJob[],
  control: Parameters<FoldRunner>[2],
  onEnd: (failed: boolean) => void,
): Promise<PathFitJSON[]> {
  const results = new Array<PathFitJSON>(jobs.length);
  let next = 0;
  let done = 0;
  return new Promise<PathFitJSON[]>((resolve, reject) => {
    let settled = false;
    const stops: (() => void)[] = [];
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      control.signal?.removeEventListener('abort', onAbort);
      for (const stop of stops) stop();
      onEnd(err !== undefined);
      if (err !== undefined) reject(err);
      else resolve(results);
    };
    const feed = (worker: PoolWorker) => {
      if (next < jobs.length) {
        const index = next++;
        worker.post({ run, index, job: jobs[index] });
      }
    };
    const onAbort = () => finish(new AbortError('the cross-validation was aborted'));
    control.signal?.addEventListener('abort', onAbort);
    for (const worker of workers) {
      const onReply = (reply: FoldReply) => {
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
        else feed(worker);
      };
      stops.push(worker.listen(onReply, (error) => finish(error)));
      worker.post({ run, data });
      feed(worker);
    }
    if (control.signal?.aborted) onAbort();
  });
}
