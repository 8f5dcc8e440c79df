// Which coordinate-descent engine solves a problem, and the heap room it needs.

import type { Standardized } from '../problem/standardize.js';
import type { Problem } from '../problem/validate.js';
import { indexListDoubles } from './cd-loop.js';
import type { CoordinateEngine } from './engine.js';
import { GaussianCovarianceEngine } from './gaussian-covariance.js';
import { GaussianNaiveEngine } from './gaussian-naive.js';
import { IrlsEngine } from './irls.js';
import { PathGradients } from './path-gradients.js';

export type Method = 'covariance' | 'naive' | 'irls';

/** Below this many features glmnet's default is covariance updates for the squared loss. */
const COVARIANCE_MAX_FEATURES = 500;

export function chooseMethod(problem: Problem): Method {
  if (!problem.loss.quadratic) return 'irls';
  return problem.nFeatures < COVARIANCE_MAX_FEATURES ? 'covariance' : 'naive';
}

/** Doubles the path and its engine take from the heap (penalty, strong set, engine's own). */
export function workDoubles(problem: Problem): number {
  const { nSamples: n, nFeatures: p } = problem;
  const method = chooseMethod(problem);
  const own = 2 * (p + 2) + indexListDoubles(p) + PathGradients.heapDoubles(p);
  if (method === 'irls') return own + IrlsEngine.heapDoubles(n, p);
  if (method === 'naive') return own + GaussianNaiveEngine.heapDoubles(n, p);
  return own + GaussianCovarianceEngine.heapDoubles(n, p);
}

/**
 * The engine for this problem, started at the null model: η = eta0 (the null intercept, or 0).
 * @param thr the convergence threshold on max xv·Δ²
 */
export function makeEngine(
  problem: Problem,
  std: Standardized,
  eta0: number,
  thr: number,
): { engine: CoordinateEngine; method: Method } {
  const { loss, nSamples: n, y } = problem;
  const method = chooseMethod(problem);
  if (method === 'irls') {
    return { engine: new IrlsEngine(std, n, y, loss, problem.intercept, eta0, thr), method };
  }
  const yc = new Float64Array(n);
  let yy = 0;
  for (let i = 0; i < n; i++) {
    yc[i] = y[i] - eta0;
    yy += std.wn[i] * yc[i] * yc[i];
  }
  if (method === 'covariance') return { engine: new GaussianCovarianceEngine(std, n, yc, yy, thr), method };
  return { engine: new GaussianNaiveEngine(std, n, yc, thr), method };
}
