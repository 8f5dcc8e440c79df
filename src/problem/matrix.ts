// Conversion of user matrices to the one layout the solvers use: column-major float64.

import { InputError, show } from './errors.js';
import type { DenseMatrix } from './types.js';

export interface ColumnMajor {
  /** nRows × nCols float64, column-major: element (i, j) at j·nRows + i. */
  data: Float64Array;
  nRows: number;
  nCols: number;
}

function isDense(X: unknown): X is DenseMatrix {
  return typeof X === 'object' && X !== null && !Array.isArray(X) && 'layout' in X && 'data' in X;
}

/**
 * Copies X (DenseMatrix or array of rows) into a column-major Float64Array, checking that every
 * entry is finite. Rows and columns in messages are 1-based, as a user counts them.
 */
export function toColumnMajor(
  X: DenseMatrix | ArrayLike<number>[],
  name: string,
  expectedCols?: number,
): ColumnMajor {
  let nRows: number;
  let nCols: number;
  let out: Float64Array;
  if (isDense(X)) {
    ({ nRows, nCols } = X);
    if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nCols) || nCols < 0) {
      throw new InputError(`${name}: dimensions ${show(nRows)} × ${show(nCols)} are not valid`);
    }
    if (X.layout !== 'row-major' && X.layout !== 'column-major') {
      throw new InputError(`${name}: layout ${show(X.layout)} must be "row-major" or "column-major"`);
    }
    if (X.data.length !== nRows * nCols) {
      throw new InputError(
        `${name}: data has ${X.data.length} values, expected nRows × nCols = ${nRows * nCols}`,
      );
    }
    const data = X.data;
    if (X.layout === 'column-major') out = ArrayBuffer.isView(data) ? new Float64Array(data as Float64Array) : Float64Array.from(data);
    else {
      out = new Float64Array(nRows * nCols);
      for (let i = 0; i < nRows; i++) {
        const row = i * nCols;
        for (let j = 0; j < nCols; j++) out[j * nRows + i] = +data[row + j];
      }
    }
  } else if (Array.isArray(X)) {
    nRows = X.length;
    nCols = nRows > 0 ? X[0].length : (expectedCols ?? 0);
    out = new Float64Array(nRows * nCols);
    for (let i = 0; i < nRows; i++) {
      const row = X[i];
      if (!row || row.length !== nCols) {
        throw new InputError(`${name}: row ${i + 1} has ${row?.length ?? 0} values, expected ${nCols}`);
      }
      for (let j = 0; j < nCols; j++) out[j * nRows + i] = +row[j];
    }
  } else {
    throw new InputError(`${name} must be an array of rows or {data, nRows, nCols, layout}`);
  }
  if (expectedCols !== undefined && nCols !== expectedCols) {
    throw new InputError(`${name} has ${nCols} columns, expected ${expectedCols}`);
  }
  for (let t = 0; t < out.length; t++) {
    if (!Number.isFinite(out[t])) {
      const i = t % nRows;
      const j = (t - i) / nRows;
      throw new InputError(`${name}: row ${i + 1}, column ${j + 1} is ${show(out[t])}, not a finite number`);
    }
  }
  return { data: out, nRows, nCols };
}
