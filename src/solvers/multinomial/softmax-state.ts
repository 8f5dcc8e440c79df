// The state of a multinomial fit on the standardized scale: per class c its coefficients β̃_·c,
// intercept b̃_c and predictors η_·c = b̃_c + X̃β̃_·c, and, per sample, the exponentials
// E_ic = e^{η_ic − m_i} and their sum S_i (m_i a per-sample shift, the largest η when refreshed).
// A class's move updates E and S for that class only (n exps, not n·C), so that the per-class
// passes of the ungrouped solver stay cheap with many classes; refresh() recomputes everything.

import type { Float64Heap, HeapArray } from '../../wasm/kernels.js';

/** Exponents past this after a shift are refreshed (e^500 is far from overflow, and from rounding trouble). */
const MAX_EXPONENT = 500;

export class SoftmaxState {
  /** nClasses × nFeatures β̃, class-major, in the heap (class c at betaPtr(c)). */
  readonly beta: HeapArray;
  readonly b0: Float64Array;
  /** nClasses × nSamples η, class-major, in the heap. */
  readonly eta: HeapArray;
  private readonly E: Float64Array;
  private readonly S: Float64Array;
  private readonly shift: Float64Array;

  /** Heap doubles the state takes. */
  static heapDoubles(nSamples: number, nFeatures: number, nClasses: number): number {
    return nClasses * (nSamples + nFeatures) + 8;
  }

  constructor(
    heap: Float64Heap,
    readonly nSamples: number,
    readonly nFeatures: number,
    readonly nClasses: number,
    /** nSamples class indices. */
    readonly classOf: Int32Array,
    /** nSamples weights w_i / n (summing to 1). */
    readonly wn: Float64Array,
    b0: Float64Array,
  ) {
    this.beta = heap.alloc(nClasses * nFeatures);
    this.beta.data.fill(0);
    this.b0 = Float64Array.from(b0);
    this.eta = heap.alloc(nClasses * nSamples);
    for (let c = 0; c < nClasses; c++) this.eta.data.fill(b0[c], c * nSamples, (c + 1) * nSamples);
    this.E = new Float64Array(nClasses * nSamples);
    this.S = new Float64Array(nSamples);
    this.shift = new Float64Array(nSamples);
    this.refresh();
  }

  betaPtr(c: number): number {
    return this.beta.ptr + 8 * c * this.nFeatures;
  }

  etaPtr(c: number): number {
    return this.eta.ptr + 8 * c * this.nSamples;
  }

  /** β̃_jc. */
  coef(j: number, c: number): number {
    return this.beta.data[c * this.nFeatures + j];
  }

  /** Recomputes the shifts, E and S from η; returns the mean loss. */
  refresh(): number {
    const { nSamples: n, nClasses: C, E, S, shift } = this;
    const eta = this.eta.data;
    for (let i = 0; i < n; i++) {
      let m = -Infinity;
      for (let c = 0; c < C; c++) m = Math.max(m, eta[c * n + i]);
      shift[i] = m;
      let s = 0;
      for (let c = 0; c < C; c++) s += E[c * n + i] = Math.exp(eta[c * n + i] - m);
      S[i] = s;
    }
    return this.loss();
  }

  /** Σ_i wn_i (m_i + log S_i − η_i,y_i): the mean loss at the current η. */
  loss(): number {
    const { nSamples: n, S, shift, classOf, wn } = this;
    const eta = this.eta.data;
    let total = 0;
    for (let i = 0; i < n; i++) if (wn[i] !== 0) total += wn[i] * (shift[i] + Math.log(S[i]) - eta[classOf[i] * n + i]);
    return total;
  }

  /** The probability p_ic. */
  prob(c: number, i: number): number {
    return this.E[c * this.nSamples + i] / this.S[i];
  }

  /**
   * η_ic += v_i for every class (v: nSamples, at a heap offset): the probabilities do not change,
   * and neither do E and S (the shift takes v).
   */
  shiftAll(v: Float64Array): void {
    const { nSamples: n, nClasses: C, shift } = this;
    const eta = this.eta.data;
    for (let c = 0; c < C; c++) for (let i = 0; i < n; i++) eta[c * n + i] += v[i];
    for (let i = 0; i < n; i++) shift[i] += v[i];
  }

  /** After class c's predictors η_·c moved (in place): E and S follow. */
  classMoved(c: number): void {
    const { nSamples: n, E, S, shift } = this;
    const eta = this.eta.data;
    const at = c * n;
    let far = false;
    for (let i = 0; i < n; i++) {
      const x = eta[at + i] - shift[i];
      if (x > MAX_EXPONENT) far = true;
      const e = Math.exp(x);
      S[i] += e - E[at + i];
      E[at + i] = e;
    }
    // A class whose exponentials outgrew the rest: start afresh.
    if (far) this.refresh();
  }
}
