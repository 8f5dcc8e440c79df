// A sparse file's triplets (triplets.ts) as the compressed sparse column matrix the library
// fits without densifying (README "A sparse X"): built here in the canonical form the library
// takes as it is, without another copy (row indices increasing within each column, duplicates
// summed as scipy's CSC conversion does, no stored zeros, Int32 indices, float64 values).

import type { Triplets } from './triplets.js';

/** The library's canonical CSC (structurally src/problem/sparse-matrix.ts's CscMatrix). */
export interface TripletCsc {
  format: 'csc';
  nRows: number;
  nCols: number;
  /** nCols + 1 offsets: column j's entries are indices/values[indptr[j] … indptr[j + 1]). */
  indptr: Int32Array;
  /** nnz row indices, 0-based, increasing within each column. */
  indices: Int32Array;
  /** nnz values, nonzero. */
  values: Float64Array;
}

/** Bytes of a CSC with `nnz` entries and `nCols` columns (indices int32, values float64). */
export const cscBytes = (nnz: number, nCols: number): number => 12 * nnz + 4 * (nCols + 1);

/**
 * The nRows × nOut CSC of the entries: entry column j goes to output column columnOf(j) (−1 or
 * out of range: left out, as densify does). A counting sort by column keeps the entries' order,
 * so rows read in order (libsvm; Matrix Market files written column by column) come out sorted;
 * a column that does not is sorted on its own.
 */
export function tripletsToCsc(entries: Triplets, nRows: number, nOut: number, columnOf: (col: number) => number): TripletCsc {
  const { rows, cols, values, length } = entries;
  const indptr = new Int32Array(nOut + 1);
  const outOf = (k: number): number => {
    const out = columnOf(cols[k]);
    return out >= 0 && out < nOut ? out : -1;
  };
  for (let k = 0; k < length; k++) {
    const out = outOf(k);
    if (out >= 0) indptr[out + 1]++;
  }
  for (let j = 0; j < nOut; j++) indptr[j + 1] += indptr[j];
  const next = indptr.slice(0, nOut);
  const indices = new Int32Array(indptr[nOut]);
  const vals = new Float64Array(indptr[nOut]);
  for (let k = 0; k < length; k++) {
    const out = outOf(k);
    if (out < 0) continue;
    const at = next[out]++;
    indices[at] = rows[k];
    vals[at] = values[k];
  }
  for (let j = 0; j < nOut; j++) sortColumn(indices, vals, indptr[j], indptr[j + 1]);
  return compact({ format: 'csc', nRows, nCols: nOut, indptr, indices, values: vals });
}

/** Sorts entries start…end by row index (stable: repeated rows keep their file order) unless they are already. */
function sortColumn(indices: Int32Array, values: Float64Array, start: number, end: number): void {
  let sorted = true;
  for (let k = start + 1; k < end && sorted; k++) sorted = indices[k - 1] <= indices[k];
  if (sorted) return;
  const order = Array.from({ length: end - start }, (_, t) => start + t).sort((a, b) => indices[a] - indices[b] || a - b);
  const rows = order.map((k) => indices[k]);
  const vals = order.map((k) => values[k]);
  indices.set(rows, start);
  values.set(vals, start);
}

/** Sums repeated rows (adjacent now) and drops zeros (sums that cancelled), in place; trims the arrays. */
function compact(csc: TripletCsc): TripletCsc {
  const { indptr, indices, values, nCols } = csc;
  const out = compactColumns(nCols, indptr, indices, values);
  if (out === indices.length) return csc;
  return { ...csc, indices: indices.slice(0, out), values: values.slice(0, out) };
}

/**
 * Sums repeated indices (adjacent within each column) and drops zeros (stored ones, and sums that
 * cancelled), in place: the entries move to the front and indptr is rewritten; returns how many are
 * kept (the caller trims the arrays to it). Shared with problem/sparse-matrix.ts.
 */
export function compactColumns(nCols: number, indptr: Int32Array, indices: Int32Array, values: Float64Array): number {
  let out = 0;
  let start = 0;
  for (let j = 0; j < nCols; j++) {
    const end = indptr[j + 1];
    const first = out;
    for (let k = start; k < end; k++) {
      if (out > first && indices[out - 1] === indices[k]) values[out - 1] += values[k];
      else {
        indices[out] = indices[k];
        values[out++] = values[k];
      }
    }
    let kept = first;
    for (let k = first; k < out; k++) {
      if (values[k] === 0) continue;
      indices[kept] = indices[k];
      values[kept++] = values[k];
    }
    out = kept;
    start = end;
    indptr[j + 1] = out;
  }
  return out;
}
