// Squared loss by residual ("naive") updates: r = y − X̃β̃ is kept, each coordinate update costs
// two passes over one column (a dot product and an axpy). The method for p large or n ≲ p.

import { axpy, dot, dot3 } from '../cpu/blas.js';
import { coordinateMinimizer } from '../penalties/elastic-net.js';
import type { Standardized } from '../problem/standardize.js';
import { type ActiveSet, coordinateDescent, newActiveSet } from './cd-loop.js';
import type { CoordinateEngine, CoordinatePenalty, SolveReport } from './engine.js';

export class GaussianNaiveEngine implements CoordinateEngine {
  readonly beta: Float64Array;
  /** nSamples residuals y − X̃β̃ (float64). */
  private readonly r: Float64Array;
  private readonly active: ActiveSet;

  /** @param yc nSamples responses, centered when there is an intercept (float64) */
  constructor(
    private readonly std: Standardized,
    private readonly nSamples: number,
    yc: Float64Array,
    private readonly thr: number,
  ) {
    const p = std.xv.length;
    this.beta = new Float64Array(p);
    this.r = Float64Array.from(yc);
    this.active = newActiveSet(p);
  }

  intercept(): number {
    return 0;
  }

  gradient(j: number): number {
    const { Xs, wn, uniformWeights } = this.std;
    const n = this.nSamples;
    return uniformWeights ? wn[0] * dot(Xs, j * n, this.r, n) : dot3(Xs, j * n, wn, this.r, n);
  }

  prepareGradients(): void {}

  solve(strong: Int32Array, nStrong: number, penalty: CoordinatePenalty, maxPasses: number): SolveReport {
    const { beta, r } = this;
    const { xv, Xs } = this.std;
    const { l1, l2, lower, upper } = penalty;
    const n = this.nSamples;
    const step = (j: number): number => {
      const old = beta[j];
      const b = coordinateMinimizer(this.gradient(j) + xv[j] * old, xv[j], l1[j], l2[j], lower[j], upper[j]);
      const delta = b - old;
      if (delta === 0) return 0;
      beta[j] = b;
      axpy(-delta, Xs, j * n, r, n);
      return xv[j] * delta * delta;
    };
    const passes = coordinateDescent(strong, nStrong, beta, this.active, step, null, this.thr, maxPasses);
    return { passes: Math.abs(passes), converged: passes > 0 };
  }

  lossValue(): number {
    const { wn } = this.std;
    let s = 0;
    for (let i = 0; i < this.nSamples; i++) s += wn[i] * this.r[i] * this.r[i];
    return 0.5 * s;
  }
}
