// Differentiable losses other than squared error (logistic, Poisson, Huber) by IRLS: each outer
// step replaces the loss by its quadratic model at the current η (weights W = (w/n)·ℓ'', or a
// majorizing curvature for Huber; working residual −(w/n)·ℓ'),
// solves that penalized weighted least squares by coordinate descent, and halves the step
// when the true objective does not decrease (a guard against divergence that glmnet's
// Fortran lacks, like its later glmnet.path).

import type { HeapArray } from '../wasm/kernels.js';
import type { SmoothLoss } from '../losses/types.js';
import type { Standardized } from '../problem/standardize.js';
import { type CoordinateSweep, coordinateDescent, IndexList, indexListDoubles, type ValleyState } from './cd-loop.js';
import type { Pacer } from './pacer.js';
import type { CoordinateEngine, CoordinatePenalty, FeatureList, SolveReport } from './engine.js';
import { addOffset } from './predictor.js';
import { blockLipschitz, blockPass, type BlockScratch, blockScratch, coordinatePass, type PassState } from './penalty-passes.js';
import { penaltyTotal } from './screening.js';
import { faceNewton, type FaceModel } from './face-newton.js';
import { residualFaceModel } from './face-models.js';
import { Residual } from './residual.js';

/** Step halvings tried before an IRLS step is taken anyway. */
const MAX_HALVINGS = 30;

export class IrlsEngine implements CoordinateEngine {
  readonly beta: Float64Array;
  private readonly betaPtr: number;
  private b0: number;
  /** nSamples linear predictors offset + b̃0 + X̃β̃, and their value before the current step. */
  private readonly eta: HeapArray;
  private readonly etaOld: HeapArray;
  /** nSamples change of η over one IRLS step. */
  private readonly dir: HeapArray;
  /**
   * nSamples IRLS weights and weighted working residuals (residual.ts, update weights W). While
   * the model is fresh (evaluated at the current η and not yet consumed by coordinate passes),
   * r = −(w/n)·ℓ' and the gradients are its products with the columns.
   */
  private readonly W: HeapArray;
  private readonly residual: Residual;
  private readonly r: HeapArray;
  /** nFeatures β̃ − β̃ before an IRLS step's passes (the step's direction in coefficients). */
  private readonly betaDelta: Float64Array;
  /** nFeatures Σ_i W_i x̃_ij², the coordinate curvatures of the quadratic model (heap). */
  private readonly xvW: HeapArray;
  private readonly betaOld: Float64Array;
  private readonly active: IndexList;
  /** Σ W and the mean loss of the model in W and r, and whether that model matches η. */
  private sumW = 0;
  private meanLoss = 0;
  private modelFresh = false;
  /** Grouped penalties: L_g per group, for the current model, and the block passes' scratch (penalty-passes.ts). */
  private lipschitz: Float64Array | null = null;
  private scratch: BlockScratch = blockScratch(0, 0);

  /** Heap doubles this engine allocates: four nSamples vectors and the residual, β̃, curvatures, active list. */
  static heapDoubles(nSamples: number, nFeatures: number): number {
    return 4 * (nSamples + 2) + Residual.heapDoubles(nSamples, nFeatures) + 2 * (nFeatures + 2) + indexListDoubles(nFeatures);
  }

  /** @param eta0 the starting predictor (the null model's, or 0 without intercept) */
  constructor(
    private readonly std: Standardized,
    private readonly nSamples: number,
    private readonly y: Float64Array,
    private loss: SmoothLoss,
    private readonly fitIntercept: boolean,
    eta0: number,
    private readonly thr: number,
    /** Whether the passes have been seen crawling along a valley, and whether to confirm there (cd-loop.ts). */
    private readonly valley: ValleyState = { seen: false, confirm: true },
    /** nSamples offsets in η (glmnet's offset), or null. */
    private readonly offset: Float64Array | null = null,
  ) {
    const p = std.xv.length;
    const heap = std.heap;
    ({ data: this.beta, ptr: this.betaPtr } = heap.alloc(p));
    this.beta.fill(0);
    this.betaOld = new Float64Array(p);
    this.betaDelta = new Float64Array(p);
    this.xvW = heap.alloc(p);
    this.b0 = eta0;
    this.eta = heap.alloc(nSamples);
    this.eta.data.fill(eta0);
    if (offset) for (let i = 0; i < nSamples; i++) this.eta.data[i] += offset[i];
    this.etaOld = heap.alloc(nSamples);
    this.dir = heap.alloc(nSamples);
    this.W = heap.alloc(nSamples);
    this.residual = new Residual(std, nSamples, { gw: 0, gscale: 1, uw: this.W.ptr });
    this.r = this.residual.r;
    this.active = new IndexList(heap, p);
  }

  get everActive(): IndexList {
    return this.active;
  }

  intercept(): number {
    return this.b0;
  }

  /** nSamples linear predictors (offset +) b̃0 + X̃β̃ of the current state (read only). */
  get predictor(): Float64Array {
    return this.eta.data;
  }

  /** Continues with another loss (the piecewise-linear solver lowers its smoothing). */
  setLoss(loss: SmoothLoss): void {
    this.loss = loss;
    this.modelFresh = false;
  }

  /** Moves the state to (β̃, b̃0) with predictors η = (offset +) b̃0 + X̃β̃, computed by the caller. */
  setState(beta: Float64Array, b0: number, eta: Float64Array): void {
    this.beta.set(beta);
    this.b0 = b0;
    this.eta.data.set(eta);
    for (let j = 0; j < beta.length; j++) if (beta[j] !== 0 && !this.active.flag[j]) this.active.add(j);
    this.modelFresh = false;
  }

  /** Moves to (β̃, b̃0): η = offset + b̃0 + X̃β̃ in float64 (the intercept kept at b̃0 only when fitted). */
  moveTo(beta: Float64Array, b0: number): void {
    const intercept = this.fitIntercept ? b0 : this.b0;
    const eta = this.std.design.predictor(beta, intercept, new Float64Array(this.nSamples));
    this.setState(beta, intercept, addOffset(eta, this.offset));
  }

  prepareGradients(): void {
    if (!this.modelFresh) this.evaluateModel();
  }

  gradientVector(): { vector: HeapArray; scale: number } {
    return { vector: this.r, scale: 1 };
  }

  gradients(features: FeatureList, out: HeapArray): void {
    this.std.design.gradients(features, this.r.ptr, out.ptr, 1);
  }

  lossValue(): number {
    if (!this.modelFresh) this.evaluateModel();
    return this.meanLoss;
  }

  /**
   * The quadratic model (W, r, Σ W) and the mean loss at the current η, in one pass over the
   * samples; valid until the coordinate passes change r or η moves.
   */
  private evaluateModel(): void {
    const { sumW, value } = this.loss.quadraticModel(this.y, this.eta.data, this.std.wn, this.W.data, this.r.data);
    this.sumW = sumW;
    this.meanLoss = value;
    this.modelFresh = true;
    this.residual.restart();
  }

  private penaltyOf(strong: IndexList, penalty: CoordinatePenalty): number {
    return penaltyTotal(strong, this.beta, penalty, this.std.usable);
  }

  /** The state the TypeScript passes of penalty-passes.ts work on. */
  private passState(): PassState {
    return { std: this.std, beta: this.beta, xvW: this.xvW.data, W: this.W, residual: this.residual, scratch: this.scratch };
  }

  /** One pass over the list: the kernels' built-in minimizer, or the spec's coordinate or block step. */
  private pass(list: IndexList, penalty: CoordinatePenalty): number {
    const { traits } = penalty.spec;
    if (traits.kernelMinimizer) return this.residual.pass(list, this.betaPtr, this.xvW.ptr, penalty);
    if (traits.separable) return coordinatePass(this.passState(), list, penalty);
    return blockPass(this.passState(), list, penalty, this.lipschitz!);
  }

  /** The coordinate curvatures Σ_i W_i x̃_ij² of the strong set (and the blocks' L_g), for the current model. */
  private curvatures(strong: IndexList, penalty: CoordinatePenalty): void {
    if (penalty.groups) {
      if (!this.lipschitz) {
        this.lipschitz = new Float64Array(penalty.groups.members.length);
        this.scratch = blockScratch(this.beta.length, penalty.groups.members.length);
      }
      blockLipschitz(this.passState(), strong, penalty, this.lipschitz);
    }
    this.residual.curvatures(strong, this.W.ptr, this.xvW);
  }

  /** Σ r: the intercept's gradient in the quadratic model. */
  private residualSum(): number {
    return this.residual.total();
  }

  /** b̃0 += delta, and the working residual follows: r −= delta·W. */
  private moveIntercept(delta: number): void {
    this.b0 += delta;
    this.residual.shift(delta);
  }

  /** The quadratic model on residuals, for Newton steps on the active face (face-newton.ts). */
  private faceModel(): FaceModel {
    const intercept = { curvature: () => this.sumW, gradient: () => this.residualSum(), move: (d: number) => this.moveIntercept(d) };
    return residualFaceModel({
      design: this.std.design, residual: this.residual, beta: this.beta, hw: this.W.ptr, hscale: 1, curvatures: this.xvW.data,
      intercept: this.fitIntercept ? intercept : undefined,
    });
  }

  /**
   * @param stop called after each IRLS step; true ends the solve early (reported converged),
   *   e.g. when the piecewise-linear solver's exact finish has succeeded from this state
   */
  async solve(strong: IndexList, penalty: CoordinatePenalty, maxPasses: number, pacer: Pacer, stop?: () => boolean): Promise<SolveReport> {
    const { beta, betaOld, betaDelta } = this;
    const xvW = this.xvW.data;
    const n = this.nSamples;
    const eta = this.eta.data;
    const etaOld = this.etaOld.data;
    const dir = this.dir.data;
    const sweep: CoordinateSweep = { pass: (list) => this.pass(list, penalty) };
    if (this.fitIntercept) {
      sweep.interceptStep = () => {
        const delta = this.residualSum() / this.sumW;
        this.moveIntercept(delta);
        return this.sumW * delta * delta;
      };
    }
    if (penalty.spec.traits.kernelMinimizer) {
      const model = this.faceModel();
      sweep.faceStep = (maxSteps: number) => faceNewton(model, this.active, beta, penalty, maxSteps);
    }

    let passes = 0;
    if (!this.modelFresh) this.evaluateModel();
    let objOld = this.meanLoss + this.penaltyOf(strong, penalty);
    while (passes < maxPasses) {
      this.curvatures(strong, penalty);
      const sumW = this.sumW;
      for (let t = 0; t < strong.count; t++) betaOld[strong.data[t]] = beta[strong.data[t]];
      const b0Old = this.b0;
      etaOld.set(eta);
      this.modelFresh = false; // the passes consume r
      const inner = await coordinateDescent(strong, beta, this.active, sweep, this.thr, maxPasses - passes, pacer, this.valley);
      passes += Math.abs(inner);

      // η moves along X̃·(β̃ − β̃old) + (b̃0 − b̃0old); halve the step while the objective rises.
      dir.fill(this.b0 - b0Old);
      let change = sumW * (this.b0 - b0Old) ** 2;
      for (let t = 0; t < strong.count; t++) {
        const j = strong.data[t];
        betaDelta[j] = beta[j] - betaOld[j];
        change = Math.max(change, xvW[j] * betaDelta[j] * betaDelta[j]);
      }
      this.std.design.combine(strong.data, strong.count, betaDelta, this.dir.ptr);
      let scale = 1;
      let obj = objOld;
      for (let h = 0; h <= MAX_HALVINGS; h++) {
        for (let i = 0; i < n; i++) eta[i] = etaOld[i] + scale * dir[i];
        this.evaluateModel(); // the next step's model, and the loss to accept this one
        obj = this.meanLoss + this.penaltyOf(strong, penalty);
        if (obj <= objOld + 1e-12 * Math.abs(objOld) || h === MAX_HALVINGS) break;
        scale *= 0.5;
        this.b0 = b0Old + 0.5 * (this.b0 - b0Old);
        for (let t = 0; t < strong.count; t++) {
          const j = strong.data[t];
          beta[j] = betaOld[j] + 0.5 * (beta[j] - betaOld[j]);
        }
      }
      // A step the halvings could not make descend is no sign of convergence, however short.
      const stalled = obj > objOld + 1e-12 * Math.abs(objOld);
      objOld = obj;
      if (inner > 0 && !stalled && change * scale * scale <= this.thr) return { passes, converged: true };
      if (stop?.()) return { passes, converged: true };
    }
    return { passes, converged: false };
  }
}
