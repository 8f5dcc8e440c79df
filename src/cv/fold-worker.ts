// A worker thread of node-workers.ts: fits the fold jobs it is sent on the data it was given.

import { parentPort, workerData } from 'node:worker_threads';
import { AbortError, InputError } from '../problem/errors.js';
import { fitFold, type FoldData, type FoldJob } from './fold-runner.js';

const data = workerData as FoldData;
parentPort!.on('message', async ({ index, job }: { index: number; job: FoldJob }) => {
  try {
    parentPort!.postMessage({ index, fit: await fitFold(data, job) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    parentPort!.postMessage({ index, error: { message, input: err instanceof InputError, abort: err instanceof AbortError } });
  }
});
