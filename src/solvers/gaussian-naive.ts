// Squared loss by residual ("naive") updates: r = y − X̃β̃ is kept, each coordinate update costs
// two passes over one column (a dot product and an axpy). The method for p large or n ≲ p.

import type { HeapArray, Kernels } from '../cpu/kernels.js';
import { coordinateMinimizer } from '../penalties/elastic-net.js';
import type { Standardized } from '../problem/standardize.js';
import { type ActiveSet, coordinateDescent, newActiveSet } from './cd-loop.js';
import { ManyGradients } from './many-gradients.js';
import type { CoordinateEngine, CoordinatePenalty, SolveReport } from './engine.js';

export class GaussianNaiveEngine implements CoordinateEngine {
  readonly beta: Float64Array;
  /** nSamples residuals y − X̃β̃ (float64), in the heap. */
  private readonly r: HeapArray;
  private readonly active: ActiveSet;
  private readonly kernels: Kernels;
  private readonly many: ManyGradients;
  /** nSamples (w_i/n)·r_i, formed for gradient sweeps when the weights differ. */
  private readonly wr: HeapArray;

  /** Heap doubles this engine allocates: residuals, weighted residuals, gradient sweeps. */
  static heapDoubles(nSamples: number, nFeatures: number): number {
    return 2 * (nSamples + 2) + ManyGradients.heapDoubles(nFeatures);
  }

  /** @param yc nSamples responses, centered when there is an intercept (float64) */
  constructor(
    private readonly std: Standardized,
    private readonly nSamples: number,
    yc: Float64Array,
    private readonly thr: number,
  ) {
    const p = std.xv.length;
    this.beta = new Float64Array(p);
    this.r = std.heap.alloc(nSamples);
    this.r.data.set(yc);
    this.active = newActiveSet(p);
    this.kernels = std.heap.kernels;
    this.many = new ManyGradients(std.heap, p);
    this.wr = std.heap.alloc(nSamples);
  }

  intercept(): number {
    return 0;
  }

  gradient(j: number): number {
    const { XsPtr, wn, wnPtr, uniformWeights } = this.std;
    const n = this.nSamples;
    const col = XsPtr + 8 * j * n;
    return uniformWeights ? wn[0] * this.kernels.dot(col, this.r.ptr, n) : this.kernels.dot3(col, wnPtr, this.r.ptr, n);
  }

  prepareGradients(): void {}

  gradients(features: Int32Array, count: number, out: Float64Array): void {
    const { wn, uniformWeights } = this.std;
    if (uniformWeights) {
      this.many.compute(this.std, this.nSamples, this.r.ptr, wn[0], features, count, out);
      return;
    }
    const wr = this.wr.data;
    const r = this.r.data;
    for (let i = 0; i < this.nSamples; i++) wr[i] = wn[i] * r[i];
    this.many.compute(this.std, this.nSamples, this.wr.ptr, 1, features, count, out);
  }

  solve(strong: Int32Array, nStrong: number, penalty: CoordinatePenalty, maxPasses: number): SolveReport {
    const { beta, kernels } = this;
    const { xv, XsPtr } = this.std;
    const { l1, l2, lower, upper } = penalty;
    const n = this.nSamples;
    const rPtr = this.r.ptr;
    const step = (j: number): number => {
      const old = beta[j];
      const b = coordinateMinimizer(this.gradient(j) + xv[j] * old, xv[j], l1[j], l2[j], lower[j], upper[j]);
      const delta = b - old;
      if (delta === 0) return 0;
      beta[j] = b;
      kernels.axpy(-delta, XsPtr + 8 * j * n, rPtr, n);
      return xv[j] * delta * delta;
    };
    const passes = coordinateDescent(strong, nStrong, beta, this.active, { step }, this.thr, maxPasses);
    return { passes: Math.abs(passes), converged: passes > 0 };
  }

  lossValue(): number {
    const { wn } = this.std;
    const r = this.r.data;
    let s = 0;
    for (let i = 0; i < this.nSamples; i++) s += wn[i] * r[i] * r[i];
    return 0.5 * s;
  }
}
