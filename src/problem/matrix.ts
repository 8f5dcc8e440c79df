// User matrices (a DenseMatrix in either layout, or an array of rows) and the one layout the
// solvers use: column-major float64. Checked once without copying, then copied once into
// wherever the solver wants the data (its heap), so a large X exists at most twice.

import { InputError, show } from '../errors.js';
import { type CscMatrix, checkDensify, checkSparse, densifyInto, isSparse } from './sparse-matrix.js';
import type { DenseMatrix, SparseMatrix } from './types.js';

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

/** Copies a checked X (dense, or canonical CSC) into target (nRows × nCols float64, column-major). */
export function copyColumnMajor(X: MatrixInput | CscMatrix, nRows: number, nCols: number, target: Float64Array): void {
  if (isSparse(X)) return densifyInto(X, target);
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

/**
 * Checks X and returns a column-major float64 copy; a sparse X is densified (refused past
 * MAX_DENSE_BYTES, the message saying that `why` needed it).
 */
export function toColumnMajor(X: MatrixInput | SparseMatrix, name: string, expectedCols?: number, why = 'this use'): ColumnMajor {
  if (isSparse(X)) {
    const csc = checkSparse(X, name, expectedCols);
    checkDensify(csc.nRows, csc.nCols, why);
    const data = new Float64Array(csc.nRows * csc.nCols);
    densifyInto(csc, data);
    return { data, nRows: csc.nRows, nCols: csc.nCols };
  }
  const { nRows, nCols } = checkMatrix(X, name, expectedCols);
  const data = new Float64Array(nRows * nCols);
  copyColumnMajor(X, nRows, nCols, data);
  return { data, nRows, nCols };
}

/** Entry (i, j) of a checked dense X, whatever its form. */
function entryOf(X: MatrixInput, nRows: number, nCols: number): (i: number, j: number) => number {
  if (!isDense(X)) return (i, j) => X[i][j];
  const data = X.data;
  return X.layout === 'column-major' ? (i, j) => data[j * nRows + i] : (i, j) => data[i * nCols + j];
}

/**
 * The nonzeros of a checked dense X, counted without copying it; the count stops once it
 * passes `limit` (a choice of layout needs no more).
 */
export function countNonzeros(X: MatrixInput, nRows: number, nCols: number, limit = Infinity): number {
  let count = 0;
  if (isDense(X)) {
    const data = X.data;
    for (let t = 0; t < nRows * nCols && count <= limit; t++) if (data[t] !== 0) count++;
    return count;
  }
  for (let i = 0; i < nRows && count <= limit; i++) {
    const row = X[i];
    for (let j = 0; j < nCols; j++) if (row[j] !== 0) count++;
  }
  return count;
}

/** A checked dense X as canonical CSC (its nonzeros, rows ascending within each column). */
export function denseToCsc(X: MatrixInput, nRows: number, nCols: number): CscMatrix {
  const at = entryOf(X, nRows, nCols);
  const nnz = countNonzeros(X, nRows, nCols);
  const indptr = new Int32Array(nCols + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (let j = 0; j < nCols; j++) {
    for (let i = 0; i < nRows; i++) {
      const v = at(i, j);
      if (v === 0) continue;
      indices[k] = i;
      values[k++] = v;
    }
    indptr[j + 1] = k;
  }
  return { format: 'csc', nRows, nCols, indptr, indices, values };
}
