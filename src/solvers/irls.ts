// Smooth GLM losses (logistic, Poisson) by IRLS: each outer step replaces the loss by its
// quadratic model at the current η (weights W = (w/n)·ℓ'', working residual −(w/n)·ℓ'),
// solves that penalized weighted least squares by coordinate descent, and halves the step
// when the true objective does not decrease (a guard against divergence that glmnet's
// Fortran lacks, like its later glmnet.path).

import { axpy, axpy3, dot } from '../cpu/blas.js';
import type { Loss } from '../losses/types.js';
import { coordinateMinimizer, penaltyValue } from '../penalties/elastic-net.js';
import type { Standardized } from '../problem/standardize.js';
import { type ActiveSet, coordinateDescent, newActiveSet } from './cd-loop.js';
import type { CoordinateEngine, CoordinatePenalty, SolveReport } from './engine.js';

/** Step halvings tried before an IRLS step is taken anyway. */
const MAX_HALVINGS = 30;

export class IrlsEngine implements CoordinateEngine {
  readonly beta: Float64Array;
  private b0: number;
  /** nSamples linear predictors b̃0 + X̃β̃. */
  private readonly eta: Float64Array;
  private readonly etaOld: Float64Array;
  private readonly step: Float64Array;
  /** nSamples −(w_i/n)·ℓ'(y_i, η_i): gradient(j) is its dot product with column j. */
  private readonly d: Float64Array;
  /** nSamples IRLS weights and weighted working residuals. */
  private readonly W: Float64Array;
  private readonly r: Float64Array;
  private readonly xvW: Float64Array;
  private readonly betaOld: Float64Array;
  private readonly active: ActiveSet;

  /** @param eta0 the starting predictor (the null model's, or 0 without intercept) */
  constructor(
    private readonly std: Standardized,
    private readonly nSamples: number,
    private readonly y: Float64Array,
    private readonly loss: Loss,
    private readonly fitIntercept: boolean,
    eta0: number,
    private readonly thr: number,
  ) {
    const p = std.xv.length;
    const n = nSamples;
    this.beta = new Float64Array(p);
    this.betaOld = new Float64Array(p);
    this.xvW = new Float64Array(p);
    this.b0 = eta0;
    this.eta = new Float64Array(n).fill(eta0);
    this.etaOld = new Float64Array(n);
    this.step = new Float64Array(n);
    this.d = new Float64Array(n);
    this.W = new Float64Array(n);
    this.r = new Float64Array(n);
    this.active = newActiveSet(p);
  }

  intercept(): number {
    return this.b0;
  }

  prepareGradients(): void {
    const { wn } = this.std;
    for (let i = 0; i < this.nSamples; i++) this.d[i] = -wn[i] * this.loss.derivative(this.y[i], this.eta[i]);
  }

  gradient(j: number): number {
    return dot(this.std.Xs, j * this.nSamples, this.d, this.nSamples);
  }

  lossValue(): number {
    const { wn } = this.std;
    let s = 0;
    for (let i = 0; i < this.nSamples; i++) s += wn[i] * this.loss.value(this.y[i], this.eta[i]);
    return s;
  }

  private objective(strong: Int32Array, nStrong: number, penalty: CoordinatePenalty): number {
    let s = this.lossValue();
    for (let t = 0; t < nStrong; t++) {
      const j = strong[t];
      s += penaltyValue(this.beta[j], penalty.l1[j], penalty.l2[j]);
    }
    return s;
  }

  /** Forms the quadratic model at the current η; returns Σ W. */
  private quadraticModel(strong: Int32Array, nStrong: number): number {
    const { wn, Xs } = this.std;
    const { W, r, eta, y, loss } = this;
    const n = this.nSamples;
    let sumW = 0;
    for (let i = 0; i < n; i++) {
      W[i] = wn[i] * loss.curvature(y[i], eta[i]);
      r[i] = -wn[i] * loss.derivative(y[i], eta[i]);
      sumW += W[i];
    }
    for (let t = 0; t < nStrong; t++) {
      const j = strong[t];
      const off = j * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += W[i] * Xs[off + i] * Xs[off + i];
      this.xvW[j] = s;
    }
    return sumW;
  }

  solve(strong: Int32Array, nStrong: number, penalty: CoordinatePenalty, maxPasses: number): SolveReport {
    const { beta, betaOld, xvW, W, r, eta, etaOld } = this;
    const { Xs } = this.std;
    const { l1, l2, lower, upper } = penalty;
    const n = this.nSamples;
    let passes = 0;
    while (passes < maxPasses) {
      const sumW = this.quadraticModel(strong, nStrong);
      const objOld = this.objective(strong, nStrong, penalty);
      for (let t = 0; t < nStrong; t++) betaOld[strong[t]] = beta[strong[t]];
      const b0Old = this.b0;
      etaOld.set(eta);

      const step = (j: number): number => {
        const old = beta[j];
        const b = coordinateMinimizer(dot(Xs, j * n, r, n) + xvW[j] * old, xvW[j], l1[j], l2[j], lower[j], upper[j]);
        const delta = b - old;
        if (delta === 0) return 0;
        beta[j] = b;
        axpy3(-delta, Xs, j * n, W, r, n);
        return xvW[j] * delta * delta;
      };
      const interceptStep = (): number => {
        let s = 0;
        for (let i = 0; i < n; i++) s += r[i];
        const delta = s / sumW;
        this.b0 += delta;
        for (let i = 0; i < n; i++) r[i] -= delta * W[i];
        return sumW * delta * delta;
      };
      const inner = coordinateDescent(
        strong, nStrong, beta, this.active, step, this.fitIntercept ? interceptStep : null, this.thr, maxPasses - passes,
      );
      passes += Math.abs(inner);

      // η moves along X̃·(β̃ − β̃old) + (b̃0 − b̃0old); halve the step while the objective rises.
      const dir = this.step.fill(this.b0 - b0Old);
      let change = sumW * (this.b0 - b0Old) ** 2;
      for (let t = 0; t < nStrong; t++) {
        const j = strong[t];
        const delta = beta[j] - betaOld[j];
        if (delta === 0) continue;
        axpy(delta, Xs, j * n, dir, n);
        change = Math.max(change, xvW[j] * delta * delta);
      }
      let scale = 1;
      for (let h = 0; h <= MAX_HALVINGS; h++) {
        for (let i = 0; i < n; i++) eta[i] = etaOld[i] + scale * dir[i];
        const obj = this.objective(strong, nStrong, penalty);
        if (obj <= objOld + 1e-12 * Math.abs(objOld) || h === MAX_HALVINGS) break;
        scale *= 0.5;
        this.b0 = b0Old + 0.5 * (this.b0 - b0Old);
        for (let t = 0; t < nStrong; t++) {
          const j = strong[t];
          beta[j] = betaOld[j] + 0.5 * (beta[j] - betaOld[j]);
        }
      }
      if (inner > 0 && change * scale * scale <= this.thr) return { passes, converged: true };
    }
    return { passes, converged: false };
  }
}
