// Reads a numeric CSV with a header into the column-major matrix the library takes, streaming:
// the file is read in chunks and parsed as it comes (csv-reader.ts), so its size is bounded by
// the memory its numbers need, not by its text (one JavaScript string cannot pass ~512 MiB).

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError, show } from '../errors.js';
import { type CsvData, type CsvOptions, CsvReader, type CsvTuning } from './csv-reader.js';

export type { CsvData, CsvOptions, CsvTuning } from './csv-reader.js';

/** Bytes read at a time. */
const READ_CHUNK = 1 << 20;

/** Reads and parses a CSV file; `source` in messages is the path as the user gave it. */
export async function readCsv(path: string, options: CsvOptions = {}, tuning: CsvTuning = {}): Promise<CsvData> {
  const cannotRead = (err: unknown) => new InputError(`cannot read data file ${show(path)}: ${describeFsError(err)}`);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    throw cannotRead(err);
  }
  const reader = new CsvReader(path, options, size, tuning);
  // UTF-8 decoded by the stream, so a character cut between two reads arrives whole.
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: tuning.chunkSize ?? READ_CHUNK });
  const chunks = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<string>;
      try {
        next = await chunks.next();
      } catch (err) {
        throw cannotRead(err);
      }
      if (next.done) break;
      reader.push(next.value);
    }
  } finally {
    stream.destroy(); // stops reading when the parse failed midway
  }
  return reader.end();
}

/** Parses CSV text (see readCsv). */
export function parseCsv(text: string, source: string, options: CsvOptions = {}, tuning: CsvTuning = {}): CsvData {
  const reader = new CsvReader(source, options, text.length, tuning);
  reader.push(text);
  return reader.end();
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return err instanceof Error ? err.message : String(err);
}
