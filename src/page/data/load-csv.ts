// Parses a CSV file off the main thread (csv-worker.ts), with progress; a new worker per file,
// ended when the file is done, failed or cancelled (worker-task.ts).

import type { CsvDone } from './csv-worker.js';
import type { Table } from './table.js';
import { workerTask } from './worker-task.js';

export interface CsvProgress {
  bytes: number;
  total: number;
  rows: number;
}

export async function loadCsv(file: Blob, source: string, onProgress: (p: CsvProgress) => void, signal?: AbortSignal): Promise<Table> {
  const worker = new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module', name: 'proxpath-csv' });
  const words = {
    cancelled: 'reading the file was cancelled',
    error: (message: string) => `${source}: ${message}`,
    crashed: (message: string) => `${source}: the CSV worker failed (${message})`,
  };
  const m = await workerTask<CsvProgress, CsvDone>(worker, { file }, onProgress, words, signal);
  return { source, names: m.names, columns: m.columns, n: m.n, rowNames: m.rowNames, lines: m.lines };
}
