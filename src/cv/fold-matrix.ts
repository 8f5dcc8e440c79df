// The X of a cross-validation as its folds read it: column-major float64 (a dense X, copied once),
// or the canonical CSC of a sparse X, never densified (issue 17). A fold's training rows and its
// held-out rows are row subsets of it, in the same form: a CSC's subset keeps only the chosen
// rows' entries, so a fold costs its nonzeros, not rows × features.

import { isSparse, type CscMatrix } from '../problem/sparse-matrix.js';

/** n × p: column-major float64 (element (i, j) at j·n + i), or a canonical CSC. */
export type FoldMatrix = Float64Array | CscMatrix;

export const isCsc = (X: FoldMatrix): X is CscMatrix => isSparse(X);

/**
 * Rows `rows` (0-based, in this order) of an nRows × nCols X, in X's form: a dense block
 * (column-major, rows.length × nCols) or a CSC. Increasing rows keep a canonical CSC canonical.
 */
export function rowSubset(X: FoldMatrix, nRows: number, nCols: number, rows: ArrayLike<number>): FoldMatrix {
  const m = rows.length;
  if (!isCsc(X)) {
    const block = new Float64Array(m * nCols);
    for (let j = 0; j < nCols; j++) {
      const from = j * nRows;
      const to = j * m;
      for (let t = 0; t < m; t++) block[to + t] = X[from + rows[t]];
    }
    return block;
  }
  return cscRowSubset(X, rows);
}

/** The CSC of rows `rows` of X: entries of other rows dropped, row i renumbered to its place in `rows`. */
function cscRowSubset(X: CscMatrix, rows: ArrayLike<number>): CscMatrix {
  const { indptr, indices, values, nRows, nCols } = X;
  const place = new Int32Array(nRows).fill(-1);
  for (let t = 0; t < rows.length; t++) place[rows[t]] = t;
  const outPtr = new Int32Array(nCols + 1);
  for (let j = 0; j < nCols; j++) {
    let count = 0;
    for (let k = indptr[j]; k < indptr[j + 1]; k++) if (place[indices[k]] >= 0) count++;
    outPtr[j + 1] = outPtr[j] + count;
  }
  const outIdx = new Int32Array(outPtr[nCols]);
  const outVal = new Float64Array(outPtr[nCols]);
  for (let j = 0, at = 0; j < nCols; j++) {
    for (let k = indptr[j]; k < indptr[j + 1]; k++) {
      const t = place[indices[k]];
      if (t < 0) continue;
      outIdx[at] = t;
      outVal[at++] = values[k];
    }
  }
  return { format: 'csc', nRows: rows.length, nCols, indptr: outPtr, indices: outIdx, values: outVal };
}
