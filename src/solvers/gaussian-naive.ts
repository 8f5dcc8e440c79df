// Squared loss by residual ("naive") updates: r = y − X̃β̃ is kept, each coordinate update costs
// two passes over one column (a dot product and an axpy: n entries dense, the column's nonzeros
// sparse, residual.ts). The method for p large or n ≲ p.

import type { HeapArray } from '../wasm/kernels.js';
import type { Standardized } from '../problem/standardize.js';
import { coordinateDescent, IndexList, indexListDoubles, type ValleyState } from './cd-loop.js';
import type { Pacer } from './pacer.js';
import type { CoordinateEngine, CoordinatePenalty, FeatureList, SolveReport } from './engine.js';
import { faceNewton } from './face-newton.js';
import { residualFaceModel } from './face-models.js';
import { Residual } from './residual.js';

export class GaussianNaiveEngine implements CoordinateEngine {
  readonly beta: Float64Array;
  private readonly betaPtr: number;
  /** Coordinates visited by coordinate passes so far (each costs O(n)). */
  coordinatesVisited = 0;
  /** The residuals y − X̃β̃ (float64), in the heap. */
  private readonly residual: Residual;
  /** nSamples (w_i/n)·r_i, formed for gradient sweeps when the weights differ. */
  private readonly wr: HeapArray;
  private readonly active: IndexList;

  /** Heap doubles this engine allocates. */
  static heapDoubles(nSamples: number, nFeatures: number): number {
    return Residual.heapDoubles(nSamples, nFeatures) + nSamples + 2 + nFeatures + 2 + indexListDoubles(nFeatures);
  }

  /** @param yc nSamples responses, centered when there is an intercept (float64) */
  constructor(
    private readonly std: Standardized,
    private readonly nSamples: number,
    yc: Float64Array,
    private readonly thr: number,
    /** Whether the passes have been seen crawling along a valley, and whether to confirm there (cd-loop.ts). */
    private readonly valley: ValleyState = { seen: false, confirm: true },
  ) {
    const p = std.xv.length;
    const heap = std.heap;
    ({ data: this.beta, ptr: this.betaPtr } = heap.alloc(p));
    this.beta.fill(0);
    // Gradient weights: one scale when all weights are equal, else the weight vector.
    const { wn, wnPtr, uniformWeights } = std;
    this.residual = new Residual(std, nSamples, { gw: uniformWeights ? 0 : wnPtr, gscale: uniformWeights ? wn[0] : 1, uw: 0 });
    this.residual.r.data.set(yc);
    this.residual.fixedWeightSums();
    this.residual.restart();
    this.wr = heap.alloc(nSamples);
    this.active = new IndexList(heap, p);
  }

  get everActive(): IndexList {
    return this.active;
  }

  intercept(): number {
    return 0;
  }

  /** Forms (w/n)∘r when the weights differ, so that g_j = x̃_jᵀ(w/n ∘ r). */
  prepareGradients(): void {
    this.residual.settle();
    const { wn, uniformWeights } = this.std;
    if (uniformWeights) return;
    const wr = this.wr.data;
    const r = this.residual.r.data;
    for (let i = 0; i < this.nSamples; i++) wr[i] = wn[i] * r[i];
  }

  gradientVector(): { vector: HeapArray; scale: number } {
    const { wn, uniformWeights } = this.std;
    return uniformWeights ? { vector: this.residual.r, scale: wn[0] } : { vector: this.wr, scale: 1 };
  }

  gradients(features: FeatureList, out: HeapArray): void {
    const { vector, scale } = this.gradientVector();
    this.std.design.gradients(features, vector.ptr, out.ptr, scale);
  }

  async solve(strong: IndexList, penalty: CoordinatePenalty, maxPasses: number, pacer: Pacer): Promise<SolveReport> {
    const { betaPtr, residual } = this;
    const { design, xvPtr, wn, wnPtr, uniformWeights } = this.std;
    const sweep = {
      pass: (list: IndexList) => {
        this.coordinatesVisited += list.count;
        return residual.pass(list, betaPtr, xvPtr, penalty);
      },
      activeFirst: true,
    };
    const model = residualFaceModel({
      design, residual, beta: this.beta, hw: uniformWeights ? 0 : wnPtr, hscale: uniformWeights ? wn[0] : 1, curvatures: this.std.xv,
    });
    const faceStep = (maxSteps: number) => faceNewton(model, this.active, this.beta, penalty, maxSteps);
    const passes = await coordinateDescent(
      strong, this.beta, this.active, { ...sweep, faceStep: penalty.spec.traits.kernelMinimizer ? faceStep : undefined }, this.thr, maxPasses, pacer,
      this.valley,
    );
    return { passes: Math.abs(passes), converged: passes > 0 };
  }

  /** Moves to β̃: r = yc − X̃β̃ follows by one axpy per changed coefficient. */
  moveTo(beta: Float64Array): void {
    for (let j = 0; j < beta.length; j++) {
      const delta = beta[j] - this.beta[j];
      if (delta === 0) continue;
      this.residual.move(j, delta);
      this.beta[j] = beta[j];
      if (beta[j] !== 0 && !this.active.flag[j]) this.active.add(j);
    }
  }

  lossValue(): number {
    this.residual.settle();
    const { wn } = this.std;
    const r = this.residual.r.data;
    let s = 0;
    for (let i = 0; i < this.nSamples; i++) s += wn[i] * r[i] * r[i];
    return 0.5 * s;
  }
}
