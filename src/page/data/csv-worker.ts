// The CSV parser's worker: streams a File or Blob through papaparse in 1 MiB chunks, turns rows
// into numeric columns as they come (the text is never held whole), reports progress by bytes,
// and hands the columns back without copying them (transferred buffers).

import Papa from 'papaparse';
import { ColumnBuilder, CsvError } from './csv-columns.js';
import type { TaskMessage } from './worker-task.js';

export interface CsvDone {
  names: string[];
  columns: Float64Array[];
  n: number;
  rowNames: boolean;
  lines: Float64Array;
}

export type CsvWorkerMessage = TaskMessage<{ bytes: number; total: number; rows: number }, CsvDone>;

const post = (message: CsvWorkerMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = (event: MessageEvent<{ file: Blob }>) => {
  const { file } = event.data;
  const builder = new ColumnBuilder();
  let failed = false;
  const fail = (message: string) => {
    if (failed) return;
    failed = true;
    post({ type: 'error', message });
  };
  Papa.parse<string[]>(file as File, {
    chunkSize: 1 << 20,
    // Blank lines come through: the builder counts them as lines (not rows), as the command line.
    skipEmptyLines: false,
    chunk(results, parser) {
      try {
        const bad = results.errors.find((e) => e.type === 'Quotes');
        results.data.forEach((row, r) => {
          if (bad && r === bad.row) throw new CsvError(`${builder.where()}: ${bad.message}`);
          builder.addRow(row);
        });
        post({ type: 'progress', bytes: Math.min(results.meta.cursor, file.size), total: file.size, rows: builder.n });
      } catch (error) {
        // Reported before abort(), which completes the parse at once (complete() then sees `failed`).
        fail(error instanceof CsvError ? error.message : `could not read the file: ${(error as Error).message}`);
        parser.abort();
      }
    },
    complete() {
      if (failed) return;
      try {
        const table = builder.finish();
        post({ type: 'done', ...table }, [...table.columns.map((c) => c.buffer), table.lines.buffer]);
      } catch (error) {
        fail((error as Error).message);
      }
    },
    error(error) {
      fail(`could not read the file: ${error.message}`);
    },
  });
};
