// The near-duplicate designs of test/near-duplicates.test.ts and their fixture
// (test/fixtures/refs/duplicates.json, written by bench/duplicates-references.ts).

import { generateDuplicates, type DuplicatesData, type DuplicatesLoss } from './gen-duplicates.js';

export interface DuplicatesCase {
  name: string;
  loss: DuplicatesLoss;
  alpha: number;
  nSamples: number;
  nFeatures: number;
  rho: number;
  /** Size of the noise that tells a pair apart (0: exact duplicates). */
  noise: number;
  seed: number;
}

const base = { rho: 0.8, seed: 19 };

export const DUPLICATES_CASES: DuplicatesCase[] = [
  { name: 'logistic-lasso-wide', loss: 'logistic', alpha: 1, nSamples: 60, nFeatures: 120, noise: 1e-3, ...base },
  { name: 'logistic-enet-tall', loss: 'logistic', alpha: 0.5, nSamples: 150, nFeatures: 40, noise: 1e-3, ...base },
  { name: 'logistic-lasso-exact', loss: 'logistic', alpha: 1, nSamples: 150, nFeatures: 40, noise: 0, ...base },
  { name: 'squared-lasso-wide', loss: 'squared', alpha: 1, nSamples: 60, nFeatures: 120, noise: 1e-3, ...base },
  { name: 'squared-enet-tall', loss: 'squared', alpha: 0.5, nSamples: 200, nFeatures: 60, noise: 1e-3, ...base },
  { name: 'squared-lasso-exact', loss: 'squared', alpha: 1, nSamples: 60, nFeatures: 120, noise: 0, ...base },
  { name: 'squared-lasso-naive', loss: 'squared', alpha: 1, nSamples: 80, nFeatures: 600, noise: 1e-3, ...base },
  { name: 'poisson-lasso-wide', loss: 'poisson', alpha: 1, nSamples: 80, nFeatures: 160, noise: 1e-3, ...base },
  { name: 'poisson-enet-tall', loss: 'poisson', alpha: 0.5, nSamples: 200, nFeatures: 40, noise: 1e-3, ...base },
];

export function caseData(c: DuplicatesCase): DuplicatesData {
  return generateDuplicates(c.loss, c.nSamples, c.nFeatures, c.rho, c.noise, c.seed);
}

/** Σ X and Σ y: the fixture records them, so that a change of the generator is caught. */
export function checksum(data: DuplicatesData): number[] {
  let sx = 0;
  for (const x of data.X) sx += x;
  let sy = 0;
  for (const y of data.y) sy += y;
  return [sx, sy];
}
