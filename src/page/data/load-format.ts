// Reads a libsvm, Matrix Market, Parquet or Arrow IPC file off the main thread (format-worker.ts),
// with progress where the text streams; a new worker per file, ended when the file is done,
// failed or cancelled, as for a CSV (worker-task.ts). The worker's messages name the file.

import type { TableParts } from './format-table.js';
import type { FormatProgress, FormatRequest } from './format-worker.js';
import type { Table } from './table.js';
import { workerTask } from './worker-task.js';

export type { FormatProgress, FormatRequest };

export async function loadFormat(request: FormatRequest, onProgress: (p: FormatProgress) => void, signal?: AbortSignal): Promise<Table> {
  const worker = new Worker(new URL('./format-worker.ts', import.meta.url), { type: 'module', name: 'proxpath-format' });
  const { source } = request;
  const words = {
    cancelled: 'reading the file was cancelled',
    error: (message: string) => message,
    crashed: (message: string) => `${source}: the reader's worker failed (${message})`,
  };
  const parts = await workerTask<FormatProgress, TableParts>(worker, request, onProgress, words, signal);
  const both = request.target ? `${source} + ${request.target.source}` : source;
  const { names, columns, n, lines, target } = parts;
  return { source: both, names, columns, n, ...(lines ? { lines } : {}), ...(target ? { target } : {}) };
}
