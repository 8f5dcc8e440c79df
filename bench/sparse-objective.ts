// The objective of DESIGN §1 for the sparse benchmark (no weights, lasso, intercept, standardize),
// in float64 from the CSC arrays, written independently of src/ so that it judges proxpath's and
// glmnet's coefficients alike: (1/n) Σ_i ℓ(y_i, b0 + x_iᵀβ) + λ Σ_j |s_j β_j|, s_j the 1/n sd.

import type { SparseData } from './gen-sparse.js';

/** nFeatures (1/n) standard deviations of the columns (the zeros included). */
export function sparseScales(data: SparseData): Float64Array {
  const { nSamples: n, indptr, values } = data;
  const scales = new Float64Array(data.nFeatures);
  for (let j = 0; j < data.nFeatures; j++) {
    let sum = 0;
    for (let k = indptr[j]; k < indptr[j + 1]; k++) sum += values[k];
    const mean = sum / n;
    let squares = mean * mean * (n - (indptr[j + 1] - indptr[j]));
    for (let k = indptr[j]; k < indptr[j + 1]; k++) squares += (values[k] - mean) ** 2;
    scales[j] = Math.sqrt(squares / n);
  }
  return scales;
}

function lossValue(loss: 'squared' | 'logistic', y: number, eta: number): number {
  if (loss === 'squared') return 0.5 * (y - eta) ** 2;
  return Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - y * eta;
}

/** The objective at λ of intercept b0 and coefficients beta (nFeatures, original scale). */
export function sparseObjective(
  data: SparseData, scales: Float64Array, loss: 'squared' | 'logistic', lambda: number, b0: number, beta: ArrayLike<number>,
): number {
  const { nSamples: n, indptr, indices, values, y } = data;
  const eta = new Float64Array(n).fill(b0);
  let penalty = 0;
  for (let j = 0; j < data.nFeatures; j++) {
    const b = beta[j];
    if (b === 0) continue;
    penalty += Math.abs(scales[j] * b);
    for (let k = indptr[j]; k < indptr[j + 1]; k++) eta[indices[k]] += values[k] * b;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += lossValue(loss, y[i], eta[i]);
  return sum / n + lambda * penalty;
}
