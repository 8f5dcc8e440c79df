// What Node's worker threads (node-workers.ts) and the browser's Web Workers (web-workers.ts)
// share when they fit folds: the messages, the worker's answer to a job, and the dealing of
// jobs (the next unstarted one to whichever worker is free) with abort and error handling.
//
// Several runs may share a worker at once (two cvPath calls in one process share Node's pool):
// every message carries its run's id, the worker keeps the data of each run in flight under its
// id, and the run's end (done, failed or aborted) tells the worker to drop it.

import { AbortError, InputError } from '../errors.js';
import type { PathFitJSON } from '../problem/result.js';
import { fitFold, type FoldData, type FoldJob, type FoldRunner } from '../cv/fold-runner.js';

/** Messages to a fold worker: a run's data once, then its jobs, then its end. */
export type FoldRequest =
  | { run: number; data: FoldData }
  | { run: number; index: number; job: FoldJob }
  | { run: number; end: true };

/** A worker's answer to one job. */
export type FoldReply =
  | { run: number; index: number; fit: PathFitJSON }
  | { run: number; index: number; error: { message: string; input: boolean; abort: boolean } };

/**
 * The worker's side: keeps the data of every run in flight, by run id, and answers their jobs
 * one at a time, in the order they came (a fit pauses now and then, and the messages that
 * arrive meanwhile, an end among them, are handled at once). A run's end drops its data, stops
 * its fit in progress and skips its queued jobs: nobody waits for their answers.
 */
export function foldServer(post: (reply: FoldReply) => void): (request: FoldRequest) => Promise<void> {
  const runs = new Map<number, { data: FoldData; stop: AbortController }>();
  let queue = Promise.resolve();
  const answer = async (run: number, index: number, job: FoldJob) => {
    // A port delivers in order: a run's data comes before its jobs, so no entry means it ended.
    const entry = runs.get(run);
    if (!entry) return;
    try {
      const fit = await fitFold(entry.data, job, entry.stop.signal);
      if (!entry.stop.signal.aborted) post({ run, index, fit });
    } catch (err) {
      if (entry.stop.signal.aborted) return;
      const message = err instanceof Error ? err.message : String(err);
      post({ run, index, error: { message, input: err instanceof InputError, abort: err instanceof AbortError } });
    }
  };
  return (request) => {
    if ('data' in request) {
      runs.set(request.run, { data: request.data, stop: new AbortController() });
    } else if ('end' in request) {
      runs.get(request.run)?.stop.abort();
      runs.delete(request.run);
    } else {
      queue = queue.then(() => answer(request.run, request.index, request.job));
      return queue;
    }
    return Promise.resolve();
  };
}

/** A worker as the dealer sees it. */
export interface PoolWorker {
  post(request: FoldRequest): void;
  /** Starts delivering replies and failures; returns the function that stops it. */
  listen(onReply: (reply: FoldReply) => void, onError: (error: unknown) => void): () => void;
}

/** Run ids, unique in this thread (the main thread or the worker that deals). */
let lastRun = 0;

/**
 * Runs `jobs` on `workers` (the data sent to each first) and resolves with the fits in job
 * order; at the end, done or not, the workers are told to drop the run, then `onEnd(failed)`
 * runs, once, before the promise settles.
 */
export function dealJobs(
  workers: PoolWorker[],
  data: FoldData,
  jobs: FoldJob[],
  control: Parameters<FoldRunner>[2],
  onEnd?: (failed: boolean) => void,
): Promise<PathFitJSON[]> {
  const run = ++lastRun;
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
      for (const worker of workers) {
        try {
          worker.post({ run, end: true });
        } catch {
          // A worker that died cannot hold the run's data any more.
        }
      }
      onEnd?.(err !== undefined);
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
    if (control.signal?.aborted) {
      finish(new AbortError('the cross-validation was aborted'));
      return;
    }
    control.signal?.addEventListener('abort', onAbort);
    for (const worker of workers) {
      if (settled) break;
      const onReply = (reply: FoldReply) => {
        if (settled || reply.run !== run) return;
        if ('error' in reply) {
          const { message, input, abort } = reply.error;
          finish(input ? new InputError(message) : abort ? new AbortError(message) : new Error(message));
          return;
        }
        results[reply.index] = reply.fit;
        done++; // not inside the optional call below: its argument is not evaluated without onDone
        try {
          control.onDone?.(done);
        } catch (error) {
          finish(error); // a throwing progress callback ends the run, as it would a serial one
          return;
        }
        if (done === jobs.length) finish();
        else feed(worker);
      };
      try {
        stops.push(worker.listen(onReply, (error) => finish(error)));
        worker.post({ run, data });
        feed(worker);
      } catch (error) {
        finish(error); // e.g. data that cannot be posted: the workers already started are released
      }
    }
  });
}
