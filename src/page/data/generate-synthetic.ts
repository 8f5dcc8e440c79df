// Generates synthetic data in a worker (synthetic-worker.ts), with progress; a new worker per
// request, ended when it is done, failed or cancelled (as load-csv.ts reads a file).

import type { SyntheticSpec } from './synthetic.js';
import type { SyntheticWorkerMessage } from './synthetic-worker.js';
import type { Table } from './table.js';

export function generateInWorker(spec: SyntheticSpec, onRows: (rows: number, total: number) => void, signal?: AbortSignal): Promise<Table> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./synthetic-worker.ts', import.meta.url), { type: 'module', name: 'proxpath-synthetic' });
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      end();
      reject(new DOMException('generating the data was cancelled', 'AbortError'));
    };
    signal?.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<SyntheticWorkerMessage>) => {
      const m = event.data;
      if (m.type === 'progress') return onRows(m.rows, m.total);
      end();
      if (m.type === 'done') resolve(m.table);
      else reject(new Error(`synthetic data: ${m.message}`));
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(`synthetic data: the worker failed (${event.message})`));
    };
    worker.postMessage(spec);
  });
}
