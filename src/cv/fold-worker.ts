// A worker thread of node-workers.ts: keeps the data of the current run, fits the jobs it is
// sent, and answers each with the fit (or the error) tagged with its run.

import { parentPort } from 'node:worker_threads';
import { AbortError, InputError } from '../problem/errors.js';
import { fitFold, type FoldData, type FoldJob } from './fold-runner.js';

let current: { run: number; data: FoldData } | undefined;

parentPort!.on('message', async (message: { run: number; data?: FoldData; index?: number; job?: FoldJob }) => {
  const { run } = message;
  if (message.data) {
    current = { run, data: message.data };
    return;
  }
  const index = message.index!;
  try {
    if (current?.run !== run) throw new Error(`fold worker: no data for run ${run}`);
    parentPort!.postMessage({ run, index, fit: await fitFold(current.data, message.job!) });
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    parentPort!.postMessage({ run, index, error: { message: text, input: err instanceof InputError, abort: err instanceof AbortError } });
  }
});
