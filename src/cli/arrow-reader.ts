// An Arrow IPC file on disk, read whole into memory and decoded by the shared reader
// (src/formats/arrow.ts).

import { readFile } from 'node:fs/promises';
import { InputError, show } from '../errors.js';
import { arrowColumns } from '../formats/arrow.js';
import type { ColumnFile } from '../formats/columns.js';
import { describeFsError } from './csv.js';

export async function readArrow(path: string): Promise<ColumnFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new InputError(`cannot read data file ${show(path)}: ${describeFsError(err)}`);
  }
  return arrowColumns(bytes, path);
}
