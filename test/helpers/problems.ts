// Seeded random regression problems for the squared, logistic and Poisson losses.

import { normal, rng } from './data.js';

export type TestLoss = 'squared' | 'logistic' | 'poisson';

export interface RandomProblem {
  X: number[][];
  y: number[];
  /** The coefficients the responses were drawn with. */
  truth: number[];
}

/** n × p standard normal features with some correlation between neighbours, and a varied scale. */
export function randomFeatures(seed: number, n: number, p: number): number[][] {
  const z = normal(seed);
  const X: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(p);
    let prev = 0;
    for (let j = 0; j < p; j++) {
      const e = z();
      prev = 0.5 * prev + e;
      // columns with different means and scales, so that standardization matters
      row[j] = (1 + 0.25 * (j % 4)) * prev + 0.1 * (j % 3);
    }
    X.push(row);
  }
  return X;
}

/** A Poisson draw with mean mu (Knuth's method; mu is moderate here). */
export function poissonDraw(u: () => number, mu: number): number {
  const L = Math.exp(-mu);
  let k = 0;
  let prod = u();
  while (prod > L) {
    k++;
    prod *= u();
  }
  return k;
}

/** A random problem of the given loss: y from a sparse linear predictor. */
export function randomProblem(loss: TestLoss, seed: number, n = 120, p = 12): RandomProblem {
  const X = randomFeatures(seed, n, p);
  const truth = Array.from({ length: p }, (_, j) => (j % 3 === 0 ? 0 : (j % 2 === 0 ? 1 : -1) * (0.6 / (1 + j / 4))));
  const z = normal(seed + 1000);
  const u = rng(seed + 2000);
  const y = X.map((row) => {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += row[j] * truth[j];
    if (loss === 'squared') return 0.7 + eta + z();
    if (loss === 'logistic') return u() < 1 / (1 + Math.exp(-(0.3 + eta))) ? 1 : 0;
    return poissonDraw(u, Math.exp(0.5 + 0.4 * eta));
  });
  return { X, y, truth };
}

/** Random positive weights in [0.2, 2), with about one row in eight given weight 0. */
export function randomWeights(seed: number, n: number): number[] {
  const u = rng(seed);
  return Array.from({ length: n }, (_, i) => (i % 8 === 3 ? 0 : 0.2 + 1.8 * u()));
}

/** X·β + b0 for rows of X. */
export function linearPredictor(X: number[][], b0: number, beta: ArrayLike<number>): number[] {
  return X.map((row) => {
    let eta = b0;
    for (let j = 0; j < row.length; j++) eta += row[j] * beta[j];
    return eta;
  });
}
