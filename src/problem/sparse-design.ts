// X̃ = (X − 1mᵀ)S⁻¹ kept as the raw sparse columns of X (CSC, in the heap) and never formed:
// glmnet's way. Every product folds the centring and scaling in,
//   x̃_jᵀv = (x_jᵀv − m_j·Σv)/s_j,      y += α·x̃_j = (α/s_j)·x_j on the column's rows, − α·m_j/s_j on all,
// so a product costs the column's nonzeros (plus Σv once per vector), and a sum of columns one
// constant shift. Coordinate passes go further and carry that shift as a scalar (residual.ts).

import type { HeapArray, Kernels } from '../wasm/kernels.js';
import type { Design, HeapList, SparseColumns } from './design.js';

export class SparseDesign implements Design {
  /** An nSamples scratch vector in the heap (cross products materialize one column there). */
  private readonly scratch: HeapArray;
  private readonly f64: Float64Array;

  constructor(
    private readonly kernels: Kernels,
    readonly sparse: SparseColumns,
    readonly nSamples: number,
    readonly nFeatures: number,
    scratch: HeapArray,
  ) {
    this.scratch = scratch;
    this.f64 = new Float64Array(scratch.data.buffer);
  }

  vectorSum(v: number): number {
    const f = this.f64;
    let s = 0;
    for (let i = v / 8; i < v / 8 + this.nSamples; i++) s += f[i];
    return s;
  }

  dot(j: number, v: number, sumV: number): number {
    const { colptr, rows, vals, invScale, centers } = this.sparse;
    return invScale[j] * (this.kernels.sdot(colptr, rows, vals, j, v) - centers[j] * sumV);
  }

  cross(a: number, b: number, w: number, scale: number): number {
    this.column(b, w, this.scratch.data);
    const { ptr } = this.scratch;
    return (w ? 1 : scale) * this.dot(a, ptr, this.vectorSum(ptr));
  }

  combine(features: ArrayLike<number>, count: number, coef: Float64Array, y: number): void {
    const { colptr, rows, vals, invScale, centers } = this.sparse;
    let shift = 0;
    for (let t = 0; t < count; t++) {
      const j = features[t];
      if (coef[j] === 0) continue;
      const alpha = coef[j] * invScale[j];
      this.kernels.saxpy(alpha, colptr, rows, vals, j, 0, y);
      shift -= alpha * centers[j];
    }
    if (shift === 0) return;
    const f = this.f64;
    for (let i = y / 8; i < y / 8 + this.nSamples; i++) f[i] += shift;
  }

  gradients(list: HeapList, v: number, out: number, scale: number): void {
    const { colptr, rows, vals, inv, center } = this.sparse;
    this.kernels.dot_many_sparse(colptr, rows, vals, list.ptr, list.count, v, out, scale, inv, center, this.vectorSum(v));
  }

  column(j: number, w: number, out: Float64Array): void {
    const { indptr, indices, values, invScale, centers } = this.sparse;
    const n = this.nSamples;
    const a = invScale[j];
    out.fill(-centers[j] * a, 0, n);
    for (let k = indptr[j]; k < indptr[j + 1]; k++) out[indices[k]] = (values[k] - centers[j]) * a;
    if (!w) return;
    const f = this.f64;
    for (let i = 0; i < n; i++) out[i] *= f[w / 8 + i];
  }

  predictor(beta: ArrayLike<number>, b0: number, out: Float64Array): Float64Array {
    const { indptr, indices, values, invScale, centers } = this.sparse;
    let shift = b0;
    out.fill(0);
    for (let j = 0; j < beta.length; j++) {
      const bj = beta[j];
      if (bj === 0) continue;
      const b = bj * invScale[j];
      shift -= b * centers[j];
      for (let k = indptr[j]; k < indptr[j + 1]; k++) out[indices[k]] += values[k] * b;
    }
    for (let i = 0; i < this.nSamples; i++) out[i] += shift;
    return out;
  }

  /** ‖x̃_j‖ = √(Σ_k (x_k − m)² + m²·(rows without an entry)) / s_j. */
  norm(j: number): number {
    const { indptr, values, invScale, centers } = this.sparse;
    const m = centers[j];
    let s = 0;
    for (let k = indptr[j]; k < indptr[j + 1]; k++) s += (values[k] - m) ** 2;
    s += m * m * (this.nSamples - (indptr[j + 1] - indptr[j]));
    return Math.sqrt(s) * invScale[j];
  }
}
