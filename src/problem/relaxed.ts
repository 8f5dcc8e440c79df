// The relaxed fit of a path (option relax; glmnet's relax = TRUE): per λ the unpenalized refit on
// that λ's support, and the blend γ·β_penalized + (1 − γ)·β_refit at any γ ∈ [0, 1]. γ = 1 is the
// penalized path itself, γ = 0 the refit. Read at a λ between two of the path's, both parts are
// interpolated linearly in λ (glmnet's predict interpolation), which is the blend of the
// interpolations: blending is linear.
//
// glmnet differs in one detail: its blend.relaxed floors γ at 1e-5, so its "γ = 0" is 1e-5·β_penalized
// + (1 − 1e-5)·β_refit. proxpath's γ = 0 is the refit itself.

import { InputError, show } from '../errors.js';

/** The refits of a relaxed path, original scale, one entry per λ of the path. */
export interface RelaxedPath {
  /** The fit's γ grid (gammaRelax): what a table or a cross-validation shows; any γ ∈ [0, 1] may be read. */
  gamma: number[];
  /** Per λ: the intercept and nFeatures coefficients of the unpenalized refit on its support (γ = 0). */
  intercept: number[];
  beta: number[][];
  /** Per λ: the refit's deviance ratio (of the same null deviance as the path's). */
  devRatio: number[];
  /** Per λ: the refit's objective, the loss alone (no penalty at λ = 0), float64. */
  objective: number[];
  converged: boolean[];
  /**
   * Per λ: whether its support was refit. False where the support has more than n − 3 features
   * (glmnet's maxp): such a λ is held at the refit of the last λ refit, as glmnet's blend does.
   */
  refit: boolean[];
}

/** γ checked: a number in [0, 1]. */
export function checkedGamma(gamma: unknown, where: string): number {
  if (typeof gamma !== 'number' || !(gamma >= 0 && gamma <= 1)) throw new InputError(`${where}: gamma ${show(gamma)} must be in [0, 1]`);
  return gamma;
}

/**
 * Where λ falls on a decreasing grid, as PathFit.coefAt reads it: the values at `left` and
 * `right` mixed with weight `t` on the right; beyond the ends the end values.
 */
export function gridPlace(grid: readonly number[], lambda: number): { left: number; right: number; t: number } {
  const K = grid.length;
  if (lambda >= grid[0] || K === 1) return { left: 0, right: 0, t: 0 };
  if (lambda <= grid[K - 1]) return { left: K - 1, right: K - 1, t: 0 };
  let k = 0;
  while (grid[k + 1] > lambda) k++;
  return { left: k, right: k + 1, t: (grid[k] - lambda) / (grid[k] - grid[k + 1]) };
}

/** The refit's intercept and coefficients at λ (interpolated as the path's). */
export function refitAt(relaxed: RelaxedPath, grid: readonly number[], lambda: number): { intercept: number; beta: number[] } {
  const { left, right, t } = gridPlace(grid, lambda);
  const mix = (a: number, b: number) => (t === 1 ? b : (1 - t) * a + t * b);
  const [a, b] = [relaxed.beta[left], relaxed.beta[right]];
  return { intercept: mix(relaxed.intercept[left], relaxed.intercept[right]), beta: a.map((v, j) => mix(v, b[j])) };
}

/** γ·penalized + (1 − γ)·refit, coefficient by coefficient (exact at γ = 0 and γ = 1). */
export function blend(
  penalized: { intercept: number; beta: number[] },
  refit: { intercept: number; beta: number[] },
  gamma: number,
): { intercept: number; beta: number[] } {
  if (gamma === 1) return { intercept: penalized.intercept, beta: penalized.beta.slice() };
  if (gamma === 0) return { intercept: refit.intercept, beta: refit.beta.slice() };
  const mix = (a: number, b: number) => gamma * a + (1 - gamma) * b;
  return { intercept: mix(penalized.intercept, refit.intercept), beta: penalized.beta.map((v, j) => mix(v, refit.beta[j])) };
}

/** A path's per-λ lists blended at γ: the path a relaxed fit is at that γ (each λ on its own). */
export function blendPath<P extends { intercept: number[]; beta: number[][] }>(path: P, relaxed: Pick<RelaxedPath, 'intercept' | 'beta'>, gamma: number): P {
  const intercept = path.intercept.map((b0, k) => blend({ intercept: b0, beta: [] }, { intercept: relaxed.intercept[k], beta: [] }, gamma).intercept);
  const beta = path.beta.map((row, k) => blend({ intercept: 0, beta: row }, { intercept: 0, beta: relaxed.beta[k] }, gamma).beta);
  return { ...path, intercept, beta };
}
