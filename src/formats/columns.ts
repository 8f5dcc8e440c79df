// A columnar file (Parquet, Arrow IPC) as its readers give it: the column names, the row count,
// and float64 numbers of the columns asked for (numeric columns only: a reader refuses any other
// type, naming the column). `keptRows` finds the missing cells (null, NaN) and infinite values,
// as the command line and the page word them.

import { InputError, show } from '../errors.js';

/** One column's numbers: float64, a null cell read as NaN (isNull tells them apart for messages). */
export interface NumericColumn {
  values: Float64Array;
  isNull(i: number): boolean;
}

/** What a columnar reader gives: the names, the row count, and the numbers of chosen columns. */
export interface ColumnFile {
  names: string[];
  nRows: number;
  /** The numbers of columns `indices`; an InputError for one that is not numeric. */
  read(indices: number[]): Promise<NumericColumn[]>;
  /**
   * Column j's cells as class labels (loss multinomial): a text column's strings, a numeric
   * column's numbers, null for a null (or NaN) cell; an InputError for any other type.
   */
  readLabels(j: number): Promise<(string | number | null)[]>;
}

/**
 * The rows kept: all, or those without a missing cell when `drop`; else the first missing cell
 * (by row, then column) is an error ending in `advice` (what the reader's user can do), as is
 * any infinite value.
 */
export function keptRows(columns: NumericColumn[], names: string[], nRows: number, source: string, drop: boolean, advice: string): Uint32Array {
  const missing = new Uint8Array(nRows);
  let first = nRows;
  let firstColumn = -1;
  columns.forEach(({ values }, k) => {
    for (let i = 0; i < nRows; i++) {
      const value = values[i];
      if (value - value === 0) continue;
      if (value === value) throw new InputError(`${source}: row ${i + 1}, column ${show(names[k])}: value ${value} is not finite`);
      missing[i] = 1;
      if (i < first) [first, firstColumn] = [i, k];
    }
  });
  if (firstColumn >= 0 && !drop) {
    const what = columns[firstColumn].isNull(first) ? 'is null' : 'NaN is missing';
    throw new InputError(`${source}: row ${first + 1}, column ${show(names[firstColumn])}: value ${what}${advice}`);
  }
  const keep = new Uint32Array(nRows - missing.reduce((sum, m) => sum + m, 0));
  for (let i = 0, n = 0; i < nRows; i++) if (!missing[i]) keep[n++] = i;
  return keep;
}
