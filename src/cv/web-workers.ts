// Fold fits in Web Workers, the browser's threads (node-workers.ts is Node's). The page spawns
// the workers from its own bundle (a worker module that calls serveFolds) and hands cvPath this
// runner as `foldRunner`; each worker gets the data once per run (a copy: shared memory needs a
// cross-origin-isolated page), then the next unstarted job whenever it is free. Fits are
// deterministic: the results are the same bits as serial ones.

import { AbortError, InputError } from '../problem/errors.js';
import type { PathFitJSON } from '../problem/result.js';
import { fitFold, type FoldData, type FoldJob, type FoldRunner } from './fold-runner.js';

type Reply = { index: number; fit: PathFitJSON } | { index: number; error: { message: string; input: boolean; abort: boolean } };

/** A runner over `threads` workers made by `spawn`, ended when the run ends. */
export function webWorkerFolds(spawn: () => Worker, threads: number): FoldRunner {
  return (data, jobs, control) =>
    new Promise<PathFitJSON[]>((resolve, reject) => {
      const results = new Array<PathFitJSON>(jobs.length);
      const workers: Worker[] = [];
      let next = 0;
      let done = 0;
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        control.signal?.removeEventListener('abort', onAbort);
        for (const w of workers) w.terminate();
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
      for (let t = 0; t < Math.min(threads, jobs.length); t++) {
        const worker = spawn();
        workers.push(worker);
        worker.onmessage = (event: MessageEvent<Reply>) => {
          const reply = event.data;
          if ('error' in reply) {
            const { message, input, abort } = reply.error;
            finish(input ? new InputError(message) : abort ? new AbortError(message) : new Error(message));
            return;
          }
          results[reply.index] = reply.fit;
          done++;
          control.onDone?.(done);
          if (done === jobs.length) finish();
          else feed(worker);
        };
        worker.onerror = (event) => finish(new Error(`fold worker: ${event.message}`));
        worker.postMessage({ data });
        feed(worker);
      }
      if (control.signal?.aborted) onAbort();
    });
}

/** The worker's side: keeps the run's data and answers each job with its fit (or its error). */
export function serveFolds(scope: { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: unknown): void }): void {
  let data: FoldData | undefined;
  scope.onmessage = async (event: MessageEvent<{ data?: FoldData; index?: number; job?: FoldJob }>) => {
    if (event.data.data) {
      data = event.data.data;
      return;
    }
    const index = event.data.index!;
    try {
      if (!data) throw new Error('fold worker: a job came before the data');
      scope.postMessage({ index, fit: await fitFold(data, event.data.job!) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      scope.postMessage({ index, error: { message, input: err instanceof InputError, abort: err instanceof AbortError } });
    }
  };
}
