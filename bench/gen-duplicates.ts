// Synthetic data with near-duplicate columns (issue 19): equicorrelated Gaussian features in
// which every odd column is its even neighbour plus noise of size `noise` (0: exact duplicates).
// Such pairs make the lasso's coefficients trade off along a nearly flat valley, the hard case
// for coordinate descent.

import { mulberry32, normalGenerator } from '../src/random.js';
import { sd } from '../src/bench/data.js';

export type DuplicatesLoss = 'squared' | 'logistic' | 'poisson';

export interface DuplicatesData {
  /** nSamples × nFeatures float64, column-major: element (i, j) at j·nSamples + i. */
  X: Float64Array;
  /** nSamples responses: real (squared), 0/1 (logistic), counts (poisson). */
  y: Float64Array;
}

/** sd of the linear predictor before the link, per loss (squared: the signal-to-noise ratio is 3). */
const ETA_SD: Record<DuplicatesLoss, number> = { squared: 1, logistic: 2, poisson: 0.7 };

/**
 * Columns 2m = Z_2m + θ·Z_0 (pairwise correlation ρ, θ = sqrt(ρ/(1−ρ))), columns 2m+1 =
 * column 2m + noise·N(0, 1); coefficients β_j = (−1)^⌊j/2⌋ exp(−⌊j/2⌋/10) on the even columns
 * of the first 20 pairs, 0 elsewhere; η = c·Xβ with sd(η) = ETA_SD[loss].
 */
export function generateDuplicates(
  loss: DuplicatesLoss,
  nSamples: number,
  nFeatures: number,
  rho: number,
  noise: number,
  seed: number,
): DuplicatesData {
  const normal = normalGenerator(seed);
  const theta = Math.sqrt(rho / (1 - rho));
  const common = Float64Array.from({ length: nSamples }, () => normal());
  const X = new Float64Array(nSamples * nFeatures);
  const signal = new Float64Array(nSamples);
  for (let j = 0; j < nFeatures; j++) {
    const col = j * nSamples;
    const pair = j >> 1;
    const b = j % 2 === 0 && pair < 20 ? (pair % 2 === 0 ? 1 : -1) * Math.exp(-pair / 10) : 0;
    for (let i = 0; i < nSamples; i++) {
      const x = j % 2 === 0 ? normal() + theta * common[i] : X[col - nSamples + i] + noise * normal();
      X[col + i] = x;
      signal[i] += b * x;
    }
  }
  const scale = ETA_SD[loss] / (sd(signal) || 1);
  const uniform = mulberry32(seed ^ 0x5bd1e995);
  const y = new Float64Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    const eta = scale * signal[i];
    if (loss === 'squared') y[i] = eta + normal() / 3;
    else if (loss === 'logistic') y[i] = uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    else y[i] = poissonDraw(Math.exp(eta), uniform);
  }
  return { X, y };
}

/** A Poisson draw by inversion (means here are small). */
function poissonDraw(mean: number, uniform: () => number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = uniform();
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}
