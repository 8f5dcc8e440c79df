// Which coordinate-descent engine solves a problem, and the heap room it needs.

import type { ColumnLayout, Standardized } from '../problem/standardize.js';
import { countNonzeros } from '../problem/matrix.js';
import { checkDensify, isSparse } from '../problem/sparse-matrix.js';
import type { Problem } from '../problem/validate.js';
import { indexListDoubles, valleyState } from './cd-loop.js';
import type { CoordinateEngine } from './engine.js';
import { GaussianCovarianceEngine } from './gaussian-covariance.js';
import { GaussianNaiveEngine } from './gaussian-naive.js';
import { IrlsEngine } from './irls.js';
import { PiecewiseLinearEngine } from './piecewise-linear.js';
import { PathGradients } from './path-gradients.js';

export type Method = 'covariance' | 'naive' | 'naive-then-covariance' | 'irls' | 'simplex-or-active-set' | 'batched';

/** Below this many features glmnet's default is covariance updates for the squared loss. */
const COVARIANCE_MAX_FEATURES = 500;
/** Residual updates may hand over to covariance updates up to this many features (p² doubles). */
const SWITCH_MAX_FEATURES = 2000;
/**
 * Hand over when the coordinates residual updates have visited so far (each O(n)) exceed this
 * multiple of p × the features that have entered (covariance updates would have paid one Gram
 * column, O(n·p), for each): the ski-rental rule on the costs actually incurred, so that either
 * choice costs at most a small multiple of the better one. 0.5: a Gram column runs about twice
 * as fast per flop as the memory-bound residual passes.
 */
const SWITCH_RATIO = 0.5;

/** True when a squared-loss path on residuals may continue on a Gram matrix (n > p, p moderate). */
function canSwitch(problem: Problem): boolean {
  return chooseMethod(problem) === 'naive' && problem.nSamples > problem.nFeatures && problem.nFeatures <= SWITCH_MAX_FEATURES;
}

/**
 * Dense X goes over to sparse columns when its nonzeros times this are fewer than its n·p cells
 * (density under 10 %): a sparse product pays an index load and a gather per entry where the
 * dense one streams two doubles per SIMD step. Measured on a 2-core EPYC (whole paths, standardizing
 * included): n = p = 2000, residual updates and IRLS, sparse columns took 0.1–0.25 of the dense
 * layout's time at 2–10 % density and 0.4–0.6 at 20–30 %; n = 20000, p = 200, covariance updates,
 * 0.5–0.8 at 2–10 %, break-even at 20 %. 10 % keeps every method well on the winning side.
 */
const SPARSE_ENTRY_COST = 10;

/**
 * Where the engines read X (problem/standardize.ts): a sparse X keeps its columns sparse for
 * coordinate descent (residual, Gram or IRLS updates) and for the batched iteration of the smooth
 * losses (its products fold the centring in: host-columns.ts on the CPU, the CSR/CSC kernels on
 * WebGPU); the exact solvers of absolute and quantile loss, and PDHG (whose finish is theirs), read
 * X̃ dense, so there a sparse X is densified (InputError past MAX_DENSE_BYTES). A dense X with few
 * nonzeros goes sparse for coordinate descent where counted work says it pays; the batched
 * iteration keeps a dense X dense (its dense products are tiled GEMMs; where sparse products win
 * on a GPU has not been measured).
 */
export function columnLayout(problem: Problem, onGpu = false): ColumnLayout {
  const { nSamples: n, nFeatures: p } = problem;
  const batched = onGpu || problem.solver === 'batched';
  const exact = chooseMethod(problem) === 'simplex-or-active-set';
  if (isSparse(problem.X)) {
    if (!exact) return 'sparse';
    checkDensify(n, p, batched ? 'the batched iteration (PDHG and its exact finish)' : `loss ${problem.lossName} (solved exactly, on dense columns)`);
    return 'dense';
  }
  if (batched || exact) return 'dense';
  const limit = (n * p) / SPARSE_ENTRY_COST;
  return countNonzeros(problem.X, n, p, limit) < limit ? 'sparse' : 'dense';
}

export function chooseMethod(problem: Problem): Method {
  if (!problem.loss.smooth) return 'simplex-or-active-set';
  // Penalties without the kernels' built-in step run their own passes on the IRLS model.
  if (!problem.loss.quadratic || !problem.penalty.spec.traits.kernelMinimizer) return 'irls';
  return problem.nFeatures < COVARIANCE_MAX_FEATURES ? 'covariance' : 'naive';
}

/** Doubles the path and its engine take from the heap (penalty, strong set, engine's own). */
export function workDoubles(problem: Problem): number {
  const { nSamples: n, nFeatures: p } = problem;
  const method = chooseMethod(problem);
  const own = 2 * (p + 2) + indexListDoubles(p) + PathGradients.heapDoubles(p);
  if (method === 'irls') return own + IrlsEngine.heapDoubles(n, p);
  if (method === 'simplex-or-active-set') return own + PiecewiseLinearEngine.heapDoubles(n, p);
  if (method === 'naive') {
    const handover = canSwitch(problem) ? GaussianCovarianceEngine.heapDoubles(n, p) : 0;
    return own + GaussianNaiveEngine.heapDoubles(n, p) + handover;
  }
  return own + GaussianCovarianceEngine.heapDoubles(n, p);
}

/**
 * The engine for this problem, started at the null model: η = eta0 (the null intercept, or 0),
 * plus the offset, which only the IRLS engine takes (a residual loss's is in y already).
 * @param thr the convergence threshold on max xv·Δ²
 */
export function makeEngine(
  problem: Problem,
  std: Standardized,
  eta0: number,
  thr: number,
): {
  engine: CoordinateEngine;
  method: Method;
  /**
   * Added to engine.intercept() for the standardized problem's intercept: η0 for the squared
   * loss's engines, which work on y − η0, else 0.
   */
  interceptShift: number;
  /** Where residual updates may hand over: the covariance engine, warm-started, or null (not yet). */
  handover?: () => CoordinateEngine | null;
} {
  const { loss, nSamples: n, y } = problem;
  const method = chooseMethod(problem);
  const valley = valleyState(problem.tol);
  if (!loss.smooth) {
    if (std.design.sparse) throw new Error('makeEngine: the exact solvers read X̃ dense (columnLayout densifies for them)');
    return { engine: new PiecewiseLinearEngine(std, n, y, loss, problem.intercept, eta0, thr, problem.breakpoints), method, interceptShift: 0 };
  }
  if (method === 'irls') {
    const engine = new IrlsEngine(std, n, y, loss, problem.intercept, eta0, thr, valley, problem.offset);
    return { engine, method, interceptShift: 0 };
  }
  const yc = new Float64Array(n);
  let yy = 0;
  for (let i = 0; i < n; i++) {
    yc[i] = y[i] - eta0;
    yy += std.wn[i] * yc[i] * yc[i];
  }
  if (method === 'covariance') return { engine: new GaussianCovarianceEngine(std, n, yc, yy, thr, valley), method, interceptShift: eta0 };
  const naive = new GaussianNaiveEngine(std, n, yc, thr, valley);
  if (!canSwitch(problem)) return { engine: naive, method, interceptShift: eta0 };
  const p = problem.nFeatures;
  const handover = (): CoordinateEngine | null => {
    if (naive.coordinatesVisited <= SWITCH_RATIO * Math.max(naive.everActive.count, 1) * p) return null;
    // The handover keeps what the naive passes learned about a valley.
    const covariance = new GaussianCovarianceEngine(std, n, yc, yy, thr, valley);
    covariance.warmStart(naive.beta);
    return covariance;
  };
  return { engine: naive, method, interceptShift: eta0, handover };
}
