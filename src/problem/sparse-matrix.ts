// A user's sparse matrix (CSR or CSC, src/problem/types.ts) checked once and brought to the one
// sparse layout the solvers use: CSC with Int32 indices sorted and unique within each column,
// float64 values, no stored zeros. A canonical CSC given as Int32Array / Float64Array is taken as
// it is (no copy); anything else is rebuilt once, by counting sorts.

import { InputError, show } from '../errors.js';
import { compactColumns } from '../formats/csc.js';
import type { SparseMatrix } from './types.js';

/** The solvers' sparse layout: column j's entries are indices/values[indptr[j] … indptr[j + 1]). */
export interface CscMatrix {
  format: 'csc';
  nRows: number;
  nCols: number;
  /** nCols + 1 offsets, indptr[0] = 0, nondecreasing. */
  indptr: Int32Array;
  /** nnz row indices, 0-based, increasing within each column. */
  indices: Int32Array;
  /** nnz values, finite and nonzero. */
  values: Float64Array;
}

/** Most stored entries: the kernels address them with 32-bit indices. */
const MAX_ENTRIES = 2 ** 31 - 1;

export function isSparse(X: unknown): X is SparseMatrix {
  return typeof X === 'object' && X !== null && !Array.isArray(X) && 'format' in X && 'indptr' in X;
}

const lengthOf = (a: unknown): number | undefined =>
  typeof a === 'object' && a !== null && typeof (a as { length?: unknown }).length === 'number' ? (a as { length: number }).length : undefined;

/** The names a message uses for the major (compressed) and minor dimension of a format. */
function dims(format: 'csr' | 'csc') {
  return format === 'csc' ? { major: 'column', minor: 'row' } : { major: 'row', minor: 'column' };
}

function checkShape(X: SparseMatrix, name: string): { nMajor: number; nMinor: number; nnz: number } {
  const { nRows, nCols, format } = X;
  if (format !== 'csr' && format !== 'csc') throw new InputError(`${name}: format ${show(format)} must be "csr" or "csc"`);
  if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nCols) || nCols < 0) {
    throw new InputError(`${name}: dimensions ${show(nRows)} × ${show(nCols)} are not valid`);
  }
  const nMajor = format === 'csc' ? nCols : nRows;
  const nMinor = format === 'csc' ? nRows : nCols;
  const { major } = dims(format);
  if (lengthOf(X.indptr) !== nMajor + 1) {
    throw new InputError(`${name} (${format}): indptr has ${lengthOf(X.indptr) ?? 0} values, expected ${nMajor + 1} (one per ${major}, plus one)`);
  }
  const nnz = lengthOf(X.indices);
  if (nnz === undefined) throw new InputError(`${name} (${format}): indices is not a list of numbers`);
  if (lengthOf(X.values) !== nnz) throw new InputError(`${name} (${format}): values has ${lengthOf(X.values) ?? 0} entries, indices ${nnz}; they must match`);
  if (nnz > MAX_ENTRIES) throw new InputError(`${name} (${format}): ${nnz} stored entries; at most ${MAX_ENTRIES}`);
  if (X.indptr[0] !== 0) throw new InputError(`${name} (${format}): indptr[0] is ${show(X.indptr[0])}, must be 0`);
  if (X.indptr[nMajor] !== nnz) {
    throw new InputError(`${name} (${format}): indptr[${nMajor}] is ${show(X.indptr[nMajor])}, must be the number of stored entries (${nnz})`);
  }
  return { nMajor, nMinor, nnz };
}

/**
 * Checks every offset, index and value; returns whether the entries are already canonical
 * (indices increasing within each major slice, no stored zeros).
 */
function checkEntries(X: SparseMatrix, name: string, nMajor: number, nMinor: number): boolean {
  const { indptr, indices, values, format } = X;
  const { major, minor } = dims(format);
  let canonical = true;
  for (let s = 0; s < nMajor; s++) {
    const start = indptr[s];
    const end = indptr[s + 1];
    if (!Number.isInteger(end) || end < start) {
      throw new InputError(`${name} (${format}): indptr[${s + 1}] = ${show(end)} is ${Number.isInteger(end) ? `below indptr[${s}] = ${start}` : 'not an integer'} (${major} ${s + 1})`);
    }
    let previous = -1;
    for (let k = start; k < end; k++) {
      const t = indices[k];
      if (!Number.isInteger(t) || t < 0 || t >= nMinor) {
        throw new InputError(`${name} (${format}): ${major} ${s + 1} has ${minor} index ${show(t)} (entry ${k}), outside 0 … ${nMinor - 1}`);
      }
      const v = values[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        const [i, j] = format === 'csc' ? [t, s] : [s, t];
        throw new InputError(`${name}: row ${i + 1}, column ${j + 1} is ${show(v)}, not a finite number`);
      }
      if (t <= previous || v === 0) canonical = false;
      previous = t;
    }
  }
  return canonical;
}

/** The transpose's compressed form: entries of `major` slices regrouped by minor index, minor-ascending order kept. */
function transpose(nMajor: number, nMinor: number, indptr: ArrayLike<number>, indices: ArrayLike<number>, values: ArrayLike<number>) {
  const nnz = indptr[nMajor];
  const outPtr = new Int32Array(nMinor + 1);
  for (let k = 0; k < nnz; k++) outPtr[indices[k] + 1]++;
  for (let t = 0; t < nMinor; t++) outPtr[t + 1] += outPtr[t];
  const next = outPtr.slice(0, nMinor);
  const outIdx = new Int32Array(nnz);
  const outVal = new Float64Array(nnz);
  for (let s = 0; s < nMajor; s++) {
    for (let k = indptr[s]; k < indptr[s + 1]; k++) {
      const at = next[indices[k]]++;
      outIdx[at] = s;
      outVal[at] = values[k];
    }
  }
  return { indptr: outPtr, indices: outIdx, values: outVal };
}

/** Sums repeated indices (now adjacent) and drops zeros, in place; returns the compacted matrix. */
function compact(nCols: number, indptr: Int32Array, indices: Int32Array, values: Float64Array) {
  const out = compactColumns(nCols, indptr, indices, values);
  return { indices: indices.slice(0, out), values: values.slice(0, out) };
}

/** Checks a sparse X and returns it as canonical CSC (the input itself when it is one already). */
export function checkSparse(X: SparseMatrix, name: string, expectedCols?: number): CscMatrix {
  const { nMajor, nMinor } = checkShape(X, name);
  const canonical = checkEntries(X, name, nMajor, nMinor);
  if (expectedCols !== undefined && X.nCols !== expectedCols) throw new InputError(`${name} has ${X.nCols} columns, expected ${expectedCols}`);
  const { nRows, nCols } = X;
  const made = (indptr: Int32Array, indices: Int32Array, values: Float64Array): CscMatrix => ({ format: 'csc', nRows, nCols, indptr, indices, values });
  if (X.format === 'csc' && canonical && X.indptr instanceof Int32Array && X.indices instanceof Int32Array && X.values instanceof Float64Array) {
    return made(X.indptr, X.indices, X.values);
  }
  // CSR → CSC in one counting sort (rows come in order, so each column's rows are sorted); an
  // unsorted CSC goes through its transpose and back.
  const rows = X.format === 'csr' ? X : transpose(nCols, nRows, X.indptr, X.indices, X.values);
  const csc = transpose(nRows, nCols, rows.indptr, rows.indices, rows.values);
  const { indices, values } = compact(nCols, csc.indptr, csc.indices, csc.values);
  return made(csc.indptr, indices, values);
}

/** Densifying a sparse X past this many bytes is refused (the exact solvers' copy; prediction and CV read it sparse). */
export const MAX_DENSE_BYTES = 2 ** 31;

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let unit = 0;
  while (bytes >= 1024 && unit < units.length - 1) {
    bytes /= 1024;
    unit++;
  }
  return `${Number(bytes.toPrecision(3))} ${units[unit]}`;
}

/** Refuses a dense copy of an nRows × nCols sparse X over MAX_DENSE_BYTES, saying why one was needed. */
export function checkDensify(nRows: number, nCols: number, why: string): void {
  const bytes = nRows * nCols * 8;
  if (bytes <= MAX_DENSE_BYTES) return;
  throw new InputError(
    `X: ${why} needs a dense copy of the sparse X, ${nRows} × ${nCols} float64 = ${formatBytes(bytes)}, ` +
      `more than the ${formatBytes(MAX_DENSE_BYTES)} allowed`,
  );
}

/** Writes a canonical CSC into target (nRows × nCols float64, column-major), zeros elsewhere. */
export function densifyInto(X: CscMatrix, target: Float64Array): void {
  const { nRows, nCols, indptr, indices, values } = X;
  target.fill(0, 0, nRows * nCols);
  for (let j = 0; j < nCols; j++) {
    const base = j * nRows;
    for (let k = indptr[j]; k < indptr[j + 1]; k++) target[base + indices[k]] = values[k];
  }
}
