// Generates synthetic data in a worker (synthetic-worker.ts), with progress; a new worker per
// request, ended when it is done, failed or cancelled (worker-task.ts, as load-csv.ts reads a file).

import type { SyntheticSpec } from './synthetic.js';
import type { Table } from './table.js';
import { workerTask } from './worker-task.js';

export async function generateInWorker(spec: SyntheticSpec, onRows: (rows: number, total: number) => void, signal?: AbortSignal): Promise<Table> {
  const worker = new Worker(new URL('./synthetic-worker.ts', import.meta.url), { type: 'module', name: 'proxpath-synthetic' });
  const words = {
    cancelled: 'generating the data was cancelled',
    error: (message: string) => `synthetic data: ${message}`,
    crashed: (message: string) => `synthetic data: the worker failed (${message})`,
  };
  const done = await workerTask<{ rows: number; total: number }, { table: Table }>(worker, spec, (m) => onRows(m.rows, m.total), words, signal);
  return done.table;
}
