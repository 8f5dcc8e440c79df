// Fold fits in Node worker threads: each worker gets the data once, then fits the jobs it is
// handed (the next unstarted one each time it is free). Fits are deterministic, so the results
// are the same bits as serial ones. Needs the built fold-worker.js next to this module.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AbortError, InputError } from '../problem/errors.js';
import type { PathFitJSON } from '../problem/result.js';
import type { FoldRunner } from './fold-runner.js';

type Reply = { index: number; fit: PathFitJSON } | { index: number; error: { message: string; input: boolean; abort: boolean } };

export function workerFolds(threads: number): FoldRunner {
  return (data, jobs, control) => {
    const script = new URL('./fold-worker.js', import.meta.url);
    if (!existsSync(fileURLToPath(script))) {
      throw new InputError(`option workers: the worker script ${fileURLToPath(script)} is missing (run npm run build), or use workers: 1`);
    }
    const results = new Array<PathFitJSON>(jobs.length);
    let next = 0;
    let done = 0;
    const pool: Worker[] = [];
    return new Promise<PathFitJSON[]>((resolve, reject) => {
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        control.signal?.removeEventListener('abort', onAbort);
        for (const w of pool) void w.terminate();
        if (err) reject(err);
        else resolve(results);
      };
      const onAbort = () => finish(new AbortError('the cross-validation was aborted'));
      control.signal?.addEventListener('abort', onAbort);
      const feed = (worker: Worker) => {
        if (next < jobs.length) {
          const index = next++;
          worker.postMessage({ index, job: jobs[index] });
        }
      };
      const count = Math.min(threads, jobs.length);
      for (let t = 0; t < count; t++) {
        const worker = new Worker(script, { workerData: data });
        pool.push(worker);
        worker.on('message', (reply: Reply) => {
          if ('error' in reply) {
            const { message, input, abort } = reply.error;
            finish(input ? new InputError(message) : abort ? new AbortError(message) : new Error(message));
            return;
          }
          results[reply.index] = reply.fit;
          done++; // not inside the optional call: its argument is not evaluated without onDone
          control.onDone?.(done);
          if (done === jobs.length) finish();
          else feed(worker);
        });
        worker.on('error', (err) => finish(err));
        feed(worker);
      }
      if (control.signal?.aborted) onAbort();
    });
  };
}
