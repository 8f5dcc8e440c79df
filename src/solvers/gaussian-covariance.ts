// Squared loss by covariance updates (glmnet's type.gaussian = "covariance"): the gradient
// g_j = c_j − Σ_k G_jk β̃_k is kept per feature, and a Gram column G[:, k] is formed once, when
// β̃_k first moves. Each update then costs O(p), independent of n: the method for n ≫ p.
// During active-set passes only the active gradients are updated; the others catch up once
// at the end of the run (glmnet's trick), so those passes cost O(|active|) per update.

import type { HeapArray, Kernels } from '../wasm/kernels.js';
import type { Standardized } from '../problem/standardize.js';
import { type CoordinateSweep, coordinateDescent, IndexList, indexListDoubles, type ValleyState } from './cd-loop.js';
import type { Pacer } from './pacer.js';
import type { CoordinateEngine, CoordinatePenalty, FeatureList, SolveReport } from './engine.js';
import { faceNewton } from './face-newton.js';
import { gramFaceModel } from './face-models.js';

/** Above this size of X (bytes) Gram columns are formed four at a time. */
const BATCH_MIN_BYTES = 8 * 2 ** 20;

/** Scratch doubles: one column for X̃ᵀWy, four weighted columns for a Gram batch. */
function scratchDoubles(std: Standardized, nSamples: number): number {
  return std.uniformWeights ? nSamples : 4 * nSamples;
}

export class GaussianCovarianceEngine implements CoordinateEngine {
  readonly beta: Float64Array;
  private readonly betaPtr: number;
  /** nFeatures gradients g_j, in the heap (updated by SIMD axpy over Gram columns). */
  private readonly gHeap: HeapArray;
  private readonly g: Float64Array;
  /** c = X̃ᵀWyc (g at β̃ = 0), kept for the loss: (Gβ̃)_k = c_k − g_k. */
  private readonly c: Float64Array;
  /** nFeatures × nFeatures storage for Gram columns, filled in order of entry; slot[k] = -1 until formed. */
  private readonly gramStore: HeapArray;
  private readonly slot: { data: Int32Array; ptr: number };
  private nSlots = 0;
  private readonly active: IndexList;
  private readonly kernels: Kernels;
  /** Scratch for weighted columns (one, or four for a Gram batch) and four dot4 outputs, in the heap. */
  private readonly scratch: HeapArray;
  private readonly four: HeapArray;
  /** β̃ and g of the active set at the start of a run of active-set passes. */
  private readonly betaAtActive: Float64Array;
  private readonly gActive: Float64Array;
  /** The strong set of the current solve: the features likely to need Gram columns next. */
  private candidates: { data: Int32Array; count: number } | null = null;

  /** Heap doubles this engine allocates: the Gram matrix, g, lists and the scratch columns. */
  static heapDoubles(nSamples: number, nFeatures: number): number {
    return nFeatures * nFeatures + 2 * (nFeatures + 2) + 4 * nSamples + 16 + 2 * indexListDoubles(nFeatures);
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
    /** Whether the passes have been seen crawling along a valley, and whether to confirm there (cd-loop.ts). */
    private readonly valley: ValleyState = { seen: false, confirm: true },
  ) {
    const p = std.xv.length;
    const n = nSamples;
    const heap = std.heap;
    ({ data: this.beta, ptr: this.betaPtr } = heap.alloc(p));
    this.beta.fill(0);
    this.betaAtActive = new Float64Array(p);
    this.gActive = new Float64Array(p);
    this.gramStore = heap.alloc(p * p);
    this.gHeap = heap.alloc(p);
    this.g = this.gHeap.data;
    this.slot = heap.allocInt32(p);
    this.slot.data.fill(-1);
    heap.formGram = (k) => this.formGramColumn(k);
    this.active = new IndexList(heap, p);
    this.kernels = heap.kernels;
    this.scratch = heap.alloc(scratchDoubles(std, n));
    this.four = heap.alloc(4);
    this.g.fill(0); // heap memory starts with arbitrary contents; unusable features stay 0
    const wy = this.scratch.data;
    for (let i = 0; i < n; i++) wy[i] = std.wn[i] * yc[i];
    const sumWy = std.design.vectorSum(this.scratch.ptr);
    for (let j = 0; j < p; j++) {
      if (std.usable[j]) this.g[j] = std.design.dot(j, this.scratch.ptr, sumWy);
    }
    this.c = this.g.slice();
  }

  get everActive(): IndexList {
    return this.active;
  }

  intercept(): number {
    return 0;
  }

  /** Continues a path from coefficients another engine found (this engine still at β̃ = 0). */
  warmStart(beta: Float64Array): void {
    this.moveTo(beta);
  }

  /**
   * Moves to β̃: g = c − Gβ̃ is updated by the Gram columns of the coefficients that change
   * (formed four at a time when X is large, the changed ones being the candidates).
   */
  moveTo(beta: Float64Array): void {
    const changed = new Int32Array(beta.length);
    let count = 0;
    for (let j = 0; j < beta.length; j++) if (beta[j] !== this.beta[j]) changed[count++] = j;
    this.candidates = { data: changed, count };
    const p = this.g.length;
    for (let t = 0; t < count; t++) {
      const j = changed[t];
      this.kernels.axpy(-(beta[j] - this.beta[j]), this.gramPtr(j), this.gHeap.ptr, p);
      this.beta[j] = beta[j];
      if (beta[j] !== 0 && !this.active.flag[j]) this.active.add(j);
    }
  }

  /** Byte offset of Gram column k (formed on first use). */
  private gramPtr(k: number): number {
    if (this.slot.data[k] < 0) this.formGramColumn(k);
    return this.gramStore.ptr + 8 * this.slot.data[k] * this.g.length;
  }

  private gramColumn(k: number): Float64Array {
    const slot = this.slot.data;
    if (slot[k] < 0) this.formGramColumn(k);
    const p = this.g.length;
    return this.gramStore.data.subarray(slot[k] * p, (slot[k] + 1) * p);
  }

  /**
   * Gram column k, with up to three more columns of strong features that have none yet when X
   * is too large for the caches: one sweep over X then serves four columns, so a column costs a
   * quarter of the memory traffic (the strong set predicts well which features will enter).
   * Entries of earlier columns come by symmetry; the rest are four dot products at a time.
   */
  private formGramColumn(k: number): void {
    const { Xs, XsPtr, wn, usable, uniformWeights, design } = this.std;
    const n = this.nSamples;
    const p = usable.length;
    const store = this.gramStore.data;
    const slot = this.slot.data;
    const batch = [k];
    // Dense X: batches of four columns share the sweeps over X; sparse columns are formed alone.
    if (n * p * 8 > BATCH_MIN_BYTES && this.candidates && !design.sparse) {
      const list = this.candidates.data;
      for (let t = 0; t < this.candidates.count && batch.length < 4; t++) {
        const j = list[t];
        if (j !== k && slot[j] < 0 && usable[j]) batch.push(j);
      }
    }
    // The batch's columns, times the weights unless they are all equal (then one scale factor).
    const ptrs = design.sparse ? [] : batch.map((c, u) => {
      if (uniformWeights) return XsPtr + 8 * c * n;
      const wx = this.scratch.data.subarray(u * n, (u + 1) * n);
      for (let i = 0; i < n; i++) wx[i] = wn[i] * Xs[c * n + i];
      return this.scratch.ptr + 8 * u * n;
    });
    const scale = uniformWeights ? wn[0] : 1;
    const bases = batch.map((c) => {
      slot[c] = this.nSlots++;
      return slot[c] * p;
    });
    const inBatch = new Set(batch);
    const { kernels, four } = this;
    // Features whose entries must be computed (the others come by symmetry).
    const todo: number[] = [];
    for (let m = 0; m < p; m++) {
      if (!usable[m]) {
        for (let u = 0; u < batch.length; u++) store[bases[u] + m] = 0;
        continue;
      }
      if (slot[m] >= 0 && !inBatch.has(m)) {
        const other = slot[m] * p;
        for (let u = 0; u < batch.length; u++) store[bases[u] + m] = store[other + batch[u]];
      } else todo.push(m);
    }
    if (design.sparse) return this.sparseGramEntries(k, bases[0], todo);
    if (batch.length === 4) {
      // Four columns against each x_m: X is read once for the whole batch.
      for (const m of todo) {
        kernels.dot4(ptrs[0], ptrs[1], ptrs[2], ptrs[3], XsPtr + 8 * m * n, n, four.ptr);
        for (let u = 0; u < 4; u++) store[bases[u] + m] = scale * four.data[u];
      }
      return;
    }
    // One column at a time, against four x_m per call.
    for (let u = 0; u < batch.length; u++) {
      let t = 0;
      for (; t + 3 < todo.length; t += 4) {
        const [m0, m1, m2, m3] = [todo[t], todo[t + 1], todo[t + 2], todo[t + 3]];
        kernels.dot4(XsPtr + 8 * m0 * n, XsPtr + 8 * m1 * n, XsPtr + 8 * m2 * n, XsPtr + 8 * m3 * n, ptrs[u], n, four.ptr);
        store[bases[u] + m0] = scale * four.data[0];
        store[bases[u] + m1] = scale * four.data[1];
        store[bases[u] + m2] = scale * four.data[2];
        store[bases[u] + m3] = scale * four.data[3];
      }
      for (; t < todo.length; t++) store[bases[u] + todo[t]] = scale * kernels.dot(XsPtr + 8 * todo[t] * n, ptrs[u], n);
    }
  }

  /**
   * Gram column k of a sparse design, entries `todo`: (w/n)∘x̃_k made dense once (O(n)), then one
   * sparse product per entry (O(its column's nonzeros)), the centring folded in (design.dot).
   */
  private sparseGramEntries(k: number, base: number, todo: number[]): void {
    const { design, wnPtr, wn, uniformWeights } = this.std;
    const n = this.nSamples;
    const column = this.scratch.data.subarray(0, n);
    design.column(k, uniformWeights ? 0 : wnPtr, column);
    const scale = uniformWeights ? wn[0] : 1;
    const sum = design.vectorSum(this.scratch.ptr);
    const store = this.gramStore.data;
    for (const m of todo) store[base + m] = scale * design.dot(m, this.scratch.ptr, sum);
  }

  async solve(strong: IndexList, penalty: CoordinatePenalty, maxPasses: number, pacer: Pacer): Promise<SolveReport> {
    const { beta, g, active, betaAtActive, gActive, kernels } = this;
    const p = g.length;
    const gPtr = this.gHeap.ptr;
    /** Between beginActive and endActive only the active gradients are kept current. */
    let inActiveRun = false;
    const sweep: CoordinateSweep = {
      activeFirst: true,
      pass: (list, full) =>
        kernels.cd_pass_gram(
          list.ptr, list.count, this.betaPtr, this.std.xvPtr, penalty.l1Ptr, penalty.l2Ptr, penalty.lowerPtr,
          penalty.upperPtr, gPtr, this.gramStore.ptr, this.slot.ptr, p, full ? 1 : 0, active.ptr, active.count,
        ),
      beginActive: () => {
        inActiveRun = true;
        for (let a = 0; a < active.count; a++) betaAtActive[active.data[a]] = beta[active.data[a]];
      },
      // The inactive gradients catch up with the active run's net change; the active ones are
      // already current, so they are kept aside and put back.
      endActive: () => {
        const list = active.data;
        for (let a = 0; a < active.count; a++) gActive[list[a]] = g[list[a]];
        for (let a = 0; a < active.count; a++) {
          const k = list[a];
          const delta = beta[k] - betaAtActive[k];
          if (delta !== 0) kernels.axpy(-delta, this.gramPtr(k), gPtr, p);
        }
        for (let a = 0; a < active.count; a++) g[list[a]] = gActive[list[a]];
        inActiveRun = false;
      },
    };
    if (penalty.spec.traits.kernelMinimizer) {
      const model = gramFaceModel(beta, g, this.std.xv, (k) => this.gramColumn(k), () => (inActiveRun ? active : null));
      sweep.faceStep = (maxSteps: number) => faceNewton(model, active, beta, penalty, maxSteps);
    }
    this.candidates = strong;
    const passes = await coordinateDescent(strong, beta, active, sweep, this.thr, maxPasses, pacer, this.valley);
    return { passes: Math.abs(passes), converged: passes > 0 };
  }

  prepareGradients(): void {}


  gradients(features: FeatureList, out: HeapArray): void {
    for (let t = 0; t < features.count; t++) out.data[features.data[t]] = this.g[features.data[t]];
  }

  /**
   * ½ Σ (w_i/n) r_i² = ½ (yᵀWy − 2cᵀβ̃ + β̃ᵀGβ̃) = ½ (yᵀWy − Σ_k β̃_k (g_k + c_k)), as Gβ̃ = c − g:
   * one pass over the active set, none over the data or the Gram matrix.
   */
  lossValue(): number {
    const { beta, g, c } = this;
    const list = this.active.data.subarray(0, this.active.count);
    let s = this.yy;
    for (const k of list) if (beta[k] !== 0) s -= beta[k] * (g[k] + c[k]);
    return 0.5 * Math.max(s, 0);
  }
}
