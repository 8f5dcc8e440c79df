// The state the active-set method (active-set.ts) carries from step to step and from λ to λ,
// updated rather than recomputed, as the simplex's is (pivot-state.ts): the residuals (O(n) per
// step instead of the O(n·p) predictor), the samples' sides and slopes, the off-kink gradients
// h_j = Σ_{i∉E} wn_i x̃_ij u_i (O(p) per sample that changes side instead of O(n·p)), the active
// coefficients' signs, and the structure system's inverse (structure-inverse.ts, O(size²) per
// change of structure instead of O(size³)). Rounding accumulates in the updates, so `refresh`
// recomputes residuals, sides and h from the coefficients every few steps, and the optimum is
// checked from scratch before it is certified.

import { Breakpoints } from './edge-search.js';
import type { FinishData, FinishPenalty } from './piecewise-linear-finish.js';
import { rowMajor } from './pivot-state.js';
import { linearPredictor } from './predictor.js';
import type { Vertex } from './simplex.js';
import { featureCode, featureOf, INTERCEPT, StructureInverse } from './structure-inverse.js';

export class ActiveSetState {
  readonly n: number;
  readonly p: number;
  readonly off: number;
  /** nSamples × nFeatures row-major (rows of samples, for the O(p) updates of h). */
  readonly Xr: Float64Array;
  /** nFeatures coefficients (0 outside the strong set) and the intercept. */
  readonly beta: Float64Array;
  b0: number;
  /** nSamples residuals y − η, updated along the steps. */
  readonly r: Float64Array;
  /** nSamples: 0 on E, else +1 (slope above) or −1 (below). */
  readonly side: Int8Array;
  /** nSamples: the last side off E (a sample leaving E as redundant takes it back). */
  readonly lastSide: Int8Array;
  /** nSamples dual slopes: the side's off E, u_i on E (after a solve). */
  readonly slope: Float64Array;
  /** nFeatures Σ_{i∉E} wn_i x̃_ij u_i, and hIntercept = Σ_{i∉E} wn_i u_i. */
  readonly h: Float64Array;
  hIntercept = 0;
  /** nFeatures flags of the active features, and their signs (one entering at 0 takes its direction's). */
  readonly inA: Uint8Array;
  readonly sign: Int8Array;
  /** The structure's members (kink samples, intercept, active features) and its system's inverse. */
  readonly system: StructureInverse;
  /** The line search's buffers. */
  readonly breakpoints: Breakpoints;
  /** Steps since the last `refresh`: rounding accumulates with them. */
  steps = 0;
  /** The sample that joined E last (a breakpoint or a tie pushed the wrong way). */
  lastJoined = -1;
  /** nSamples: the residual rates when Xs is not in the kernels' heap. */
  readonly rateBuffer: Float64Array;
  /** nFeatures: the gradients of a pricing. */
  readonly gradient: Float64Array;
  /** The structure system's right-hand side (grown as needed). */
  private rhsBuffer = new Float64Array(0);
  /** Whether ties are broken pseudo-randomly (while the method cycles), else by the lowest index. */
  randomTies = false;
  /** The state of the pseudo-random choices (a fixed seed: results are reproducible). */
  private seed = 0x2545f491;

  /**
   * The state of `start` over the strong set: flagged samples within the residual tolerance of
   * their kink form E (all flagged ones with `trustElbow`), features strictly inside their bounds
   * and off 0 form A.
   */
  constructor(
    readonly d: FinishData,
    strong: ArrayLike<number>,
    penalty: FinishPenalty,
    start: Vertex,
    trustElbow: boolean,
  ) {
    const n = (this.n = d.nSamples);
    const p = (this.p = start.beta.length);
    this.off = d.intercept ? 1 : 0;
    this.Xr = rowMajor(d.Xs, n, p);
    this.beta = start.beta.slice();
    this.b0 = d.intercept ? start.b0 : 0;
    this.r = new Float64Array(n);
    this.side = new Int8Array(n);
    this.lastSide = new Int8Array(n);
    this.slope = new Float64Array(n);
    this.h = new Float64Array(p);
    this.inA = new Uint8Array(p);
    this.sign = new Int8Array(p);
    this.system = new StructureInverse(n, p, this.Xr);
    this.breakpoints = new Breakpoints(n);
    this.rateBuffer = new Float64Array(n);
    this.gradient = new Float64Array(p);
    if (this.off) this.system.add(INTERCEPT, penalty.l2);
    for (let t = 0; t < strong.length; t++) {
      const j = strong[t];
      const b = this.beta[j];
      this.sign[j] = Math.sign(b);
      if (b !== 0 && b < penalty.upper[j] && b > penalty.lower[j]) this.enterA(j, this.sign[j], penalty.l2);
    }
    const eta = linearPredictor(d.Xs, n, this.beta, this.b0, new Float64Array(n));
    for (let i = 0; i < n; i++) {
      const r = (this.r[i] = d.y[i] - eta[i]);
      this.lastSide[i] = r >= 0 ? 1 : -1;
      const kink = start.elbow[i] && d.wn[i] > 0 && (trustElbow || Math.abs(r) <= d.residualTolerance);
      this.side[i] = kink ? 0 : this.lastSide[i];
      this.slope[i] = kink ? 0 : this.side[i] > 0 ? d.above : d.below;
      if (kink) this.system.add(i, penalty.l2);
    }
    this.gradientsOffKink();
  }

  /**
   * Whether this state (the optimum of the previous λ, as the method left it) is `start`: the same
   * data, coefficients and kink samples, its active features in the strong set.
   */
  continues(d: FinishData, strong: ArrayLike<number>, start: Vertex): boolean {
    if (d !== this.d || (this.off && start.b0 !== this.b0)) return false;
    for (let j = 0; j < this.p; j++) if (start.beta[j] !== this.beta[j]) return false;
    for (let i = 0; i < this.n; i++) if ((start.elbow[i] !== 0) !== (this.side[i] === 0)) return false;
    const inStrong = new Uint8Array(this.p);
    for (let t = 0; t < strong.length; t++) inStrong[strong[t]] = 1;
    for (let j = 0; j < this.p; j++) if (this.inA[j] && !inStrong[j]) return false;
    return true;
  }

  /** h and hIntercept from scratch (O(n·p)). */
  private gradientsOffKink(): void {
    const { d, n, p, h, Xr, slope, side } = this;
    h.fill(0);
    let hi = 0;
    for (let i = 0; i < n; i++) {
      if (side[i] === 0) continue;
      const w = d.wn[i] * slope[i];
      if (w === 0) continue;
      hi += w;
      const base = i * p;
      for (let j = 0; j < p; j++) h[j] += w * Xr[base + j];
    }
    this.hIntercept = hi;
  }

  /** Residuals from the coefficients, sides of the samples off their kink by more than the tolerance, and h. */
  refresh(): void {
    const { d, n, r, side } = this;
    this.steps = 0;
    const eta = linearPredictor(d.Xs, n, this.beta, this.b0, new Float64Array(n));
    for (let i = 0; i < n; i++) {
      r[i] = d.y[i] - eta[i];
      if (side[i] === 0 || Math.abs(r[i]) <= d.residualTolerance) continue;
      side[i] = this.lastSide[i] = r[i] > 0 ? 1 : -1;
      this.slope[i] = side[i] > 0 ? d.above : d.below;
    }
    this.gradientsOffKink();
  }

  /** Sample i's side becomes `next` (0: on its kink): its slope and h follow. */
  setSide(i: number, next: number): void {
    const { d, p, Xr, h } = this;
    const before = this.side[i] === 0 ? 0 : this.side[i] > 0 ? d.above : d.below;
    const after = next === 0 ? 0 : next > 0 ? d.above : d.below;
    this.side[i] = next;
    if (next !== 0) {
      this.slope[i] = after;
      this.lastSide[i] = next;
    }
    const delta = d.wn[i] * (after - before);
    if (delta === 0) return;
    this.hIntercept += delta;
    const base = i * p;
    for (let j = 0; j < p; j++) h[j] += delta * Xr[base + j];
  }

  /** Sample i joins E (its residual is held at its kink). */
  joinE(i: number, l2: ArrayLike<number>): void {
    this.setSide(i, 0);
    this.system.add(i, l2);
    this.lastJoined = i;
  }

  /** Sample i leaves E to `side`. */
  leaveE(i: number, side: number): void {
    this.system.drop(i);
    this.setSide(i, side);
  }

  /** Feature j joins A; from 0 it takes the sign of `direction`. */
  enterA(j: number, direction: number, l2: ArrayLike<number>): void {
    this.inA[j] = 1;
    if (this.beta[j] === 0) this.sign[j] = direction;
    this.system.add(featureCode(j), l2);
  }

  /** Feature j leaves A, at `value` (0 or a bound). */
  leaveA(j: number, value: number): void {
    this.beta[j] = value;
    this.inA[j] = 0;
    this.system.drop(featureCode(j));
  }

  /** One of `candidates` (not empty, in increasing order): the first, or a pseudo-random one with randomTies. */
  pick(candidates: number[]): number {
    if (!this.randomTies) return candidates[0];
    this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0;
    return candidates[Math.floor((this.seed / 2 ** 32) * candidates.length)];
  }

  /** The kink samples (in the system's order). */
  kinkSamples(): number[] {
    return this.system.members.filter((code) => code >= 0);
  }

  /**
   * The structure system's right-hand side in position order: the kink samples' residuals
   * (recomputed from the coefficients, O(|E|·p): rounding in their updates would otherwise stay in
   * the optimum's kink equations), the intercept's −h0, each active feature's
   * l1_j s_j − h_j + l2_j β̃_j.
   */
  rhs(penalty: FinishPenalty): Float64Array {
    const { members } = this.system;
    if (this.rhsBuffer.length < members.length) this.rhsBuffer = new Float64Array(2 * members.length);
    const b = this.rhsBuffer;
    const nonzero: number[] = [];
    for (let j = 0; j < this.p; j++) if (this.beta[j] !== 0) nonzero.push(j);
    for (let a = 0; a < members.length; a++) {
      const code = members[a];
      if (code >= 0) b[a] = this.r[code] = this.residualOf(code, nonzero);
      else if (code === INTERCEPT) b[a] = -this.hIntercept;
      else {
        const j = featureOf(code);
        b[a] = penalty.l1[j] * this.sign[j] - this.h[j] + penalty.l2[j] * this.beta[j];
      }
    }
    return b;
  }

  /** y_i − b0 − Σ x̃_ij β̃_j over `nonzero` (the features with β̃_j ≠ 0), from scratch. */
  private residualOf(i: number, nonzero: number[]): number {
    const base = i * this.p;
    let s = this.d.y[i] - this.b0;
    for (const j of nonzero) s -= this.Xr[base + j] * this.beta[j];
    return s;
  }
}
