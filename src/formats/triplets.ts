// The nonzero entries of a sparse text format (libsvm, Matrix Market) as they are read: row,
// column and value in growing typed arrays, the coordinate form a compressed sparse column
// matrix is built from. The command line makes that CSC matrix of them (csc.ts), which the
// library fits without densifying; the page, and the command line's runs on the batched iteration
// (WebGPU), fit a dense X, which `densify` makes, in this one place and after checking its size.

import { InputError } from '../errors.js';

/**
 * The most bytes a densified X may take (4 GiB: 2²⁹ float64 cells). The CSV reader's numbers
 * are all in the file, but a sparse file of a few lines can name a matrix of terabytes.
 */
export const MAX_DENSE_BYTES = 2 ** 32;

/** Entries (i, j, value), 0-based, in the order they came; duplicates are summed by densify. */
export class Triplets {
  rows = new Uint32Array(1024);
  cols = new Uint32Array(1024);
  values = new Float64Array(1024);
  length = 0;

  push(row: number, col: number, value: number): void {
    if (this.length === this.values.length) this.grow();
    this.rows[this.length] = row;
    this.cols[this.length] = col;
    this.values[this.length++] = value;
  }

  private grow(): void {
    const capacity = 2 * this.values.length;
    const rows = new Uint32Array(capacity);
    const cols = new Uint32Array(capacity);
    const values = new Float64Array(capacity);
    rows.set(this.rows);
    cols.set(this.cols);
    values.set(this.values);
    Object.assign(this, { rows, cols, values });
  }
}

/** A sparse file's rows as read: the entries, the sizes, and the labels and lines where the format has them. */
export interface SparseRows {
  entries: Triplets;
  nRows: number;
  /** Columns: the largest index seen (libsvm), or the size line's count (Matrix Market). */
  nCols: number;
  /** The labels (libsvm); empty for Matrix Market. */
  labels: Float64Array;
  /** Line of each row, 1-based (libsvm); undefined for Matrix Market. */
  lines?: Uint32Array | Float64Array;
}

/** Refuses an nRows × nCols dense float64 matrix over MAX_DENSE_BYTES, in one line naming the bytes. */
export function checkDenseSize(nRows: number, nCols: number, source: string): void {
  const bytes = nRows * nCols * 8;
  if (bytes <= MAX_DENSE_BYTES) return;
  throw new InputError(
    `${source}: ${nRows} ${nRows === 1 ? 'row' : 'rows'} × ${nCols} features need ${formatBytes(bytes)} as a dense float64 matrix, ` +
      `more than the ${formatBytes(MAX_DENSE_BYTES)} allowed`,
  );
}

/**
 * The nRows × nOut column-major float64 matrix of the entries, duplicates summed; entry column j
 * goes to output column columnOf[j] (−1 or past the map's end: left out). Checks the size first.
 */
export function densify(entries: Triplets, nRows: number, nOut: number, columnOf: (col: number) => number, source: string): Float64Array {
  checkDenseSize(nRows, nOut, source);
  const dense = new Float64Array(nRows * nOut);
  const { rows, cols, values, length } = entries;
  for (let k = 0; k < length; k++) {
    const out = columnOf(cols[k]);
    if (out >= 0) dense[out * nRows + rows[k]] += values[k];
  }
  return dense;
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let unit = 0;
  while (bytes >= 1024 && unit < units.length - 1) {
    bytes /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(bytes.toPrecision(3))} ${units[unit]}`;
}
