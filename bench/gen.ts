// Synthetic data of the glmnet paper (Friedman, Hastie, Tibshirani 2010, JSS 33(1), §5.1):
// Gaussian features with equal pairwise correlation ρ, coefficients
// β_j = (−1)^j exp(−2(j−1)/20), and a response with signal-to-noise ratio 3.

import { sd } from '../src/bench/data.js';
import { mulberry32, normalGenerator } from '../src/random.js';


export type BenchLoss = 'squared' | 'logistic';

export interface GeneratedData {
  /** nSamples × nFeatures float64, column-major: element (i, j) at j·nSamples + i. */
  X: Float64Array;
  /** nSamples responses (real for squared, 0/1 for logistic). */
  y: Float64Array;
  nSamples: number;
  nFeatures: number;
  /** nFeatures true coefficients. */
  beta: Float64Array;
  /** How y was made, for the report. */
  note: string;
}

/** Signal-to-noise ratio of the paper: sd(Xβ) / sd(noise). */
export const SIGNAL_TO_NOISE = 3;
/** Logistic rows: the linear predictor is scaled to this standard deviation before the sigmoid. */
export const LOGISTIC_ETA_SD = 2;

/**
 * X_j = Z_j + θ·Z_0 with θ = sqrt(ρ/(1−ρ)) and Z ~ N(0, 1) independent: every pair of
 * columns has population correlation θ²/(1+θ²) = ρ (the paper's construction).
 *
 * squared: y = Xβ + k·ε, k = sd(Xβ)/3 (empirical sd), so that the signal-to-noise ratio is 3.
 * logistic: η = c·Xβ with c such that sd(η) = 2, y ~ Bernoulli(1/(1 + e^−η)).
 */
export function generate(
  loss: BenchLoss,
  nSamples: number,
  nFeatures: number,
  rho: number,
  seed: number,
): GeneratedData {
  if (!(rho >= 0 && rho < 1)) throw new Error(`rho ${rho} must lie in [0, 1)`);
  const normal = normalGenerator(seed);
  const theta = Math.sqrt(rho / (1 - rho));
  const common = new Float64Array(nSamples);
  for (let i = 0; i < nSamples; i++) common[i] = normal();

  const beta = new Float64Array(nFeatures);
  // Paper indexing j = 1…p: β_j = (−1)^j exp(−2(j−1)/20); here index = j − 1.
  for (let index = 0; index < nFeatures; index++) {
    const j = index + 1;
    beta[index] = (j % 2 === 0 ? 1 : -1) * Math.exp((-2 * (j - 1)) / 20);
  }

  const X = new Float64Array(nSamples * nFeatures);
  const signal = new Float64Array(nSamples);
  for (let j = 0; j < nFeatures; j++) {
    const column = j * nSamples;
    const b = beta[j];
    for (let i = 0; i < nSamples; i++) {
      const x = normal() + theta * common[i];
      X[column + i] = x;
      signal[i] += x * b;
    }
  }

  const y = new Float64Array(nSamples);
  const signalSd = sd(signal);
  let note: string;
  if (loss === 'squared') {
    const k = signalSd / SIGNAL_TO_NOISE;
    for (let i = 0; i < nSamples; i++) y[i] = signal[i] + k * normal();
    note = `y = Xβ + kε, k = sd(Xβ)/${SIGNAL_TO_NOISE}`;
  } else {
    const uniform = mulberry32(seed ^ 0x5bd1e995);
    const scale = signalSd > 0 ? LOGISTIC_ETA_SD / signalSd : 0;
    for (let i = 0; i < nSamples; i++) {
      const probability = 1 / (1 + Math.exp(-scale * signal[i]));
      y[i] = uniform() < probability ? 1 : 0;
    }
    note = `y ~ Bernoulli(sigmoid(cXβ)), sd(cXβ) = ${LOGISTIC_ETA_SD}`;
  }
  return { X, y, nSamples, nFeatures, beta, note };
}
