// Reads a numeric CSV with a header into the column-major matrix the library takes, streaming:
// the file is read in chunks and parsed as it comes (csv-reader.ts), so its size is bounded by
// the memory its numbers need, not by its text (one JavaScript string cannot pass ~512 MiB).

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { AbortError, InputError, show } from '../errors.js';
import { type CsvBlock, type CsvData, type CsvOptions, CsvReader, type CsvStreamSummary, type CsvTuning } from './csv-reader.js';

export type { CsvBlock, CsvData, CsvOptions, CsvStreamSummary, CsvTuning } from './csv-reader.js';

/** Bytes read at a time. */
const READ_CHUNK = 1 << 20;

/** Reads and parses a CSV file; `source` in messages is the path as the user gave it. */
export async function readCsv(path: string, options: CsvOptions = {}, tuning: CsvTuning = {}): Promise<CsvData> {
  return (await feedFile(path, options, tuning)).end();
}

/**
 * Reads a CSV file without keeping its rows: they go to `onBlock` in blocks of `blockRows` as
 * they are parsed; returns what the file was.
 */
export async function streamCsv(
  path: string,
  options: CsvOptions,
  onBlock: (block: CsvBlock) => void,
  signal?: AbortSignal,
  tuning: CsvTuning = {},
): Promise<CsvStreamSummary> {
  return (await feedFile(path, options, { ...tuning, onBlock }, signal)).endStream();
}

/** A reader fed the whole file, chunk by chunk as it is read. */
async function feedFile(path: string, options: CsvOptions, tuning: CsvTuning, signal?: AbortSignal): Promise<CsvReader> {
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
      if (signal?.aborted) throw new AbortError('the fit was aborted');
      reader.push(next.value);
    }
  } finally {
    stream.destroy(); // stops reading when the parse failed midway
  }
  return reader;
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
