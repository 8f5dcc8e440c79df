// A Parquet file on disk, opened by hyparquet's file reader (read by slices, never whole) and
// decoded by the shared reader (src/formats/parquet.ts).

import { asyncBufferFromFile } from 'hyparquet';
import { InputError, show } from '../errors.js';
import type { ColumnFile } from '../formats/columns.js';
import { parquetColumns } from '../formats/parquet.js';
import { describeFsError } from './csv.js';

export async function readParquet(path: string): Promise<ColumnFile> {
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  try {
    file = await asyncBufferFromFile(path);
  } catch (err) {
    throw new InputError(`cannot read data file ${show(path)}: ${describeFsError(err)}`);
  }
  return parquetColumns(file, path);
}
