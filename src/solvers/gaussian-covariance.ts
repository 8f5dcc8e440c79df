// Squared loss by covariance updates (glmnet's type.gaussian = "covariance"): the gradient
// g_j = c_j − Σ_k G_jk β̃_k is kept per feature, and a Gram column G[:, k] is formed once, when
// β̃_k first moves. Each update then costs O(p), independent of n: the method for n ≫ p.
// During active-set passes only the active gradients are updated; the others catch up once
// at the end of the run (glmnet's trick), so those passes cost O(|active|) per update.

import type { HeapArray, Kernels } from '../cpu/kernels.js';
import { coordinateMinimizer } from '../penalties/elastic-net.js';
import type { Standardized } from '../problem/standardize.js';
import { type ActiveSet, type CoordinateSweep, coordinateDescent, newActiveSet } from './cd-loop.js';
import type { CoordinateEngine, CoordinatePenalty, SolveReport } from './engine.js';

export class GaussianCovarianceEngine implements CoordinateEngine {
  readonly beta: Float64Array;
  /** nFeatures gradients g_j, in the heap (updated by SIMD axpy over Gram columns). */
  private readonly gHeap: HeapArray;
  private readonly g: Float64Array;
  /** nFeatures × nFeatures storage for Gram columns, filled in order of entry; slot[k] = -1 until formed. */
  private readonly gramStore: HeapArray;
  private readonly slot: Int32Array;
  private nSlots = 0;
  private readonly active: ActiveSet;
  private readonly kernels: Kernels;
  /** nSamples scratch (weighted column) and four dot4 outputs, in the heap. */
  private readonly scratch: HeapArray;
  private readonly four: HeapArray;
  /** β̃ and g of the active set at the start of a run of active-set passes. */
  private readonly betaAtActive: Float64Array;
  private readonly gActive: Float64Array;
  private readonly todo: Int32Array;

  /** Heap doubles this engine allocates: the Gram matrix, g, and an nSamples scratch vector. */
  static heapDoubles(nSamples: number, nFeatures: number): number {
    return nFeatures * nFeatures + nFeatures + nSamples + 16;
  }

  /**
   * @param yc  nSamples responses, centered when there is an intercept (float64)
   * @param yy  Σ (w_i/n) yc_i²
   */
  constructor(
    private readonly std: Standardized,
    private readonly nSamples: number,
    yc: Float64Array,
    private readonly yy: number,
    private readonly thr: number,
  ) {
    const p = std.xv.length;
    const n = nSamples;
    const heap = std.heap;
    this.beta = new Float64Array(p);
    this.betaAtActive = new Float64Array(p);
    this.gActive = new Float64Array(p);
    this.gramStore = heap.alloc(p * p);
    this.gHeap = heap.alloc(p);
    this.g = this.gHeap.data;
    this.slot = new Int32Array(p).fill(-1);
    this.todo = new Int32Array(p);
    this.active = newActiveSet(p);
    this.kernels = heap.kernels;
    this.scratch = heap.alloc(n);
    this.four = heap.alloc(4);
    const wy = this.scratch.data;
    for (let i = 0; i < n; i++) wy[i] = std.wn[i] * yc[i];
    for (let j = 0; j < p; j++) {
      if (std.usable[j]) this.g[j] = this.kernels.dot(std.XsPtr + 8 * j * n, this.scratch.ptr, n);
    }
  }

  intercept(): number {
    return 0;
  }

  /** Byte offset of Gram column k (formed on first use). */
  private gramPtr(k: number): number {
    if (this.slot[k] < 0) this.formGramColumn(k);
    return this.gramStore.ptr + 8 * this.slot[k] * this.g.length;
  }

  private gramColumn(k: number): Float64Array {
    if (this.slot[k] < 0) this.formGramColumn(k);
    const p = this.g.length;
    return this.gramStore.data.subarray(this.slot[k] * p, (this.slot[k] + 1) * p);
  }

  /** Gram column k: entries of earlier columns by symmetry, the rest four dot products at a time. */
  private formGramColumn(k: number): void {
    const { Xs, XsPtr, wn, usable, uniformWeights } = this.std;
    const n = this.nSamples;
    const p = usable.length;
    const store = this.gramStore.data;
    const base = this.nSlots * p;
    this.slot[k] = this.nSlots++;
    // Column k, times the weights unless they are all equal (then one scale factor).
    let kPtr = XsPtr + 8 * k * n;
    let scale = 1;
    if (uniformWeights) scale = wn[0];
    else {
      const wx = this.scratch.data;
      const off = k * n;
      for (let i = 0; i < n; i++) wx[i] = wn[i] * Xs[off + i];
      kPtr = this.scratch.ptr;
    }
    const todo = this.todo;
    let nTodo = 0;
    for (let j = 0; j < p; j++) {
      if (!usable[j]) continue;
      if (this.slot[j] >= 0 && j !== k) store[base + j] = store[this.slot[j] * p + k];
      else todo[nTodo++] = j;
    }
    const { kernels, four } = this;
    const stride = 8 * n;
    let t = 0;
    for (; t + 3 < nTodo; t += 4) {
      kernels.dot4(
        XsPtr + stride * todo[t], XsPtr + stride * todo[t + 1], XsPtr + stride * todo[t + 2],
        XsPtr + stride * todo[t + 3], kPtr, n, four.ptr,
      );
      for (let u = 0; u < 4; u++) store[base + todo[t + u]] = scale * four.data[u];
    }
    for (; t < nTodo; t++) store[base + todo[t]] = scale * kernels.dot(XsPtr + stride * todo[t], kPtr, n);
  }

  solve(strong: Int32Array, nStrong: number, penalty: CoordinatePenalty, maxPasses: number): SolveReport {
    const { beta, g, active, betaAtActive, gActive, kernels } = this;
    const { xv } = this.std;
    const { l1, l2, lower, upper } = penalty;
    const p = g.length;
    const gPtr = this.gHeap.ptr;
    const store = this.gramStore.data;
    const sweep: CoordinateSweep = {
      step: (j, full) => {
        const old = beta[j];
        const b = coordinateMinimizer(g[j] + xv[j] * old, xv[j], l1[j], l2[j], lower[j], upper[j]);
        const delta = b - old;
        if (delta === 0) return 0;
        beta[j] = b;
        const colPtr = this.gramPtr(j);
        if (full) kernels.axpy(-delta, colPtr, gPtr, p);
        else {
          const base = this.slot[j] * p;
          const list = active.list;
          for (let s = 0; s < list.length; s++) g[list[s]] -= store[base + list[s]] * delta;
        }
        return xv[j] * delta * delta;
      },
      beginActive: () => {
        for (const k of active.list) betaAtActive[k] = beta[k];
      },
      // The inactive gradients catch up with the active run's net change; the active ones are
      // already current, so they are kept aside and put back.
      endActive: () => {
        const list = active.list;
        for (const k of list) gActive[k] = g[k];
        for (const k of list) {
          const delta = beta[k] - betaAtActive[k];
          if (delta !== 0) kernels.axpy(-delta, this.gramPtr(k), gPtr, p);
        }
        for (const k of list) g[k] = gActive[k];
      },
    };
    const passes = coordinateDescent(strong, nStrong, beta, active, sweep, this.thr, maxPasses);
    return { passes: Math.abs(passes), converged: passes > 0 };
  }

  prepareGradients(): void {}

  gradient(j: number): number {
    return this.g[j];
  }

  gradients(features: Int32Array, count: number, out: Float64Array): void {
    for (let t = 0; t < count; t++) out[t] = this.g[features[t]];
  }

  /** ½ Σ (w_i/n) r_i² = ½ (yᵀWy − 2gᵀβ̃ − β̃ᵀGβ̃), from c = g + Gβ̃: no pass over the data. */
  lossValue(): number {
    const { beta, g } = this;
    const list = this.active.list;
    let s = this.yy;
    for (const k of list) {
      if (beta[k] === 0) continue;
      const column = this.gramColumn(k);
      let gb = 0;
      for (const m of list) gb += column[m] * beta[m];
      s -= beta[k] * (2 * g[k] + gb);
    }
    return 0.5 * Math.max(s, 0);
  }
}
