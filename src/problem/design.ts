// The standardized design X̃ as the engines use it: products of its columns with vectors in the
// heap, column updates, the predictor. Two layouts: dense (X̃ itself, column-major, in the heap)
// and sparse (the raw CSC columns, with the centring and scaling folded into every product,
// sparse-design.ts). Vectors are heap byte offsets of nSamples doubles unless said otherwise.

import type { HeapArray, Kernels } from '../wasm/kernels.js';

/** A sparse design's storage in the heap (byte offsets) and as arrays, for the sparse kernels. */
export interface SparseColumns {
  /** nFeatures + 1 Int32 column offsets, nnz Int32 row indices, nnz float64 values (raw X). */
  colptr: number;
  rows: number;
  vals: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** nFeatures 1/s_j and m_j: x̃_j = (x_j − m_j)/s_j (heap, at inv and center). */
  inv: number;
  center: number;
  invScale: Float64Array;
  centers: Float64Array;
}

/** A list of Int32 feature indices in the heap. */
export interface HeapList {
  ptr: number;
  count: number;
}

export interface Design {
  readonly nSamples: number;
  readonly nFeatures: number;
  /** The columns' CSC storage when X is sparse (the sparse passes read it); null when dense. */
  readonly sparse: SparseColumns | null;
  /** Σ_i v_i where a sparse design's products need it (0 for a dense design, which does not). */
  vectorSum(v: number): number;
  /** x̃_jᵀv; sumV = vectorSum(v). */
  dot(j: number, v: number, sumV: number): number;
  /** x̃_aᵀ(w∘x̃_b), or scale·x̃_aᵀx̃_b when w = 0. */
  cross(a: number, b: number, w: number, scale: number): number;
  /** y += Σ_t coef[j]·x̃_j over j = features[t], t < count (coef indexed by feature; zeros skipped). */
  combine(features: ArrayLike<number>, count: number, coef: Float64Array, y: number): void;
  /** out[j] = scale·x̃_jᵀv for the listed features (out: heap offset of nFeatures doubles). */
  gradients(list: HeapList, v: number, out: number, scale: number): void;
  /** out = x̃_j, times w elementwise when w ≠ 0 (out: nSamples, anywhere). */
  column(j: number, w: number, out: Float64Array): void;
  /** out = b0 + X̃β over the nonzero coefficients (nSamples). */
  predictor(beta: ArrayLike<number>, b0: number, out: Float64Array): Float64Array;
  /** ‖x̃_j‖₂. */
  norm(j: number): number;
}

/** X̃ dense, column-major, in the heap at XsPtr. */
export class DenseDesign implements Design {
  readonly sparse = null;

  constructor(
    private readonly kernels: Kernels,
    private readonly Xs: HeapArray,
    readonly nSamples: number,
    readonly nFeatures: number,
  ) {}

  private col(j: number): number {
    return this.Xs.ptr + 8 * j * this.nSamples;
  }

  vectorSum(): number {
    return 0;
  }

  dot(j: number, v: number): number {
    return this.kernels.dot(this.col(j), v, this.nSamples);
  }

  cross(a: number, b: number, w: number, scale: number): number {
    const n = this.nSamples;
    return w ? this.kernels.dot3(this.col(a), w, this.col(b), n) : scale * this.kernels.dot(this.col(a), this.col(b), n);
  }

  combine(features: ArrayLike<number>, count: number, coef: Float64Array, y: number): void {
    for (let t = 0; t < count; t++) {
      const j = features[t];
      if (coef[j] !== 0) this.kernels.axpy(coef[j], this.col(j), y, this.nSamples);
    }
  }

  gradients(list: HeapList, v: number, out: number, scale: number): void {
    this.kernels.dot_many(this.Xs.ptr, this.nSamples, list.ptr, list.count, v, out, scale);
  }

  column(j: number, w: number, out: Float64Array): void {
    const n = this.nSamples;
    out.set(this.Xs.data.subarray(j * n, (j + 1) * n));
    if (!w) return;
    const weights = new Float64Array(this.Xs.data.buffer, w, n);
    for (let i = 0; i < n; i++) out[i] *= weights[i];
  }

  predictor(beta: ArrayLike<number>, b0: number, out: Float64Array): Float64Array {
    const { nSamples: n } = this;
    const Xs = this.Xs.data;
    out.fill(b0);
    for (let j = 0; j < beta.length; j++) {
      const bj = beta[j];
      if (bj === 0) continue;
      const col = j * n;
      for (let i = 0; i < n; i++) out[i] += Xs[col + i] * bj;
    }
    return out;
  }

  norm(j: number): number {
    return Math.sqrt(this.kernels.dot(this.col(j), this.col(j), this.nSamples));
  }
}
