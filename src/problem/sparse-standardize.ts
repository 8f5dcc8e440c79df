// Standardization without densifying (glmnet's sparse way): the CSC columns are copied into the
// heap as they are, and only the centers m_j, the scales s_j and the curvatures are computed,
// each from the column's nonzeros. The rows without an entry hold 0, so with Σ_nz over a column's
// entries and W = Σ_i w_i/n,
//   m_j = Σ_nz (w_i/n) x_ij,   Σ_i (w_i/n)(x_ij − c)² = Σ_nz (w_i/n)(x_ij − c)² + c²·(W − Σ_nz w_i/n),
// the same two-pass variance about the mean as the dense layout's (no cancellation).

import { Float64Heap } from '../wasm/kernels.js';
import { CONSTANT_RTOL, overflowOf } from './column-checks.js';
import { SparseDesign } from './sparse-design.js';
import { type CscMatrix, isSparse } from './sparse-matrix.js';
import { denseToCsc } from './matrix.js';
import type { Standardized } from './standardized.js';
import type { Problem } from './validate.js';

/**
 * The heap doubles a sparse layout takes besides the solver's work: the columns (no values for a
 * 0/1 matrix), weights, scratch and per-feature arrays.
 */
function layoutDoubles(n: number, p: number, nnz: number, binary: boolean): number {
  return (binary ? 0 : nnz) + Math.ceil(nnz / 2) + 2 * Math.ceil((p + 1) / 2) + 2 * (n + 2) + 7 * (p + 2) + 8;
}

/** Whether every stored value is 1 (one-hot and other indicator columns). */
function isBinary(values: Float64Array): boolean {
  for (let k = 0; k < values.length; k++) if (values[k] !== 1) return false;
  return true;
}

/**
 * The heap's copy of the columns, the weights and the per-feature arrays of a sparse layout. A
 * 0/1 matrix keeps no values there: the kernels read vals = 0 as "every value 1", and the
 * TypeScript side reads the matrix's own array.
 */
function allocate(heap: Float64Heap, X: CscMatrix, n: number, p: number, binary: boolean) {
  const nnz = X.indices.length;
  const colptr = heap.allocInt32(p + 1);
  colptr.data.set(X.indptr);
  const rows = heap.allocInt32(nnz);
  rows.data.set(X.indices);
  const vals = binary ? { data: X.values, ptr: 0 } : heap.alloc(nnz);
  if (!binary) vals.data.set(X.values);
  return {
    colptr, rows, vals, wn: heap.alloc(n), scratch: heap.alloc(n), inv: heap.alloc(p), center: heap.alloc(p), xv: heap.alloc(p),
    lower: heap.alloc(p), upper: heap.alloc(p), all: heap.allocInt32(p), moments: heap.alloc(p), spread: heap.alloc(p),
  };
}

/** @param workDoubles room the solver needs in the heap besides the columns and the weights */
export function standardizeSparse(problem: Problem, workDoubles: number, preferWasm = true): Standardized {
  const { nSamples: n, nFeatures: p, weights } = problem;
  const X = isSparse(problem.X) ? problem.X : denseToCsc(problem.X, n, p);
  const binary = isBinary(X.values);
  const heap = new Float64Heap(layoutDoubles(n, p, X.indices.length, binary) + workDoubles, preferWasm);
  const a = allocate(heap, X, n, p, binary);
  const wn = a.wn.data;
  let uniformWeights = true;
  let wSum = 0;
  for (let i = 0; i < n; i++) {
    wn[i] = weights[i] / n;
    wSum += wn[i];
    if (weights[i] !== weights[0]) uniformWeights = false;
  }
  const center = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const usable = new Uint8Array(p);
  const magnitude = new Float64Array(p);
  // Two sweeps over the columns: means and raw second moments (centers 0, scales 1), then the
  // spread about the means (centers = the means).
  const { kernels } = heap;
  const { colptr, rows, vals, all, moments, spread } = a;
  for (let j = 0; j < p; j++) all.data[j] = j;
  a.center.data.fill(0);
  a.inv.data.fill(1);
  kernels.sstats_many(colptr.ptr, rows.ptr, vals.ptr, all.ptr, p, a.wn.ptr, a.center.ptr, a.inv.ptr, wSum, moments.ptr, a.center.ptr);
  kernels.sstats_many(colptr.ptr, rows.ptr, vals.ptr, all.ptr, p, a.wn.ptr, a.center.ptr, a.inv.ptr, wSum, spread.ptr, a.xv.ptr);
  const means = Float64Array.from(a.center.data);
  for (let j = 0; j < p; j++) {
    let maxAbs = 0;
    for (let k = X.indptr[j]; k < X.indptr[j + 1]; k++) maxAbs = Math.max(maxAbs, Math.abs(X.values[k]));
    const [mean, raw2, variance] = [means[j], moments.data[j], spread.data[j]];
    magnitude[j] = maxAbs;
    if (!Number.isFinite(variance) || !Number.isFinite(raw2)) throw overflowOf(problem, j, maxAbs);
    const sd = Math.sqrt(variance);
    const constant = sd <= CONSTANT_RTOL * maxAbs || maxAbs === 0;
    const m = problem.intercept ? mean : 0;
    const s = problem.standardize && !constant ? sd : 1;
    center[j] = m;
    scale[j] = s;
    a.center.data[j] = m;
    a.inv.data[j] = 1 / s;
    // Σ (w_i/n) x̃_ij²: the variance about m (the mean, or 0 without intercept), over s².
    const sq = ((problem.intercept ? variance : raw2) / s) / s;
    const informative = problem.intercept || problem.standardize ? !constant : maxAbs > 0;
    usable[j] = informative && !problem.excluded[j] ? 1 : 0;
    a.xv.data[j] = usable[j] ? sq : 0;
    a.lower.data[j] = problem.lower[j] * s;
    a.upper.data[j] = problem.upper[j] * s;
  }
  const sparse = {
    colptr: a.colptr.ptr, rows: a.rows.ptr, vals: a.vals.ptr, indptr: a.colptr.data, indices: a.rows.data, values: a.vals.data,
    inv: a.inv.ptr, center: a.center.ptr, invScale: a.inv.data, centers: a.center.data,
  };
  return {
    heap, design: new SparseDesign(kernels, sparse, n, p, a.scratch), Xs: new Float64Array(0), XsPtr: -1, center, scale,
    xv: a.xv.data, xvPtr: a.xv.ptr, wn, wnPtr: a.wn.ptr, uniformWeights, magnitude, usable,
    lower: a.lower.data, upper: a.upper.data, lowerPtr: a.lower.ptr, upperPtr: a.upper.ptr,
  };
}
