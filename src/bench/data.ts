// Synthetic data for a benchmark case, after the glmnet paper (Friedman, Hastie, Tibshirani
// 2010, §5.1): Gaussian features with pairwise correlation ρ, true coefficients
// β_j = (−1)^j exp(−2(j−1)/20), and a response drawn for the loss from η = Xβ scaled so that
// the signal-to-noise ratio is 3 (squared, Huber, absolute, quantile: Student-t noise with 3
// degrees of freedom for the robust ones) or sd(η) = 1 (logistic, Poisson).

import { getLoss, lossSpec } from '../losses/registry.js';
import { mulberry32, normalGenerator } from '../random.js';
import type { LossName } from '../problem/types.js';

export interface BenchData {
  /** nSamples × nFeatures float64, column-major: element (i, j) at j·nSamples + i. */
  X: Float64Array;
  /** nSamples responses. */
  y: Float64Array;
  nSamples: number;
  nFeatures: number;
}

const RHO = 0.2;
const SIGNAL_TO_NOISE = 3;
const T_DEGREES = 3;

/** The population standard deviation (divisor n). */
export function sd(values: Float64Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let sum = 0;
  for (const v of values) sum += (v - mean) ** 2;
  return Math.sqrt(sum / values.length);
}

export function generateCase(loss: LossName, nSamples: number, nFeatures: number, seed: number): BenchData {
  const normal = normalGenerator(seed);
  const uniform = mulberry32(seed ^ 0x5bd1e995);
  const theta = Math.sqrt(RHO / (1 - RHO));
  const common = Float64Array.from({ length: nSamples }, () => normal());
  const X = new Float64Array(nSamples * nFeatures);
  const signal = new Float64Array(nSamples);
  for (let j = 0; j < nFeatures; j++) {
    const b = (j % 2 === 1 ? 1 : -1) * Math.exp((-2 * j) / 20);
    for (let i = 0; i < nSamples; i++) {
      const x = normal() + theta * common[i];
      X[j * nSamples + i] = x;
      signal[i] += x * b;
    }
  }
  const scale = sd(signal) || 1;
  const y = new Float64Array(nSamples);
  // The response the loss models (its spec's kind); Student-t noise for the robust losses.
  const { response } = lossSpec(loss);
  const { quadratic } = getLoss(loss);
  for (let i = 0; i < nSamples; i++) {
    const eta = signal[i] / scale; // unit variance
    if (response === 'real' && quadratic) y[i] = eta + normal() / SIGNAL_TO_NOISE;
    else if (response === 'binary') y[i] = uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    else if (response === 'count') y[i] = poisson(Math.exp(0.5 * eta), uniform);
    else {
      // Student-t noise: Z / sqrt(χ²_ν / ν), heavy tails for the robust losses.
      let chi = 0;
      for (let d = 0; d < T_DEGREES; d++) chi += normal() ** 2;
      y[i] = eta + normal() / Math.sqrt(chi / T_DEGREES) / SIGNAL_TO_NOISE;
    }
  }
  return { X, y, nSamples, nFeatures };
}

/** Knuth's method: fine for the small means (< e^2) used here. */
function poisson(mean: number, uniform: () => number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = uniform();
  while (product > limit) {
    count++;
    product *= uniform();
  }
  return count;
}
