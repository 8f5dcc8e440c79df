// The squared loss sees its data only through weighted sums: S = Σ_i w_i z_i z_iᵀ with
// z_i = (1, x_i, y_i − offset_i). Any weighted rows with the same S define the same objective for
// every (b0, β), the same weighted means and variances (the standardization), the same λ_max and
// the same null deviance per unit weight: fitting them is fitting the data. So a file of any
// length can be fitted in one pass: S is summed block by block (`SquaredSums`, O(q²) memory for
// q = p + 2 columns), then turned into at most q pseudo-rows (`equivalentRows`): a pivoted
// Cholesky factor R (RᵀR = S), turned by a Householder reflection so that its intercept column is
// constant (every pseudo-row then has the same positive weight).
//
// Sums are taken about the first row (x − x₁, y − y₁), which the pseudo-rows add back, so that
// large means do not cancel the variances.

import { InputError } from '../errors.js';

export class SquaredSums {
  /** q × q, row-major, q = nFeatures + 2: the sums of w·z zᵀ about the shift. */
  readonly S: Float64Array;
  readonly q: number;
  /** The first row's features and response (the shift), once a row was added. */
  shift: Float64Array | null = null;
  nRows = 0;
  private readonly z: Float64Array;

  constructor(readonly nFeatures: number) {
    this.q = nFeatures + 2;
    this.S = new Float64Array(this.q * this.q);
    this.z = new Float64Array(this.q);
  }

  /**
   * Adds rows: `columns(j)` gives feature j's values for the block (column-major, `count` rows),
   * then the responses (y − offset) and the weights (null: all 1).
   */
  add(count: number, columns: (j: number) => ArrayLike<number>, y: ArrayLike<number>, weights: ArrayLike<number> | null): void {
    const { q, S, z, nFeatures: p } = this;
    if (count === 0) return;
    const cols = Array.from({ length: p }, (_, j) => columns(j));
    if (!this.shift) this.shift = Float64Array.from([...cols.map((c) => c[0]), y[0]]);
    const shift = this.shift;
    for (let i = 0; i < count; i++) {
      const w = weights ? weights[i] : 1;
      if (w === 0) continue;
      z[0] = 1;
      for (let j = 0; j < p; j++) z[j + 1] = cols[j][i] - shift[j];
      z[q - 1] = y[i] - shift[p];
      for (let a = 0; a < q; a++) {
        const wa = w * z[a];
        if (wa === 0) continue;
        const row = a * q;
        for (let b = a; b < q; b++) S[row + b] += wa * z[b];
      }
    }
    this.nRows += count;
  }
}

/** Pivots below this (relative to the largest diagonal) end the factorization: dependent columns. */
const RANK_TOLERANCE = 1e-13;

/** R (rank × q, row-major) with RᵀR = S (upper triangle of S given), by Cholesky with diagonal pivoting. */
function pivotedCholesky(S: Float64Array, q: number): { R: Float64Array; rank: number } {
  const A = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = a; b < q; b++) A[a * q + b] = A[b * q + a] = S[a * q + b];
  const R = new Float64Array(q * q);
  const done = new Uint8Array(q);
  let largest = 0;
  for (let a = 0; a < q; a++) largest = Math.max(largest, A[a * q + a]);
  let rank = 0;
  for (; rank < q; rank++) {
    let k = -1;
    for (let a = 0; a < q; a++) if (!done[a] && (k < 0 || A[a * q + a] > A[k * q + k])) k = a;
    const d = A[k * q + k];
    if (!(d > RANK_TOLERANCE * largest)) break;
    done[k] = 1;
    const root = Math.sqrt(d);
    const row = rank * q;
    for (let b = 0; b < q; b++) R[row + b] = done[b] && b !== k ? 0 : A[k * q + b] / root;
    // The Schur complement of the pivot in what is left.
    for (let a = 0; a < q; a++) {
      if (done[a]) continue;
      const ra = R[row + a];
      for (let b = 0; b < q; b++) if (!done[b]) A[a * q + b] -= ra * R[row + b];
    }
  }
  return { R: R.subarray(0, rank * q), rank };
}

/** Rows with the same weighted sums as the data summed in `sums`: X (row-major), y and weights. */
export function equivalentRows(sums: SquaredSums): { X: Float64Array; y: Float64Array; weights: Float64Array; nRows: number } {
  const { q, nFeatures: p, shift } = sums;
  if (!shift || !(sums.S[0] > 0)) throw new InputError('no rows with positive weight were read');
  const { R, rank } = pivotedCholesky(sums.S, q);
  // Householder: H v = ‖v‖·u, v = R's intercept column, u = (1, …, 1)/√rank.
  const v = Float64Array.from({ length: rank }, (_, k) => R[k * q]);
  const norm = Math.sqrt(sums.S[0]);
  const u = 1 / Math.sqrt(rank);
  const w = v.map((vk) => vk - norm * u);
  const ww = w.reduce((s, x) => s + x * x, 0);
  if (ww > 0) {
    for (let b = 0; b < q; b++) {
      let dot = 0;
      for (let k = 0; k < rank; k++) dot += w[k] * R[k * q + b];
      const f = (2 * dot) / ww;
      for (let k = 0; k < rank; k++) R[k * q + b] -= f * w[k];
    }
  }
  const a = norm * u;
  const X = new Float64Array(rank * p);
  const y = new Float64Array(rank);
  for (let k = 0; k < rank; k++) {
    for (let j = 0; j < p; j++) X[k * p + j] = R[k * q + j + 1] / a + shift[j];
    y[k] = R[k * q + q - 1] / a + shift[p];
  }
  return { X, y, weights: new Float64Array(rank).fill(a * a), nRows: rank };
}
