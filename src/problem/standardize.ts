// The solvers' coordinates: columns centered (when there is an intercept) and scaled to unit
// weighted variance (when standardize), as glmnet does. Coefficients map back by β_j = β̃_j / s_j.

import { Float64Heap } from '../wasm/kernels.js';
import { CONSTANT_RTOL, overflowOf } from './column-checks.js';
import { DenseDesign } from './design.js';
import { copyColumnMajor } from './matrix.js';
import { standardizeSparse } from './sparse-standardize.js';
import type { ColumnLayout, Standardized } from './standardized.js';
import type { Problem } from './validate.js';

export type { ColumnLayout, Standardized } from './standardized.js';

/** Σ_i (w_i/n)(x_i − m)² over one column, without changing it. */
function centeredSquares(X: Float64Array, col: number, n: number, wn: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = X[col + i] - m;
    s += wn[i] * d * d;
  }
  return s;
}

/**
 * @param workDoubles room the solver needs in the heap besides X̃ and the weights
 * @param layout sparse: a sparse X's columns stay sparse (dense X is made sparse first); dense: a
 *   sparse X is densified (its size checked by the caller, engines.ts's columnLayout)
 * @param preferWasm false: the JavaScript kernels (tests hold the two together)
 */
export function standardize(problem: Problem, workDoubles: number, layout: ColumnLayout = 'dense', preferWasm = true): Standardized {
  if (layout === 'sparse') return standardizeSparse(problem, workDoubles, preferWasm);
  const { nSamples: n, nFeatures: p, weights } = problem;
  const heap = new Float64Heap(n * p + n + 3 * (p + 2) + workDoubles, preferWasm);
  const xsArray = heap.alloc(n * p);
  const wnArray = heap.alloc(n);
  const wn = wnArray.data;
  let uniformWeights = true;
  for (let i = 0; i < n; i++) {
    wn[i] = weights[i] / n;
    if (weights[i] !== weights[0]) uniformWeights = false;
  }
  // X is copied once, into the heap, and standardized there in place.
  const Xs = xsArray.data;
  copyColumnMajor(problem.X, n, p, Xs);
  const center = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const xvArray = heap.alloc(p);
  const lowerArray = heap.alloc(p);
  const upperArray = heap.alloc(p);
  const xv = xvArray.data;
  const usable = new Uint8Array(p);
  const magnitude = new Float64Array(p);
  const lower = lowerArray.data;
  const upper = upperArray.data;
  const { kernels } = heap;
  for (let j = 0; j < p; j++) {
    const col = xsArray.ptr + 8 * j * n;
    // Weighted mean and spread, the variance in two passes (centered first), so that a
    // constant column gives 0, not rounding noise.
    const mean = kernels.dot(col, wnArray.ptr, n);
    const maxAbs = kernels.max_abs(col, n);
    let variance: number;
    if (problem.intercept) {
      kernels.shift_scale(col, n, mean, 1);
      variance = kernels.dot3(col, wnArray.ptr, col, n);
    } else {
      variance = centeredSquares(Xs, j * n, n, wn, mean);
    }
    magnitude[j] = maxAbs;
    if (!Number.isFinite(variance)) throw overflowOf(problem, j, maxAbs);
    const sd = Math.sqrt(variance);
    const constant = sd <= CONSTANT_RTOL * maxAbs || maxAbs === 0;
    const m = problem.intercept ? mean : 0;
    const s = problem.standardize && !constant ? sd : 1;
    center[j] = m;
    scale[j] = s;
    if (s !== 1) kernels.shift_scale(col, n, 0, 1 / s);
    const sq = kernels.dot3(col, wnArray.ptr, col, n);
    if (!Number.isFinite(sq)) throw overflowOf(problem, j, maxAbs);
    // A constant column is absorbed by the intercept, or has no scale to standardize by:
    // its coefficient stays 0 (a feature of zeros carries no information at all).
    const informative = problem.intercept || problem.standardize ? !constant : maxAbs > 0;
    usable[j] = informative && !problem.excluded[j] ? 1 : 0;
    xv[j] = usable[j] ? sq : 0;
    lower[j] = problem.lower[j] * s;
    upper[j] = problem.upper[j] * s;
  }
  return {
    heap, design: new DenseDesign(kernels, xsArray, n, p), Xs, XsPtr: xsArray.ptr, center, scale, xv, xvPtr: xvArray.ptr, wn, wnPtr: wnArray.ptr, uniformWeights,
    magnitude, usable, lower, upper, lowerPtr: lowerArray.ptr, upperPtr: upperArray.ptr,
  };
}
