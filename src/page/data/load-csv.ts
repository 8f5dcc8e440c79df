// Parses a CSV file off the main thread (csv-worker.ts), with progress; a new worker per file,
// ended when the file is done, failed or cancelled.

import type { CsvWorkerMessage } from './csv-worker.js';
import type { Table } from './table.js';

export interface CsvProgress {
  bytes: number;
  total: number;
  rows: number;
}

export function loadCsv(file: Blob, source: string, onProgress: (p: CsvProgress) => void, signal?: AbortSignal): Promise<Table> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module', name: 'proxpath-csv' });
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      end();
      reject(new DOMException('reading the file was cancelled', 'AbortError'));
    };
    signal?.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<CsvWorkerMessage>) => {
      const m = event.data;
      if (m.type === 'progress') onProgress(m);
      else if (m.type === 'done') {
        end();
        resolve({ source, names: m.names, columns: m.columns, n: m.n, rowNames: m.rowNames, lines: m.lines });
      } else {
        end();
        reject(new Error(`${source}: ${m.message}`));
      }
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(`${source}: the CSV worker failed (${event.message})`));
    };
    worker.postMessage({ file });
  });
}
