// The objective of DESIGN §1 for the benchmark's case (no weights, all penalty factors 1,
// intercept, standardize), evaluated in float64, written independently of src/ so that it
// can judge both proxpath's and glmnet's coefficients.
//
//   (1/n) Σ_i ℓ(y_i, b0 + x_iᵀβ) + λ Σ_j [ α|s_j β_j| + (1−α)/2 (s_j β_j)² ]
//
// With standardize the penalty applies to the standardized coefficients s_j·β_j, s_j the
// (1/n) standard deviation of column j (s_j = 1 without standardize).

/** The losses the benchmarks judge. */
export type ObjectiveLoss = 'squared' | 'logistic' | 'poisson';

/** Per-sample loss ℓ(y, η). */
function lossValue(loss: ObjectiveLoss, y: number, eta: number): number {
  if (loss === 'squared') {
    const r = y - eta;
    return 0.5 * r * r;
  }
  if (loss === 'poisson') return Math.exp(eta) - y * eta;
  // log(1 + e^η) − yη in a form that neither overflows nor loses digits for large |η|.
  return Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - y * eta;
}

/**
 * nFeatures (1/n) standard deviations of the columns of X.
 * X: nSamples × nFeatures float64, column-major.
 */
export function columnScales(X: Float64Array, nSamples: number, nFeatures: number): Float64Array {
  const scales = new Float64Array(nFeatures);
  for (let j = 0; j < nFeatures; j++) {
    const column = j * nSamples;
    let mean = 0;
    for (let i = 0; i < nSamples; i++) mean += X[column + i];
    mean /= nSamples;
    let sumSquares = 0;
    for (let i = 0; i < nSamples; i++) sumSquares += (X[column + i] - mean) ** 2;
    scales[j] = Math.sqrt(sumSquares / nSamples);
  }
  return scales;
}

export interface ObjectiveInput {
  loss: ObjectiveLoss;
  alpha: number;
  /** nSamples × nFeatures float64, column-major. */
  X: Float64Array;
  /** nSamples responses. */
  y: Float64Array;
  nSamples: number;
  nFeatures: number;
  /** nFeatures column scales (columnScales), or all ones without standardize. */
  scales: Float64Array;
}

/** Objective at one λ for intercept b0 and coefficients beta (nFeatures, original scale). */
export function objective(
  input: ObjectiveInput,
  lambda: number,
  b0: number,
  beta: ArrayLike<number>,
  eta: Float64Array = new Float64Array(input.nSamples),
): number {
  const { loss, alpha, X, y, nSamples, nFeatures, scales } = input;
  eta.fill(b0);
  let penalty = 0;
  for (let j = 0; j < nFeatures; j++) {
    const b = beta[j];
    if (b === 0) continue;
    const standardized = scales[j] * b;
    penalty += alpha * Math.abs(standardized) + 0.5 * (1 - alpha) * standardized * standardized;
    const column = j * nSamples;
    for (let i = 0; i < nSamples; i++) eta[i] += X[column + i] * b;
  }
  let lossSum = 0;
  for (let i = 0; i < nSamples; i++) lossSum += lossValue(loss, y[i], eta[i]);
  return lossSum / nSamples + lambda * penalty;
}
