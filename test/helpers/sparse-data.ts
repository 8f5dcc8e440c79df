// Seeded sparse test matrices (CSC with an empty column and a constant one) and responses for
// each loss, with their dense twins: the sparse-versus-dense tests of the batched iteration.

import type { SparseMatrix } from '../../src/index.js';
import { mulberry32 as rng } from '../../src/random.js';

/** Seeded standard normals (Box–Muller), as data.ts's (which reads files: not for the browser pages). */
function normal(seed: number): () => number {
  const u = rng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export interface Csc {
  nRows: number;
  nCols: number;
  indptr: number[];
  indices: number[];
  values: number[];
}

/**
 * An n × p matrix with about `density` of its entries nonzero: column 3 empty, column 5 constant
 * (2) where stored; `binary`: every stored value 1 (one-hot like columns).
 */
export function randomCsc(seed: number, n: number, p: number, density: number, binary = false): Csc {
  const u = rng(seed);
  const z = normal(seed + 1);
  const csc: Csc = { nRows: n, nCols: p, indptr: [0], indices: [], values: [] };
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      if (j === 3 || u() >= density * (j === 0 ? 2 : 1)) continue;
      csc.indices.push(i);
      csc.values.push(binary ? 1 : j === 5 ? 2 : 0.5 + (1 + (j % 3)) * z());
    }
    csc.indptr.push(csc.indices.length);
  }
  return csc;
}

/** The same matrix as rows of numbers. */
export function rowsOf(X: Csc): number[][] {
  const rows = Array.from({ length: X.nRows }, () => new Array<number>(X.nCols).fill(0));
  for (let j = 0; j < X.nCols; j++) for (let k = X.indptr[j]; k < X.indptr[j + 1]; k++) rows[X.indices[k]][j] = X.values[k];
  return rows;
}

export const cscOf = (X: Csc): SparseMatrix => ({
  format: 'csc', ...X, indptr: Int32Array.from(X.indptr), indices: Int32Array.from(X.indices), values: Float64Array.from(X.values),
});

/** Responses for each loss from the matrix: a linear signal, then the loss's kind of noise. */
export function responseFor(loss: string, X: Csc, seed: number): number[] {
  const z = normal(seed);
  const u = rng(seed + 3);
  const eta = new Float64Array(X.nRows);
  const truth = [0.8, -0.6, 0.5, 0, 0.4, 0, -0.3];
  for (let j = 0; j < Math.min(truth.length, X.nCols); j++) {
    for (let k = X.indptr[j]; k < X.indptr[j + 1]; k++) eta[X.indices[k]] += truth[j] * X.values[k];
  }
  return Array.from(eta, (e) => {
    if (loss === 'logistic') return u() < 1 / (1 + Math.exp(-e)) ? 1 : 0;
    if (loss === 'poisson') return Math.round(Math.exp(0.3 + 0.5 * e) * (0.5 + u()));
    return e + (loss === 'huber' || loss === 'absolute' || loss === 'quantile' ? z() * (u() < 0.1 ? 6 : 1) : z());
  });
}
