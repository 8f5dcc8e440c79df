// A fold's path read at other λ, as glmnet's predict(fit, s = λ) does (lambda.interp): between
// two of the path's λ the coefficients and intercept are interpolated linearly in λ; above the
// path's first λ they are its first, below its last its last (a path stopped early is held at
// its end). Used by cross-validation's alignment 'fold-paths' (cv.glmnet's default output).

import type { FoldPath } from './fold-runner.js';

/** Where s falls on a decreasing λ list: coefficients = frac · at[left] + (1 − frac) · at[right]. */
export function interpolationAt(lambda: readonly number[], s: number): { left: number; right: number; frac: number } {
  const K = lambda.length;
  if (K === 1 || s >= lambda[0]) return { left: 0, right: 0, frac: 1 };
  if (s <= lambda[K - 1]) return { left: K - 1, right: K - 1, frac: 1 };
  let right = 1;
  while (lambda[right] > s) right++;
  const left = right - 1;
  const span = lambda[left] - lambda[right];
  return { left, right, frac: span > 0 ? (s - lambda[right]) / span : 1 };
}

/** The path's intercept and coefficients at each of `at` (a decreasing list of λ). */
export function pathAt(fit: FoldPath, at: readonly number[]): FoldPath {
  const intercept: number[] = [];
  const beta: number[][] = [];
  for (const s of at) {
    const { left, right, frac } = interpolationAt(fit.lambda, s);
    intercept.push(frac * fit.intercept[left] + (1 - frac) * fit.intercept[right]);
    const [a, b] = [fit.beta[left], fit.beta[right]];
    beta.push(a.map((v, j) => frac * v + (1 - frac) * b[j]));
  }
  return { ...fit, lambda: at.slice(), intercept, beta, df: beta.map((row) => row.filter((v) => v !== 0).length) };
}
