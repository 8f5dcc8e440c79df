// User matrices (a DenseMatrix in either layout, or an array of rows) and the one layout the
// solvers use: column-major float64. Checked once without copying, then copied once into
// wherever the solver wants the data (its heap), so a large X exists at most twice.

import { InputError, show } from '../errors.js';
import type { DenseMatrix } from './types.js';

export type MatrixInput = DenseMatrix | ArrayLike<number>[];

export interface ColumnMajor {
  /** nRows × nCols float64, column-major: element (i, j) at j·nRows + i. */
  data: Float64Array;
  nRows: number;
  nCols: number;
}

function isDense(X: unknown): X is DenseMatrix {
  return typeof X === 'object' && X !== null && !Array.isArray(X) && 'layout' in X && 'data' in X;
}

function nonFinite(name: string, i: number, j: number, value: unknown): InputError {
  return new InputError(`${name}: row ${i + 1}, column ${j + 1} is ${show(value)}, not a finite number`);
}

/**
 * Checks the shape of X and that every entry is a finite number; returns its dimensions.
 * Rows and columns in messages are 1-based, as a user counts them.
 */
export function checkMatrix(X: MatrixInput, name: string, expectedCols?: number): { nRows: number; nCols: number } {
  let nRows: number;
  let nCols: number;
  if (isDense(X)) {
    ({ nRows, nCols } = X);
    if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nCols) || nCols < 0) {
      throw new InputError(`${name}: dimensions ${show(nRows)} × ${show(nCols)} are not valid`);
    }
    if (X.layout !== 'row-major' && X.layout !== 'column-major') {
      throw new InputError(`${name}: layout ${show(X.layout)} must be "row-major" or "column-major"`);
    }
    const data = X.data;
    if (!data || data.length !== nRows * nCols) {
      throw new InputError(`${name}: data has ${data?.length ?? 0} values, expected nRows × nCols = ${nRows * nCols}`);
    }
    // Typed arrays hold numbers: only NaN and ±∞ can be wrong (v − v is NaN exactly for those).
    const typed = ArrayBuffer.isView(data);
    for (let t = 0; t < data.length; t++) {
      const v = data[t];
      if (typed ? v - v !== 0 : typeof v !== 'number' || !Number.isFinite(v)) {
        const [i, j] = X.layout === 'row-major' ? [Math.floor(t / nCols), t % nCols] : [t % nRows, Math.floor(t / nRows)];
        throw nonFinite(name, i, j, v);
      }
    }
  } else if (Array.isArray(X)) {
    nRows = X.length;
    nCols = nRows > 0 ? (X[0]?.length ?? 0) : (expectedCols ?? 0);
    for (let i = 0; i < nRows; i++) {
      const row = X[i];
      if (!row || row.length !== nCols) {
        throw new InputError(`${name}: row ${i + 1} has ${row?.length ?? 0} values, expected ${nCols}`);
      }
      for (let j = 0; j < nCols; j++) {
        const v = row[j];
        if (typeof v !== 'number' || !Number.isFinite(v)) throw nonFinite(name, i, j, v);
      }
    }
  } else {
    throw new InputError(`${name} must be an array of rows or {data, nRows, nCols, layout}`);
  }
  if (expectedCols !== undefined && nCols !== expectedCols) {
    throw new InputError(`${name} has ${nCols} columns, expected ${expectedCols}`);
  }
  return { nRows, nCols };
}

/** Copies a checked X into target (nRows × nCols float64, column-major). */
export function copyColumnMajor(X: MatrixInput, nRows: number, nCols: number, target: Float64Array): void {
  if (isDense(X)) {
    const data = X.data;
    if (X.layout === 'column-major') {
      if (ArrayBuffer.isView(data)) target.set(data as Float64Array);
      else for (let t = 0; t < nRows * nCols; t++) target[t] = data[t];
      return;
    }
    for (let i = 0; i < nRows; i++) {
      const row = i * nCols;
      for (let j = 0; j < nCols; j++) target[j * nRows + i] = data[row + j];
    }
    return;
  }
  for (let i = 0; i < nRows; i++) {
    const row = X[i];
    for (let j = 0; j < nCols; j++) target[j * nRows + i] = row[j];
  }
}

/** Checks X and returns a column-major float64 copy. */
export function toColumnMajor(X: MatrixInput, name: string, expectedCols?: number): ColumnMajor {
  const { nRows, nCols } = checkMatrix(X, name, expectedCols);
  const data = new Float64Array(nRows * nCols);
  copyColumnMajor(X, nRows, nCols, data);
  return { data, nRows, nCols };
}
