// Synthetic data made off the main thread (a large preset takes seconds): rows reported as they
// are generated, the columns handed back without copying (transferred buffers).

import { generate, type SyntheticSpec } from './synthetic.js';
import type { Table } from './table.js';
import type { TaskMessage } from './worker-task.js';

export type SyntheticWorkerMessage = TaskMessage<{ rows: number; total: number }, { table: Table }>;

const post = (message: SyntheticWorkerMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = (event: MessageEvent<SyntheticSpec>) => {
  const spec = event.data;
  try {
    const table = generate(spec, (rows) => post({ type: 'progress', rows, total: spec.n }));
    post({ type: 'done', table }, table.columns.map((c) => c.buffer));
  } catch (error) {
    post({ type: 'error', message: (error as Error).message });
  }
};
