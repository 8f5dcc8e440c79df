// A file of one number per line: the target of a Matrix Market X (--y) or the observation
// weights of a libsvm or Matrix Market file (--weights-file). A first line that is not a number
// is the column's name; a Matrix Market file of one column (scipy.io.mmwrite of a vector) does too.

import { InputError, show } from '../errors.js';
import { readMtx } from './mtx-reader.js';
import { textLines } from './text-lines.js';
import { textNumber } from '../formats/text-number.js';
import { densify } from '../formats/triplets.js';

export interface NumberColumn {
  values: Float64Array;
  /** The first line's name, if the file has one. */
  name?: string;
}

/** Reads the file `path` given to `option` (for messages). */
export async function readNumberFile(path: string, option: string): Promise<NumberColumn> {
  const values: number[] = [];
  let name: string | undefined;
  let lineNo = 0;
  for await (const line of textLines(path, `option ${option}: file`)) {
    lineNo++;
    const body = line.trim();
    if (lineNo === 1 && body.toLowerCase().startsWith('%%matrixmarket')) return readMtxVector(path, option);
    if (body === '') continue;
    const value = textNumber(body);
    if (typeof value === 'number') values.push(value);
    else if (values.length === 0 && name === undefined && !/^[+-]?[\d.]/.test(body)) name = body;
    else throw new InputError(`option ${option}: ${path}: line ${lineNo}: ${value}`);
  }
  if (values.length === 0) throw new InputError(`option ${option}: ${path} holds no numbers`);
  return { values: Float64Array.from(values), ...(name !== undefined ? { name } : {}) };
}

async function readMtxVector(path: string, option: string): Promise<NumberColumn> {
  const { entries, nRows, nCols } = await readMtx(path, true, `option ${option}: file`);
  if (nCols !== 1) throw new InputError(`option ${option}: ${path} is a ${nRows} × ${nCols} matrix, not one column`);
  return { values: densify(entries, nRows, 1, (j) => j, path) };
}

/** Checks that the column has one value per row of the data file. */
export function checkLength(column: NumberColumn, nRows: number, option: string, path: string, dataFile: string): void {
  if (column.values.length !== nRows) {
    throw new InputError(`option ${option}: ${show(path)} has ${column.values.length} values, ${dataFile} has ${nRows} rows`);
  }
}
