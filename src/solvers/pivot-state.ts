// The state the simplex (simplex.ts) carries from pivot to pivot, updated rather than recomputed:
// the residuals (O(n) per pivot instead of the O(n·p) predictor), the samples' sides and slopes,
// the gradients of the samples off their kink h_j = Σ_{i∉E} wn_i x̃_ij u_i (O(p) per sample that
// changes side, instead of O(n·p)), and the inverse of the basis (basis-inverse.ts). Rounding
// accumulates in the updates, so `refresh` recomputes everything from the coefficients every
// few pivots, and the result is certified from scratch.

import { BasisInverse } from './basis-inverse.js';
import { Breakpoints } from './edge-search.js';
import type { FinishData, FinishPenalty } from './piecewise-linear-finish.js';
import { linearPredictor } from './predictor.js';

/** nSamples × nFeatures row-major copies of the column-major Xs, made once per matrix. */
const rowMajorCopies = new WeakMap<Float64Array, Float64Array>();

/** The nSamples × nFeatures row-major copy of Xs (column-major), made once per matrix. */
export function rowMajor(Xs: Float64Array, n: number, p: number): Float64Array {
  let Xr = rowMajorCopies.get(Xs);
  if (!Xr) {
    Xr = new Float64Array(n * p);
    for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) Xr[i * p + j] = Xs[j * n + i];
    rowMajorCopies.set(Xs, Xr);
  }
  return Xr;
}

export class PivotState {
  readonly n: number;
  readonly p: number;
  readonly off: number;
  /** nSamples × nFeatures row-major (rows of samples, for the O(p) updates of h). */
  readonly Xr: Float64Array;
  /** nSamples residuals y − η; exactly 0 on E. */
  readonly r: Float64Array;
  /** nSamples: 0 on E, else +1 (slope above) or −1 (below). */
  readonly side: Int8Array;
  /** nSamples dual slopes: the side's off E, u_i on E (after `dualSlopes`). */
  readonly slope: Float64Array;
  /** nFeatures Σ_{i∉E} wn_i x̃_ij u_i, and hIntercept = Σ_{i∉E} wn_i u_i. */
  readonly h: Float64Array;
  hIntercept = 0;
  /** Kink samples, in the order of the basis' rows; rowOf[i] their position, −1 off E. */
  readonly E: number[] = [];
  readonly rowOf: Int32Array;
  /** Active features, in the order of the basis' columns (after the intercept's). */
  readonly active: number[] = [];
  readonly inA: Uint8Array;
  /** nFeatures: the sign of each active coefficient (a feature entering at 0 takes its direction's). */
  readonly sign: Int8Array;
  readonly basis = new BasisInverse();
  /** Pivots since the last `refresh`: rounding accumulates with them. */
  updates = 0;
  /** The line search's buffers, kept between pivots. */
  readonly breakpoints: Breakpoints;
  /** nSamples: the edge's residual rates when Xs is not in the kernels' heap. */
  rateBuffer: Float64Array | null = null;

  constructor(
    readonly d: FinishData,
    strong: ArrayLike<number>,
    penalty: FinishPenalty,
    readonly beta: Float64Array,
    public b0: number,
    elbow: Uint8Array,
  ) {
    this.n = d.nSamples;
    this.p = beta.length;
    this.off = d.intercept ? 1 : 0;
    this.Xr = rowMajor(d.Xs, this.n, this.p);
    this.r = new Float64Array(this.n);
    this.side = new Int8Array(this.n);
    this.slope = new Float64Array(this.n);
    this.h = new Float64Array(this.p);
    this.rowOf = new Int32Array(this.n).fill(-1);
    this.breakpoints = new Breakpoints(this.n);
    for (let i = 0; i < this.n; i++) {
      if (!elbow[i]) continue;
      this.rowOf[i] = this.E.length;
      this.E.push(i);
    }
    this.inA = new Uint8Array(this.p);
    this.sign = new Int8Array(this.p);
    for (let t = 0; t < strong.length; t++) {
      const j = strong[t];
      if (beta[j] !== 0 && beta[j] < penalty.upper[j] && beta[j] > penalty.lower[j]) {
        this.active.push(j);
        this.inA[j] = 1;
        this.sign[j] = Math.sign(beta[j]);
      }
    }
  }

  /**
   * Whether this state (the optimum of the previous λ, left as the simplex ended there) is
   * `start`: the same coefficients and kink samples, its active features in the strong set.
   * Vertices do not depend on λ, so it is a vertex of the next λ's problem as it stands.
   */
  continues(strong: ArrayLike<number>, start: { beta: Float64Array; b0: number; elbow: Uint8Array }): boolean {
    if (this.off && start.b0 !== this.b0) return false;
    for (let j = 0; j < this.p; j++) if (start.beta[j] !== this.beta[j]) return false;
    for (let i = 0; i < this.n; i++) if ((start.elbow[i] !== 0) !== (this.rowOf[i] >= 0)) return false;
    const inStrong = new Uint8Array(this.p);
    for (let t = 0; t < strong.length; t++) inStrong[strong[t]] = 1;
    return this.active.every((j) => inStrong[j] === 1);
  }

  get m(): number {
    return this.active.length + this.off;
  }

  /** Residuals, sides, h and the basis' inverse from the coefficients; false when singular. */
  refresh(): boolean {
    const { d, n, r, side, slope, h } = this;
    this.updates = 0;
    const eta = linearPredictor(d.Xs, n, this.beta, this.b0, new Float64Array(n));
    for (let i = 0; i < n; i++) {
      const onKink = this.rowOf[i] >= 0;
      r[i] = onKink ? 0 : d.y[i] - eta[i];
      side[i] = onKink ? 0 : r[i] >= 0 ? 1 : -1;
      if (!onKink) slope[i] = side[i] > 0 ? d.above : d.below;
    }
    // The weighted slopes off E, then h = X̃ᵀ(wn∘u) as plain dot products.
    const weighted = new Float64Array(n);
    let hi = 0;
    for (let i = 0; i < n; i++) {
      if (side[i] !== 0) weighted[i] = d.wn[i] * slope[i];
      hi += weighted[i];
    }
    this.hIntercept = hi;
    for (let j = 0; j < this.p; j++) {
      const col = j * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += d.Xs[col + i] * weighted[i];
      h[j] = s;
    }
    const m = this.m;
    const M = new Float64Array(m * m);
    for (let a = 0; a < m; a++) M.set(this.basisRow(this.E[a]).subarray(0, m), a * m);
    return this.basis.factor(M, m);
  }

  /** Sample i's row of the basis (the intercept's 1, its active features), with room for one more. */
  basisRow(i: number, extra?: number): Float64Array {
    const { off, p } = this;
    const row = new Float64Array(this.m + 1);
    if (off) row[0] = 1;
    const base = i * p;
    for (let k = 0; k < this.active.length; k++) row[off + k] = this.Xr[base + this.active[k]];
    if (extra !== undefined) row[this.m] = this.Xr[base + extra];
    return row;
  }

  /** Feature j's column of the basis: x̃_ij over E's rows. */
  basisColumn(j: number): Float64Array {
    const col = new Float64Array(this.E.length);
    for (let a = 0; a < this.E.length; a++) col[a] = this.Xr[this.E[a] * this.p + j];
    return col;
  }

  /** Sample i's side becomes `next` (0: joins E): h follows its slope's change. */
  setSide(i: number, next: number): void {
    const { d, p, Xr, h } = this;
    const before = this.side[i] === 0 ? 0 : this.side[i] > 0 ? d.above : d.below;
    const after = next === 0 ? 0 : next > 0 ? d.above : d.below;
    this.side[i] = next;
    if (next !== 0) this.slope[i] = after;
    const delta = d.wn[i] * (after - before);
    if (delta === 0) return;
    this.hIntercept += delta;
    const base = i * p;
    for (let j = 0; j < p; j++) h[j] += delta * Xr[base + j];
  }

  /**
   * The kink samples' slopes from the stationarity of the basis' unknowns,
   * Σ_{a} wn_a M_ak u_a = l1_k s_k − h_k (the intercept's: −h), i.e. wn∘u_E = B^T rhs; then the
   * gradients g_j = h_j + Σ_a wn_a x̃_aj u_a over the strong set's features outside A (the pricing
   * reads only those: an active feature's gradient is its penalty's by construction, and the
   * certificate recomputes every gradient from scratch).
   */
  dualSlopes(strong: ArrayLike<number>, penalty: FinishPenalty, g: Float64Array): void {
    const { off, E, h, p, Xr, slope, inA } = this;
    const m = this.m;
    const rhs = new Float64Array(m);
    if (off) rhs[0] = -this.hIntercept;
    for (let k = 0; k < this.active.length; k++) {
      const j = this.active[k];
      rhs[off + k] = penalty.l1[j] * this.sign[j] - h[j];
    }
    const weighted = this.basis.solveTransposed(rhs, new Float64Array(m));
    const priced = new Int32Array(strong.length);
    let count = 0;
    for (let t = 0; t < strong.length; t++) {
      const j = strong[t];
      g[j] = h[j];
      if (!inA[j]) priced[count++] = j;
    }
    for (let a = 0; a < E.length; a++) {
      const i = E[a];
      const w = weighted[a];
      slope[i] = w / this.d.wn[i];
      if (w === 0) continue;
      const base = i * p;
      for (let t = 0; t < count; t++) g[priced[t]] += w * Xr[base + priced[t]];
    }
  }
}
