// Squared loss by covariance updates (glmnet's type.gaussian = "covariance"): the gradient
// g_j = c_j − Σ_k G_jk β̃_k is kept for every feature, and a Gram column G[:, k] is formed once,
// when β̃_k first moves. Each update then costs O(p), independent of n: the method for n ≫ p.

import { dot } from '../cpu/blas.js';
import { coordinateMinimizer } from '../penalties/elastic-net.js';
import type { Standardized } from '../problem/standardize.js';
import { type ActiveSet, coordinateDescent, newActiveSet } from './cd-loop.js';
import type { CoordinateEngine, CoordinatePenalty, SolveReport } from './engine.js';

export class GaussianCovarianceEngine implements CoordinateEngine {
  readonly beta: Float64Array;
  private readonly g: Float64Array;
  private readonly gram = new Map<number, Float64Array>();
  private readonly active: ActiveSet;
  private readonly scratch: Float64Array;

  /**
   * @param yc  nSamples responses, centered when there is an intercept (float64)
   * @param yy  Σ (w_i/n) yc_i², the scale of the convergence threshold
   */
  constructor(
    private readonly std: Standardized,
    private readonly nSamples: number,
    private readonly yc: Float64Array,
    private readonly yy: number,
    private readonly thr: number,
  ) {
    const p = std.xv.length;
    this.beta = new Float64Array(p);
    this.g = new Float64Array(p);
    this.active = newActiveSet(p);
    this.scratch = new Float64Array(nSamples);
    const wy = this.scratch;
    for (let i = 0; i < nSamples; i++) wy[i] = std.wn[i] * yc[i];
    for (let j = 0; j < p; j++) if (std.usable[j]) this.g[j] = dot(std.Xs, j * nSamples, wy, nSamples);
  }

  intercept(): number {
    return 0;
  }

  /** Gram column k: Σ_i (w_i/n) x̃_ij x̃_ik for every usable j. */
  private gramColumn(k: number): Float64Array {
    let column = this.gram.get(k);
    if (column) return column;
    const { Xs, wn, usable, uniformWeights } = this.std;
    const n = this.nSamples;
    const p = usable.length;
    column = new Float64Array(p);
    const off = k * n;
    if (uniformWeights) {
      const xk = Xs.subarray(off, off + n);
      const w0 = wn[0];
      for (let j = 0; j < p; j++) if (usable[j]) column[j] = w0 * dot(Xs, j * n, xk, n);
    } else {
      const wx = this.scratch;
      for (let i = 0; i < n; i++) wx[i] = wn[i] * Xs[off + i];
      for (let j = 0; j < p; j++) if (usable[j]) column[j] = dot(Xs, j * n, wx, n);
    }
    this.gram.set(k, column);
    return column;
  }

  solve(strong: Int32Array, nStrong: number, penalty: CoordinatePenalty, maxPasses: number): SolveReport {
    const { beta, g } = this;
    const { xv } = this.std;
    const { l1, l2, lower, upper } = penalty;
    const p = g.length;
    const step = (j: number): number => {
      const old = beta[j];
      const b = coordinateMinimizer(g[j] + xv[j] * old, xv[j], l1[j], l2[j], lower[j], upper[j]);
      const delta = b - old;
      if (delta === 0) return 0;
      beta[j] = b;
      const column = this.gramColumn(j);
      for (let m = 0; m < p; m++) g[m] -= column[m] * delta;
      return xv[j] * delta * delta;
    };
    const passes = coordinateDescent(strong, nStrong, beta, this.active, step, null, this.thr, maxPasses);
    return { passes: Math.abs(passes), converged: passes > 0 };
  }

  prepareGradients(): void {}

  gradient(j: number): number {
    return this.g[j];
  }

  /** ½ Σ (w_i/n) r_i² = ½ (yᵀWy − 2gᵀβ̃ − β̃ᵀGβ̃), from c = g + Gβ̃: no pass over the data. */
  lossValue(): number {
    const { beta, g } = this;
    let s = this.yy;
    for (const k of this.active.list) {
      if (beta[k] === 0) continue;
      const column = this.gramColumn(k);
      let gb = 0;
      for (const m of this.active.list) gb += column[m] * beta[m];
      s -= beta[k] * (2 * g[k] + gb);
    }
    return 0.5 * Math.max(s, 0);
  }
}
