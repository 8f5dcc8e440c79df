// The objective of DESIGN §1 for a benchmark case (unit weights, all penalty factors 1, an
// intercept, standardize), in float64, written independently of the solvers so that it judges
// every backend's coefficients alike, proxpath's, glmnet's and scikit-learn's:
//
//   (1/n) Σ_i ℓ(y_i, b0 + x_iᵀβ) + λ Σ_j [ α|s_j β_j| + (1−α)/2 (s_j β_j)² ]
//
// s_j is the (1/n) standard deviation of column j: with standardize the penalty applies to the
// standardized coefficients s_j·β_j.

import { LOSS_PARAMS } from '../losses/registry.js';
import type { LossParamKey } from '../losses/types.js';
import type { LossName } from '../problem/types.js';
import type { BenchData } from './data.js';

const defaultOf = (key: LossParamKey): number => LOSS_PARAMS.find((param) => param.key === key)!.default;

/** proxpath's defaults (from the loss specs), which the benchmark uses: Huber δ and quantile τ. */
export const HUBER_DELTA = defaultOf('delta');
export const QUANTILE_TAU = defaultOf('tau');

export function lossValue(loss: LossName, y: number, eta: number): number {
  const r = y - eta;
  switch (loss) {
    case 'squared':
      return 0.5 * r * r;
    case 'logistic':
      // log(1 + e^η) − yη without overflow for large |η|.
      return Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - y * eta;
    case 'poisson':
      return Math.exp(eta) - y * eta;
    case 'huber':
      return Math.abs(r) <= HUBER_DELTA ? 0.5 * r * r : HUBER_DELTA * (Math.abs(r) - HUBER_DELTA / 2);
    case 'absolute':
      return Math.abs(r);
    case 'quantile':
      return Math.max(QUANTILE_TAU * r, (QUANTILE_TAU - 1) * r);
  }
}

/** nFeatures (1/n) standard deviations of the columns. */
export function columnScales(data: BenchData): Float64Array {
  const { X, nSamples: n, nFeatures: p } = data;
  const scales = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += X[j * n + i];
    mean /= n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (X[j * n + i] - mean) ** 2;
    scales[j] = Math.sqrt(sum / n);
  }
  return scales;
}

/** The objective at λ for intercept b0 and coefficients beta (nFeatures, original scale). */
export function objectiveAt(
  data: BenchData,
  scales: Float64Array,
  loss: LossName,
  alpha: number,
  lambda: number,
  b0: number,
  beta: ArrayLike<number>,
): number {
  const { X, y, nSamples: n, nFeatures: p } = data;
  const eta = new Float64Array(n).fill(b0);
  let penalty = 0;
  for (let j = 0; j < p; j++) {
    const b = beta[j];
    if (b === 0) continue;
    const s = scales[j] * b;
    penalty += alpha * Math.abs(s) + 0.5 * (1 - alpha) * s * s;
    for (let i = 0; i < n; i++) eta[i] += X[j * n + i] * b;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += lossValue(loss, y[i], eta[i]);
  return sum / n + lambda * penalty;
}

/** The objective along a path: one value per λ. */
export function pathObjective(
  data: BenchData,
  loss: LossName,
  alpha: number,
  lambda: ArrayLike<number>,
  intercept: ArrayLike<number>,
  beta: ArrayLike<number>[],
): number[] {
  const scales = columnScales(data);
  return Array.from({ length: beta.length }, (_, k) => objectiveAt(data, scales, loss, alpha, lambda[k], intercept[k], beta[k]));
}
