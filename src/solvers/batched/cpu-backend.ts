// The float64 CPU implementation of the batched backend: plain typed-array loops over X̃'s
// columns, dense or sparse (host-columns.ts: the centring folded into each sparse product). It is
// the reference the WebGPU kernels are tested against. Products loop over samples inside each
// (feature, λ) pair so that X̃'s column and the block's column both stream contiguously.

import type { BlockFunctions, CoordinateFunctions } from '../../penalties/types.js';
import { coordinateFunctions, penaltyBlocks, type PenaltyBlocks, penaltyUnits } from '../penalty-units.js';
import { blockKktColumn, blockProxColumn, BlockScratch, blockValueColumn } from './block-ops.js';
import type { Loss } from '../../losses/types.js';
import type { Standardized } from '../../problem/standardize.js';
import type { Problem } from '../../problem/validate.js';
import { groupColumnsTwin, groupKktTwin, groupProxTwin, type MultinomialTwin, softmaxTermsTwin } from './cpu-multinomial.js';
import { type HostColumns, hostColumns, storedEntries, vectorSum } from './host-columns.js';
import {
  fistaColumnRule, type BatchBackend, type BatchBuffer, type BatchOps, type BufferKind, type FistaColumns, POWER_ITERATIONS,
  type ProxReductions, type StoredEntries,
} from './backend.js';

class CpuBuffer implements BatchBuffer {
  constructor(
    readonly kind: BufferKind,
    readonly nColumns: number,
    /** rows × nColumns float64, column-major. */
    readonly data: Float64Array,
    readonly rows: number,
  ) {}
}

/** One column of a buffer: its rows at `base` of `data`. */
interface Column {
  data: Float64Array;
  base: number;
}

class CpuBatchOps implements BatchOps {
  readonly nSamples: number;
  readonly nFeatures: number;
  readonly precision = 'float64' as const;
  readonly entries: StoredEntries | undefined;
  private active: Int32Array = new Int32Array(0);
  /** X̃'s columns, dense or sparse. */
  private readonly X: HostColumns;
  /** The usable features: gramNorm's products. */
  private readonly usableFeatures: Int32Array;
  private readonly wn: Float64Array;
  private readonly y: Float64Array;
  /** nSamples offsets the loss terms add to η (glmnet's offset; zeros without one). */
  private readonly linkOffset: Float64Array;
  private readonly loss: Loss;
  private readonly intercept: boolean;
  private readonly usable: Uint8Array;
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  /** nFeatures α·v_j and (1−α)·v_j: l1 and l2 per unit λ. */
  private readonly l1Unit: Float64Array;
  private readonly l2Unit: Float64Array;
  /** The penalty's per-coordinate functions (the spec's) and its γ: separable penalties. */
  private readonly coordinate: CoordinateFunctions | null;
  private readonly gamma: number;
  /** Grouped penalties: the rows as blocks, the spec's block functions and a block's scratch. */
  private readonly blocks: { layout: PenaltyBlocks; fns: BlockFunctions; scratch: BlockScratch } | null;
  /** Every feature, and the intercept (p) last when there is one: forward's list. */
  private readonly allFeatures: Int32Array;
  /** Every coefficient row, the intercept's p included: backward's list. */
  private readonly allRows: Int32Array;
  /** Per-column problems (`columnProblems`): n × K weights and (p + 1) × K penalty scales, or null. */
  private columnWeights: Float64Array | null = null;
  private columnScales: Float64Array | null = null;

  constructor(problem: Problem, std: Standardized) {
    this.nSamples = problem.nSamples;
    this.nFeatures = problem.nFeatures;
    this.X = hostColumns(std, problem.nSamples);
    this.entries = storedEntries(std);
    this.wn = std.wn;
    this.y = problem.y;
    this.linkOffset = problem.offset ?? new Float64Array(problem.nSamples);
    this.loss = problem.loss;
    this.intercept = problem.intercept;
    this.usable = std.usable;
    this.lower = std.lower;
    this.upper = std.upper;
    const p = this.nFeatures;
    this.allFeatures = Int32Array.from({ length: p + (this.intercept ? 1 : 0) }, (_, j) => j);
    this.allRows = Int32Array.from({ length: p + 1 }, (_, j) => j);
    this.usableFeatures = this.allFeatures.filter((j) => j < p && std.usable[j]);
    ({ l1Unit: this.l1Unit, l2Unit: this.l2Unit } = penaltyUnits(problem));
    const layout = penaltyBlocks(problem, std.usable);
    this.blocks = layout && { layout, fns: problem.penalty.spec.block!, scratch: new BlockScratch(layout) };
    this.coordinate = layout ? null : coordinateFunctions(problem);
    this.gamma = problem.penalty.gamma;
  }

  /** The separable penalty's coordinate functions (the ops that have no block form). */
  private separable(op: string): CoordinateFunctions {
    if (!this.coordinate) throw new Error(`${op}: a grouped penalty has no per-coordinate step`);
    return this.coordinate;
  }

  /** Grouped penalties, which take no per-column penalty scales. */
  private grouped(): { layout: PenaltyBlocks; fns: BlockFunctions; scratch: BlockScratch } | null {
    if (this.blocks && this.columnScales) throw new Error('per-column penalty scales with a grouped penalty');
    return this.blocks;
  }

  private rows(kind: BufferKind): number {
    return kind === 'samples' ? this.nSamples : kind === 'coefs' ? this.nFeatures + 1 : 1;
  }

  alloc(kind: BufferKind, nColumns: number): BatchBuffer {
    const rows = this.rows(kind);
    return new CpuBuffer(kind, nColumns, new Float64Array(rows * nColumns), rows);
  }

  write(buffer: BatchBuffer, values: Float64Array): void {
    (buffer as CpuBuffer).data.set(values);
  }

  async read(buffer: BatchBuffer): Promise<Float64Array> {
    return (buffer as CpuBuffer).data.slice();
  }

  copy(from: BatchBuffer, to: BatchBuffer): void {
    (to as CpuBuffer).data.set((from as CpuBuffer).data);
  }

  setActive(columns: Int32Array): void {
    this.active = columns.slice();
  }

  columnProblems(weights: BatchBuffer | null, scales: BatchBuffer | null): void {
    this.columnWeights = weights ? (weights as CpuBuffer).data : null;
    this.columnScales = scales ? (scales as CpuBuffer).data : null;
  }

  /** The sample weights of column k: wn, or its own (`columnProblems`), from `offset` on. */
  private weightsOf(k: number): { w: Float64Array; offset: number } {
    return this.columnWeights ? { w: this.columnWeights, offset: k * this.nSamples } : { w: this.wn, offset: 0 };
  }

  /** The penalty scale q of coefficient row j in column k (1 without per-column problems). */
  private scaleOf(j: number, k: number): number {
    return this.columnScales ? this.columnScales[k * (this.nFeatures + 1) + j] : 1;
  }

  gramNorm(): number {
    const n = this.nSamples;
    const p = this.nFeatures;
    const v = new Float64Array(p + 1).fill(1);
    const eta = new Float64Array(n);
    let norm = 0;
    for (let iter = 0; iter < POWER_ITERATIONS; iter++) {
      let s = 0;
      for (let j = 0; j <= p; j++) s += v[j] * v[j];
      s = Math.sqrt(s);
      if (s === 0) return 0;
      for (let j = 0; j <= p; j++) v[j] /= s;
      // v ← X̃₁ᵀ W X̃₁ v
      eta.fill(this.intercept ? v[p] : 0);
      this.X.addProducts(this.usableFeatures, v, 0, eta, 0);
      for (let i = 0; i < n; i++) eta[i] *= this.wn[i];
      const sum = vectorSum(eta, 0, n);
      for (let j = 0; j < p; j++) v[j] = this.usable[j] ? this.X.dot(j, eta, 0, sum) : 0;
      v[p] = this.intercept ? sum : 0;
      norm = 0;
      for (let j = 0; j <= p; j++) norm += v[j] * v[j];
      norm = Math.sqrt(norm); // Rayleigh-quotient upper side: ‖Av‖ for a unit v
    }
    // The power iteration approaches λ_max from below: a small margin keeps steps safe.
    return norm * 1.01;
  }

  forward(B: BatchBuffer, eta: BatchBuffer): void {
    this.forwardFeatures(this.allFeatures, B, eta);
  }

  smoothTerms(eta: BatchBuffer, D: BatchBuffer, value: BatchBuffer): void {
    const n = this.nSamples;
    const e = (eta as CpuBuffer).data;
    const d = (D as CpuBuffer).data;
    const v = (value as CpuBuffer).data;
    const { y, loss, linkOffset } = this;
    for (const k of this.active) {
      const o = k * n;
      const { w, offset } = this.weightsOf(k);
      let s = 0;
      for (let i = 0; i < n; i++) {
        const wi = w[offset + i];
        const eta = e[o + i] + linkOffset[i];
        d[o + i] = -wi * loss.derivative(y[i], eta);
        if (wi !== 0) s += wi * loss.value(y[i], eta);
      }
      v[k] = s;
    }
  }

  forwardSmooth(B: BatchBuffer, eta: BatchBuffer, D: BatchBuffer, value: BatchBuffer): void {
    this.forward(B, eta);
    this.smoothTerms(eta, D, value);
  }

  backward(D: BatchBuffer, G: BatchBuffer): void {
    this.backwardRows(this.allRows, D, G);
  }

  backwardFeatures(features: Int32Array, D: BatchBuffer, G: BatchBuffer): void {
    this.backwardRows(features, D, G);
  }

  /** G_j = X̃₁ⱼᵀ D for the listed coefficient rows j (the intercept's ones column at p), per active column. */
  private backwardRows(rows: Int32Array, D: BatchBuffer, G: BatchBuffer): void {
    const n = this.nSamples;
    const p = this.nFeatures;
    const d = (D as CpuBuffer).data;
    const g = (G as CpuBuffer).data;
    for (const k of this.active) {
      const o = k * n;
      const go = k * (p + 1);
      const sum = vectorSum(d, o, n);
      for (const j of rows) {
        if (j === p) g[go + j] = this.intercept ? sum : 0;
        else g[go + j] = this.usable[j] ? this.X.dot(j, d, o, sum) : 0;
      }
    }
  }

  proxGradient(
    Z: BatchBuffer, G: BatchBuffer, step: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer,
    X?: BatchBuffer, reductions?: ProxReductions,
  ): void {
    const rows = this.nFeatures + 1;
    const data = (b: BatchBuffer) => (b as CpuBuffer).data;
    const t = data(step);
    const lam = data(lambda);
    const blocks = this.grouped();
    for (const k of this.active) {
      const at = (b: BatchBuffer) => ({ data: data(b), base: k * rows });
      const sums = blocks
        ? blockProxColumn(blocks.layout, blocks.fns, blocks.scratch, at(Z), at(G), X ? at(X) : null, at(out), t[k], lam[k])
        : this.proxColumn(k, at(Z), at(G), X ? at(X) : null, at(out), t[k], lam[k]);
      if (!reductions) continue;
      data(reductions.gradDot)[k] = sums.gradDot;
      data(reductions.stepSquared)[k] = sums.stepSquared;
      data(reductions.restartDot)[k] = sums.restartDot;
    }
  }

  /** proxGradient's column k for a separable penalty, its coordinates one by one. */
  private proxColumn(
    k: number, Z: Column, G: Column, X: Column | null, out: Column, tk: number, lk: number,
  ): { gradDot: number; stepSquared: number; restartDot: number } {
    const p = this.nFeatures;
    const coordinate = this.separable('proxGradient');
    let gradDot = 0, stepSquared = 0, restartDot = 0;
    for (let j = 0; j <= p; j++) {
      const zj = Z.data[Z.base + j];
      const gj = G.data[G.base + j];
      let b: number;
      if (j === p) b = this.intercept ? zj + tk * gj : 0;
      else if (!this.usable[j] || this.scaleOf(j, k) === 0) b = 0;
      else {
        const q = this.scaleOf(j, k);
        b = coordinate.prox(zj + tk * gj, tk, lk * this.l1Unit[j] * q, lk * this.l2Unit[j] * q * q, this.gamma, this.lower[j], this.upper[j]);
      }
      out.data[out.base + j] = b;
      const dz = b - zj;
      gradDot += gj * dz;
      stepSquared += dz * dz;
      if (X) restartDot -= dz * (b - X.data[X.base + j]);
    }
    return { gradDot, stepSquared, restartDot };
  }

  fistaColumns(state: FistaColumns): void {
    const arr = (b: BatchBuffer) => (b as CpuBuffer).data;
    const step = arr(state.step);
    const theta = arr(state.theta);
    const accept = arr(state.accept);
    const momentum = arr(state.momentum);
    for (const k of this.active) {
      const r = fistaColumnRule({
        step: step[k], theta: theta[k], valueAtZ: arr(state.valueAtZ)[k], valueNew: arr(state.valueNew)[k],
        gradDot: arr(state.reductions.gradDot)[k], stepSquared: arr(state.reductions.stepSquared)[k],
        restartDot: arr(state.reductions.restartDot)[k],
      }, state.limits);
      step[k] = r.step;
      theta[k] = r.theta;
      accept[k] = r.accept;
      momentum[k] = r.momentum;
    }
  }

  advance(newer: BatchBuffer, older: BatchBuffer, point: BatchBuffer, accept: BatchBuffer, momentum: BatchBuffer): void {
    const rows = (newer as CpuBuffer).rows;
    const nw = (newer as CpuBuffer).data;
    const od = (older as CpuBuffer).data;
    const pt = (point as CpuBuffer).data;
    const ac = (accept as CpuBuffer).data;
    const m = (momentum as CpuBuffer).data;
    for (const k of this.active) {
      if (!ac[k]) continue;
      const base = k * rows;
      const mk = m[k];
      for (let r = base; r < base + rows; r++) {
        const v = nw[r];
        pt[r] = mk === 0 ? v : v + mk * (v - od[r]);
        od[r] = v;
      }
    }
  }

  combine(a: BatchBuffer, A: BatchBuffer, b: BatchBuffer, B: BatchBuffer, out: BatchBuffer): void {
    const rows = (A as CpuBuffer).rows;
    const ad = (a as CpuBuffer).data;
    const bd = (b as CpuBuffer).data;
    const Ad = (A as CpuBuffer).data;
    const Bd = (B as CpuBuffer).data;
    const o = (out as CpuBuffer).data;
    for (const k of this.active) {
      const base = k * rows;
      const ak = ad[k];
      const bk = bd[k];
      for (let r = base; r < base + rows; r++) o[r] = ak * Ad[r] + bk * Bd[r];
    }
  }

  squaredNorms(A: BatchBuffer, out: BatchBuffer): void {
    const rows = (A as CpuBuffer).rows;
    const a = (A as CpuBuffer).data;
    const o = (out as CpuBuffer).data;
    const weighted = A.kind === 'samples';
    for (const k of this.active) {
      const base = k * rows;
      const { w, offset } = this.weightsOf(k);
      let s = 0;
      for (let r = 0; r < rows; r++) s += (weighted ? w[offset + r] : 1) * a[base + r] * a[base + r];
      o[k] = s;
    }
  }

  weigh(U: BatchBuffer, D: BatchBuffer): void {
    const n = this.nSamples;
    const u = (U as CpuBuffer).data;
    const d = (D as CpuBuffer).data;
    for (const k of this.active) {
      const o = k * n;
      const { w, offset } = this.weightsOf(k);
      for (let i = 0; i < n; i++) d[o + i] = w[offset + i] * u[o + i];
    }
  }

  private slopes(): { below: number; above: number } {
    if (this.loss.smooth) throw new Error('the dual steps need a piecewise-linear loss');
    return this.loss.slopes;
  }

  dualStep(etaBar: BatchBuffer, U: BatchBuffer, sigma: BatchBuffer): void {
    const { below, above } = this.slopes();
    const n = this.nSamples;
    const e = (etaBar as CpuBuffer).data;
    const u = (U as CpuBuffer).data;
    const s = (sigma as CpuBuffer).data;
    for (const k of this.active) {
      const o = k * n;
      const sk = s[k];
      for (let i = 0; i < n; i++) {
        const v = u[o + i] + sk * (this.y[i] - e[o + i]);
        u[o + i] = v < below ? below : v > above ? above : v;
      }
    }
  }

  dualGap(eta: BatchBuffer, U: BatchBuffer, gap: BatchBuffer, value: BatchBuffer): void {
    const n = this.nSamples;
    const e = (eta as CpuBuffer).data;
    const u = (U as CpuBuffer).data;
    const gp = (gap as CpuBuffer).data;
    const val = (value as CpuBuffer).data;
    for (const k of this.active) {
      const o = k * n;
      const { w, offset } = this.weightsOf(k);
      let g = 0;
      let v = 0;
      for (let i = 0; i < n; i++) {
        const wi = w[offset + i];
        if (wi === 0) continue;
        const l = this.loss.value(this.y[i], e[o + i]);
        v += wi * l;
        g += wi * (l - u[o + i] * (this.y[i] - e[o + i]));
      }
      gp[k] = g;
      val[k] = v;
    }
  }

  kkt(G: BatchBuffer, B: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer): void {
    const p = this.nFeatures;
    const g = (G as CpuBuffer).data;
    const b = (B as CpuBuffer).data;
    const lam = (lambda as CpuBuffer).data;
    const o = (out as CpuBuffer).data;
    const blocks = this.grouped();
    const coordinate = blocks ? null : this.separable('kkt');
    for (const k of this.active) {
      const base = k * (p + 1);
      if (!coordinate) {
        o[k] = blockKktColumn(blocks!.layout, blocks!.fns, blocks!.scratch, { data: g, base }, { data: b, base }, lam[k]);
        continue;
      }
      let worst = this.intercept ? Math.abs(g[base + p]) : 0;
      for (let j = 0; j < p; j++) {
        const q = this.scaleOf(j, k);
        if (!this.usable[j] || q === 0) continue;
        const l1 = lam[k] * this.l1Unit[j] * q;
        const l2 = lam[k] * this.l2Unit[j] * q * q;
        // In the column's own coordinates (β' = β q) the distance is this one over q.
        worst = Math.max(worst, coordinate.distance(g[base + j], b[base + j], l1, l2, this.gamma, this.lower[j], this.upper[j]) / q);
      }
      o[k] = worst;
    }
  }

  curvatures(eta: BatchBuffer, H: BatchBuffer): void {
    const n = this.nSamples;
    const e = (eta as CpuBuffer).data;
    const h = (H as CpuBuffer).data;
    const loss = this.loss;
    if (!loss.smooth) throw new Error('curvatures: the loss is not smooth');
    const curvature = loss.newtonCurvature ?? loss.curvature;
    // One column: every active column's largest curvature per sample (the shared metric).
    const largest = H.nColumns === 1;
    if (largest) h.fill(0, 0, n);
    for (const k of this.active) {
      const o = k * n;
      const { w, offset } = this.weightsOf(k);
      for (let i = 0; i < n; i++) {
        const c = w[offset + i] * curvature(this.y[i], e[o + i] + this.linkOffset[i]);
        if (!largest) h[o + i] = c;
        else if (c > h[i]) h[i] = c;
      }
    }
  }

  allocGram(size: number, nColumns: number): BatchBuffer {
    return new CpuBuffer('gram', nColumns, new Float64Array(size * size * nColumns), size * size);
  }

  /** Column j of X̃₁: a feature's column of X̃ (a view, or a dense copy of a sparse one), or the intercept's ones for j = p. */
  private columnOf(j: number, ones: Float64Array): Float64Array {
    return j === this.nFeatures ? ones : this.X.column(j, new Float64Array(this.nSamples));
  }

  weightedGram(features: Int32Array, H: BatchBuffer | null, Q: BatchBuffer): void {
    const n = this.nSamples;
    const m = features.length;
    const q = (Q as CpuBuffer).data;
    const ones = new Float64Array(n).fill(1);
    const weighted = new Float64Array(n);
    const columns = Array.from(features, (j) => this.columnOf(j, ones));
    // One matrix (column 0) from the shared weights or one-column H, else one per active column.
    for (const k of H && H.nColumns > 1 ? Array.from(this.active) : [0]) {
      const h = H ? (H as CpuBuffer).data.subarray(k * n, (k + 1) * n) : this.wn;
      const base = k * m * m;
      for (let a = 0; a < m; a++) {
        const xa = columns[a];
        for (let i = 0; i < n; i++) weighted[i] = h[i] * xa[i];
        for (let b = 0; b <= a; b++) {
          const xb = columns[b];
          let v = 0;
          for (let i = 0; i < n; i++) v += weighted[i] * xb[i];
          q[base + a * m + b] = v;
          q[base + b * m + a] = v;
        }
      }
    }
  }

  /** η = Σ_{j ∈ S} x̃_j B_j, the intercept (listed last, as p) first: forward's order of sums. */
  forwardFeatures(features: Int32Array, B: BatchBuffer, eta: BatchBuffer): void {
    const n = this.nSamples;
    const p = this.nFeatures;
    const b = (B as CpuBuffer).data;
    const e = (eta as CpuBuffer).data;
    const withIntercept = features.length > 0 && features[features.length - 1] === p;
    for (const k of this.active) {
      const eo = k * n;
      const bo = k * (p + 1);
      e.fill(withIntercept ? b[bo + p] : 0, eo, eo + n);
      this.X.addProducts(features, b, bo, e, eo);
    }
  }

  gramSolve(
    Q: BatchBuffer, features: Int32Array, G: BatchBuffer, B: BatchBuffer, lambda: BatchBuffer, tol: BatchBuffer,
    maxSweeps: number, out: BatchBuffer, sweeps: BatchBuffer,
  ): void {
    const p = this.nFeatures;
    const m = features.length;
    const q = (Q as CpuBuffer).data;
    const shared = Q.nColumns === 1;
    const g = (G as CpuBuffer).data;
    const b = (B as CpuBuffer).data;
    const o = (out as CpuBuffer).data;
    const lam = (lambda as CpuBuffer).data;
    const t = (tol as CpuBuffer).data;
    const used = (sweeps as CpuBuffer).data;
    const coordinate = this.separable('gramSolve');
    const grad = new Float64Array(m);
    const beta = new Float64Array(m);
    const l1 = new Float64Array(m), l2 = new Float64Array(m), lower = new Float64Array(m), upper = new Float64Array(m);
    const scale = new Float64Array(m);
    for (const k of this.active) {
      const base = k * (p + 1);
      const qo = shared ? 0 : k * m * m;
      o.set(b.subarray(base, base + p + 1), base);
      for (let a = 0; a < m; a++) {
        grad[a] = g[base + features[a]];
        beta[a] = b[base + features[a]];
        const c = this.coordinatePenalty(features[a], k, lam[k]);
        [l1[a], l2[a], lower[a], upper[a]] = [c.l1, c.l2, c.lower, c.upper];
        scale[a] = this.scaleOrOne(features[a], k);
      }
      let sweep = 0;
      while (sweep < maxSweeps) {
        sweep++;
        for (let a = 0; a < m; a++) {
          const qaa = q[qo + a * m + a];
          if (!(qaa > 0)) continue;
          // grad is minus the model's gradient: G − Q(β − B); the coordinate's own part added back.
          const next = coordinate.minimizer(grad[a] + qaa * beta[a], qaa, l1[a], l2[a], this.gamma, lower[a], upper[a]);
          const delta = next - beta[a];
          if (delta === 0) continue;
          beta[a] = next;
          const col = qo + a * m;
          for (let c = 0; c < m; c++) grad[c] -= q[col + c] * delta;
        }
        let worst = 0;
        for (let a = 0; a < m; a++) {
          worst = Math.max(worst, coordinate.distance(grad[a], beta[a], l1[a], l2[a], this.gamma, lower[a], upper[a]) / scale[a]);
        }
        if (worst <= t[k]) break;
      }
      for (let a = 0; a < m; a++) o[base + features[a]] = beta[a];
      used[k] = sweep;
    }
  }

  /** The penalty scale of row j in column k, 1 for the intercept. */
  private scaleOrOne(j: number, k: number): number {
    return j === this.nFeatures ? 1 : this.scaleOf(j, k) || 1;
  }

  /** l1, l2 and bounds of coefficient row j at λ (the intercept: free; unusable features: fixed at 0). */
  private coordinatePenalty(j: number, k: number, lambda: number): { l1: number; l2: number; lower: number; upper: number } {
    if (j === this.nFeatures) return { l1: 0, l2: 0, lower: -Infinity, upper: Infinity };
    const q = this.scaleOf(j, k);
    if (!this.usable[j] || q === 0) return { l1: 0, l2: 0, lower: 0, upper: 0 };
    return { l1: lambda * this.l1Unit[j] * q, l2: lambda * this.l2Unit[j] * q * q, lower: this.lower[j], upper: this.upper[j] };
  }

  penaltyValues(B: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer): void {
    const p = this.nFeatures;
    const b = (B as CpuBuffer).data;
    const lam = (lambda as CpuBuffer).data;
    const o = (out as CpuBuffer).data;
    const blocks = this.grouped();
    const coordinate = blocks ? null : this.separable('penaltyValues');
    for (const k of this.active) {
      if (!coordinate) {
        o[k] = blockValueColumn(blocks!.layout, blocks!.fns, blocks!.scratch, { data: b, base: k * (p + 1) }, lam[k]);
        continue;
      }
      let s = 0;
      for (let j = 0; j < p; j++) {
        const { l1, l2 } = this.coordinatePenalty(j, k, lam[k]);
        s += coordinate.value(b[k * (p + 1) + j], l1, l2, this.gamma);
      }
      o[k] = s;
    }
  }

  /** What the multinomial twins read (cpu-multinomial.ts). */
  private twin(): MultinomialTwin {
    const { nSamples, nFeatures, y, wn, intercept, usable, l1Unit, l2Unit } = this;
    if (this.columnWeights || this.columnScales) throw new Error('the multinomial ops take no per-column problems');
    return { nSamples, nFeatures, y, wn, intercept, usable, l1Unit, l2Unit };
  }

  softmaxTerms(eta: BatchBuffer, D: BatchBuffer, value: BatchBuffer, nClasses: number): void {
    const data = (b: BatchBuffer) => (b as CpuBuffer).data;
    softmaxTermsTwin(this.twin(), this.active, data(eta), data(D), data(value), nClasses);
  }

  groupColumns(from: BatchBuffer, to: BatchBuffer, nClasses: number, max: boolean): void {
    groupColumnsTwin(this.active, (from as CpuBuffer).data, (to as CpuBuffer).data, nClasses, max);
  }

  groupProx(
    Z: BatchBuffer, G: BatchBuffer, step: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer, nClasses: number,
    X?: BatchBuffer, reductions?: ProxReductions,
  ): void {
    const data = (b: BatchBuffer) => (b as CpuBuffer).data;
    const arrays = { Z: data(Z), G: data(G), X: X ? data(X) : null, out: data(out), step: data(step), lambda: data(lambda) };
    const sums = groupProxTwin(this.twin(), this.active, arrays, nClasses);
    if (!reductions) return;
    for (const [k, [gradDot, stepSquared, restartDot]] of sums) {
      data(reductions.gradDot)[k] = gradDot;
      data(reductions.stepSquared)[k] = stepSquared;
      data(reductions.restartDot)[k] = restartDot;
    }
  }

  groupKkt(G: BatchBuffer, B: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer, nClasses: number): void {
    const data = (b: BatchBuffer) => (b as CpuBuffer).data;
    groupKktTwin(this.twin(), this.active, data(G), data(B), data(lambda), data(out), nClasses);
  }

  release(): void {
    this.active = new Int32Array(0);
    this.columnProblems(null, null);
  }
}

/** The float64 CPU backend. */
export const cpuBatchBackend: BatchBackend = {
  name: 'cpu (float64)',
  open: (problem, std) => new CpuBatchOps(problem, std),
};
