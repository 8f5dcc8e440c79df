// The reader's worker for the formats other than CSV (src/formats/): libsvm and Matrix Market
// text streamed line by line from the File (never held whole) with progress by bytes; Parquet read
// by slices and Arrow IPC read whole, their libraries (hyparquet, apache-arrow) loaded only when
// such a file comes. The table's columns are handed back without copying (transferred buffers).

import { InputError } from '../../errors.js';
import { LibsvmReader } from '../../formats/libsvm.js';
import { MtxReader } from '../../formats/mtx.js';
import { checkLength, readNumberLines } from '../../formats/number-lines.js';
import { splitLines } from '../../formats/split-lines.js';
import { fileText } from './file-text.js';
import { type TableParts, buffersOf, columnParts, libsvmParts, mtxParts } from './format-table.js';
import type { TaskMessage } from './worker-task.js';

export interface FormatRequest {
  format: 'libsvm' | 'mtx' | 'parquet' | 'arrow';
  file: Blob;
  /** The file's name, for messages. */
  source: string;
  /** A Matrix Market X's target: one number per line. */
  target?: { file: Blob; source: string };
}

export interface FormatProgress {
  bytes: number;
  total: number;
  /** Rows (libsvm) or entries (Matrix Market) read so far. */
  count: number;
  unit: 'rows' | 'entries';
}

export type FormatWorkerMessage = TaskMessage<FormatProgress, TableParts>;

/** Progress is said at most once per this many bytes (and at the end). */
const PROGRESS_BYTES = 1 << 20;

const post = (message: FormatWorkerMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = (event: MessageEvent<FormatRequest>) => {
  const request = event.data;
  read(request).then(
    (parts) => post({ type: 'done', ...parts }, buffersOf(parts)),
    (error: unknown) => {
      const message = error instanceof InputError ? error.message : `${request.source}: could not read the file: ${(error as Error).message ?? String(error)}`;
      post({ type: 'error', message });
    },
  );
};

async function read(request: FormatRequest): Promise<TableParts> {
  const { format, file, source } = request;
  if (format === 'libsvm') return libsvm(file, source);
  if (format === 'mtx') return mtx(file, source, request.target);
  if (format === 'parquet') {
    const { blobBuffer, parquetColumns } = await import('../../formats/parquet.js');
    return columnParts(await parquetColumns(blobBuffer(file), source), source);
  }
  const { arrowColumns } = await import('../../formats/arrow.js');
  return columnParts(arrowColumns(new Uint8Array(await file.arrayBuffer()), source), source);
}

async function libsvm(file: Blob, source: string): Promise<TableParts> {
  const reader = new LibsvmReader(source, true);
  for await (const line of linesOf(file, () => reader.nRows, 'rows')) reader.line(line);
  return libsvmParts(reader.finish(), source);
}

async function mtx(file: Blob, source: string, target: FormatRequest['target']): Promise<TableParts> {
  if (!target) throw new InputError(`${source}: a Matrix Market file holds only X: choose or drop it together with its target file (one number per line)`);
  // The small file first: its mistakes are found before a large X is read.
  const y = await readNumberLines(splitLines(fileText(target.file, () => {})), target.source);
  const reader = new MtxReader(source, true);
  for await (const line of linesOf(file, () => reader.count, 'entries')) reader.line(line);
  const rows = reader.finish();
  checkLength(y, rows.nRows, '', target.source, source);
  return mtxParts(rows, y, source);
}

/** The file's lines, with progress by bytes and the reader's count. */
function linesOf(file: Blob, count: () => number, unit: FormatProgress['unit']): AsyncGenerator<string> {
  let said = 0;
  const onBytes = (bytes: number) => {
    if (bytes - said < PROGRESS_BYTES && bytes < file.size) return;
    said = bytes;
    post({ type: 'progress', bytes, total: file.size, count: count(), unit });
  };
  return splitLines(fileText(file, onBytes));
}
