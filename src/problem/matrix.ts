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
  let get: (i: number, j: number) => number;
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
    get = X.layout === 'row-major' ? (i, j) => data[i * nCols + j] : (i, j) => data[j * nRows + i];
  } else if (Array.isArray(X)) {
    nRows = X.length;
    nCols = nRows > 0 ? X[0].length : (expectedCols ?? 0);
    for (let i = 0; i < nRows; i++) {
      if (!X[i] || X[i].length !== nCols) {
        throw new InputError(`${name}: row ${i + 1} has ${X[i]?.length ?? 0} values, expected ${nCols}`);
      }
    }
    get = (i, j) => X[i][j];
  } else {
    throw new InputError(`${name} must be an array of rows or {data, nRows, nCols, layout}`);
  }
  if (expectedCols !== undefined && nCols !== expectedCols) {
    throw new InputError(`${name} has ${nCols} columns, expected ${expectedCols}`);
  }
  const out = new Float64Array(nRows * nCols);
  for (let j = 0; j < nCols; j++) {
    const col = j * nRows;
    for (let i = 0; i < nRows; i++) {
      const v = +get(i, j);
      if (!Number.isFinite(v)) {
        throw new InputError(`${name}: row ${i + 1}, column ${j + 1} is ${show(get(i, j))}, not a finite number`);
      }
      out[col + i] = v;
    }
  }
  return { data: out, nRows, nCols };
}
