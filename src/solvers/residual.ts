// The residual-type state of the naive squared-loss engine and the IRLS engine, over either layout
// of X̃ (src/problem/design.ts), with the conventions of cd_pass_resid: the gradient along x̃_j is
// gscale·x̃_jᵀ(g∘r) (g = gw, or 1 when gw = 0), and a change Δ of β̃_j moves r by −Δ·(u∘x̃_j)
// (u = uw, or 1 when uw = 0).
//
// Dense: r is the residual itself. Sparse (glmnet's spelnet / sprlognet): x̃_j = (x_j − m_j)/s_j,
// so an update moves r on column j's rows by −(Δ/s_j)·u∘x_j and on every row by +(Δ m_j/s_j)·u; the
// second part is carried as one scalar o, r = ρ + o·u, ρ the stored vector. With S = Σ g∘r and
// Q = Σ g∘u kept as scalars too, x̃_jᵀ(g∘r) = (x_jᵀ(g∘ρ) + o·q_j − m_j·S)/s_j, q_j = Σ g·u·x_j: an
// update costs the column's nonzeros, never n. settle() folds o into ρ where the whole vector is read.

import type { Standardized } from '../problem/standardize.js';
import type { HeapArray, Kernels } from '../wasm/kernels.js';
import type { IndexList } from './cd-loop.js';
import type { CoordinatePenalty } from './engine.js';

export interface ResidualWeights {
  /** Gradient weights (heap offset, 0: none) and the scale of the gradient. */
  gw: number;
  gscale: number;
  /** Update weights (heap offset, 0: none). */
  uw: number;
}

export class Residual {
  /** nSamples: the residual (dense), or ρ (sparse: the residual is ρ + o·u). */
  readonly r: HeapArray;
  /** Sparse: [o, S, Q] (heap, the kernel reads and writes it) and q_j per feature (heap). */
  private readonly state: HeapArray;
  private readonly q: HeapArray;
  private readonly kernels: Kernels;
  private readonly f64: Float64Array;

  /** Heap doubles one Residual takes. */
  static heapDoubles(nSamples: number, nFeatures: number): number {
    return nSamples + nFeatures + 12;
  }

  constructor(
    private readonly std: Standardized,
    private readonly n: number,
    private readonly weights: ResidualWeights,
  ) {
    this.r = std.heap.alloc(n);
    this.state = std.heap.alloc(3);
    this.state.data.fill(0);
    this.q = std.heap.alloc(std.usable.length);
    this.kernels = std.heap.kernels;
    this.f64 = new Float64Array(this.r.data.buffer);
  }

  /** Whether the residual carries a scalar shift (a sparse layout). */
  get shifted(): boolean {
    return this.std.design.sparse !== null;
  }

  /** Element i of a heap vector at ptr, or 1 when ptr = 0. */
  private weightAt(ptr: number, i: number): number {
    return ptr ? this.f64[ptr / 8 + i] : 1;
  }

  /** One coordinate-descent pass over the list with the kernels' elastic-net minimizer; returns max xv·Δ². */
  pass(list: IndexList, betaPtr: number, xvPtr: number, penalty: CoordinatePenalty): number {
    const { gw, gscale, uw } = this.weights;
    const { l1Ptr, l2Ptr, lowerPtr, upperPtr } = penalty;
    const sparse = this.std.design.sparse;
    if (!sparse) {
      return this.kernels.cd_pass_resid(
        this.std.XsPtr, this.n, list.ptr, list.count, betaPtr, xvPtr, l1Ptr, l2Ptr, lowerPtr, upperPtr, this.r.ptr, gw, gscale, uw,
      );
    }
    return this.kernels.cd_pass_sparse(
      sparse.colptr, sparse.rows, sparse.vals, list.ptr, list.count, betaPtr, xvPtr, l1Ptr, l2Ptr, lowerPtr, upperPtr, this.r.ptr,
      gw, gscale, uw, sparse.inv, sparse.center, this.q.ptr, this.state.ptr,
    );
  }

  /** gscale·x̃_jᵀ(g∘r). */
  gradient(j: number): number {
    const { gw, gscale } = this.weights;
    const sparse = this.std.design.sparse;
    if (!sparse) {
      const col = this.std.XsPtr + 8 * j * this.n;
      return gw ? this.kernels.dot3(col, gw, this.r.ptr, this.n) : gscale * this.kernels.dot(col, this.r.ptr, this.n);
    }
    const { colptr, rows, vals } = sparse;
    const [o, S] = this.state.data;
    const raw = gw ? this.kernels.sdot3(colptr, rows, vals, j, gw, this.r.ptr) : this.kernels.sdot(colptr, rows, vals, j, this.r.ptr);
    return gscale * sparse.invScale[j] * (raw + o * this.q.data[j] - sparse.centers[j] * S);
  }

  /** r −= delta·(u∘x̃_j). */
  move(j: number, delta: number): void {
    const { uw } = this.weights;
    const sparse = this.std.design.sparse;
    if (!sparse) {
      const col = this.std.XsPtr + 8 * j * this.n;
      if (uw) this.kernels.axpy3(-delta, col, uw, this.r.ptr, this.n);
      else this.kernels.axpy(-delta, col, this.r.ptr, this.n);
      return;
    }
    const da = delta * sparse.invScale[j];
    const m = sparse.centers[j];
    const state = this.state.data;
    this.kernels.saxpy(-da, sparse.colptr, sparse.rows, sparse.vals, j, uw, this.r.ptr);
    state[0] += da * m;
    state[1] -= da * (this.q.data[j] - m * state[2]);
  }

  /** r −= d·u (an intercept's move). */
  shift(d: number): void {
    if (this.shifted) {
      const state = this.state.data;
      state[0] -= d;
      state[1] -= d * state[2];
      return;
    }
    const r = this.r.data;
    const { uw } = this.weights;
    for (let i = 0; i < this.n; i++) r[i] -= d * this.weightAt(uw, i);
  }

  /** Σ_i g_i r_i. */
  total(): number {
    if (this.shifted) return this.state.data[1];
    const r = this.r.data;
    let s = 0;
    for (let i = 0; i < this.n; i++) s += this.weightAt(this.weights.gw, i) * r[i];
    return s;
  }

  /**
   * Folds the scalar shift into the vector, so that r holds the residual itself (a no-op when
   * dense), and takes S afresh from it (the passes' running S drifts by rounding).
   */
  settle(): void {
    if (!this.shifted) return;
    const state = this.state.data;
    const o = state[0];
    const r = this.r.data;
    const { gw, uw } = this.weights;
    let S = 0;
    for (let i = 0; i < this.n; i++) {
      if (o !== 0) r[i] += o * this.weightAt(uw, i);
      S += this.weightAt(gw, i) * r[i];
    }
    state[0] = 0;
    state[1] = S;
  }

  /** After the engine rewrote r (and u): no shift, and S, Q from the vectors. */
  restart(): void {
    if (!this.shifted) return;
    const { gw, uw } = this.weights;
    const r = this.r.data;
    let S = 0;
    let Q = 0;
    for (let i = 0; i < this.n; i++) {
      const g = this.weightAt(gw, i);
      S += g * r[i];
      Q += g * this.weightAt(uw, i);
    }
    this.state.data.set([0, S, Q]);
  }

  /**
   * Per listed feature, the curvature Σ_i w_i x̃_ij² into xv (w: heap offset) and, when sparse,
   * q_j = Σ g·u·x_j (g = 1 here: the IRLS model's gradient weights are in r): both from the model's
   * weights w = u. Call restart() first (Q = Σ w).
   */
  curvatures(list: IndexList, w: number, xv: HeapArray): void {
    const sparse = this.std.design.sparse;
    const { kernels } = this;
    if (!sparse) {
      for (let t = 0; t < list.count; t++) {
        const col = this.std.XsPtr + 8 * list.data[t] * this.n;
        xv.data[list.data[t]] = kernels.dot3(col, w, col, this.n);
      }
      return;
    }
    // Σ w(x − m)² over the column's rows, plus m² times the weight of the other rows (Q − Σ w there).
    const Q = this.state.data[2];
    kernels.sstats_many(sparse.colptr, sparse.rows, sparse.vals, list.ptr, list.count, w, sparse.center, sparse.inv, Q, xv.ptr, this.q.ptr);
  }

  /**
   * q_j = Σ g·x_j for every usable feature (u = 1: the squared loss's residual), once: with
   * gradient weights g = gw, or 1.
   */
  fixedWeightSums(): void {
    const sparse = this.std.design.sparse;
    if (!sparse) return;
    const { indptr, indices, values } = sparse;
    const { gw } = this.weights;
    const { usable } = this.std;
    for (let j = 0; j < usable.length; j++) {
      let s = 0;
      if (usable[j]) for (let k = indptr[j]; k < indptr[j + 1]; k++) s += this.weightAt(gw, indices[k]) * values[k];
      this.q.data[j] = s;
    }
  }
}
