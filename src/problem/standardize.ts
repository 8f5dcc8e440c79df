// The solvers' coordinates: columns centered (when there is an intercept) and scaled to unit
// weighted variance (when standardize), as glmnet does. Coefficients map back by β_j = β̃_j / s_j.

import { Float64Heap } from '../wasm/kernels.js';
import { InputError, show } from '../errors.js';
import { copyColumnMajor } from './matrix.js';
import type { Problem } from './validate.js';

export interface Standardized {
  /** The memory the solver's arrays live in, with the vector kernels that work on it. */
  heap: Float64Heap;
  /** nSamples × nFeatures float64, column-major: x̃_ij = (x_ij − m_j) / s_j; in the heap. */
  Xs: Float64Array;
  /** Byte offset of Xs in the heap: column j starts at XsPtr + 8·j·nSamples. */
  XsPtr: number;
  /** nFeatures centers m_j (weighted means with an intercept, else 0). */
  center: Float64Array;
  /** nFeatures scales s_j (weighted 1/n standard deviations when standardize, else 1). */
  scale: Float64Array;
  /** nFeatures Σ_i (w_i/n) x̃_ij², the coordinate curvatures of the squared loss (heap, xvPtr). */
  xv: Float64Array;
  xvPtr: number;
  /** nSamples weights w_i / n (summing to 1), in the heap at wnPtr. */
  wn: Float64Array;
  wnPtr: number;
  /** True when all weights are equal, so weighted sums can skip the weight vector. */
  uniformWeights: boolean;
  /** nFeatures largest |x_ij| of the original columns (for messages about scale). */
  magnitude: Float64Array;
  /** 1 for features the solver may move: not excluded and not constant. */
  usable: Uint8Array;
  /** nFeatures bounds on β̃ (the original bounds times s_j), in the heap. */
  lower: Float64Array;
  upper: Float64Array;
  lowerPtr: number;
  upperPtr: number;
}

/** A column is constant when its spread is below this fraction of its magnitude (rounding noise). */
const CONSTANT_RTOL = 1e-10;

/** Σ_i (w_i/n)(x_i − m)² over one column, without changing it. */
function centeredSquares(X: Float64Array, col: number, n: number, wn: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = X[col + i] - m;
    s += wn[i] * d * d;
  }
  return s;
}

/** A column whose squares overflow float64: no solver can use it as it is. */
function overflowOf(problem: Problem, j: number, maxAbs: number): InputError {
  return new InputError(
    `X: column ${show(problem.featureNames[j])} has values up to ${maxAbs.toPrecision(3)}, whose squares overflow float64: rescale it`,
  );
}

/** @param workDoubles room the solver needs in the heap besides X̃ and the weights */
export function standardize(problem: Problem, workDoubles: number): Standardized {
  const { nSamples: n, nFeatures: p, weights } = problem;
  const heap = new Float64Heap(n * p + n + 3 * (p + 2) + workDoubles);
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
    heap, Xs, XsPtr: xsArray.ptr, center, scale, xv, xvPtr: xvArray.ptr, wn, wnPtr: wnArray.ptr, uniformWeights,
    magnitude, usable, lower, upper, lowerPtr: lowerArray.ptr, upperPtr: upperArray.ptr,
  };
}
