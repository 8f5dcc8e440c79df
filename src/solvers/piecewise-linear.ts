// Absolute and quantile losses, exactly. With the lasso (α = 1) each λ is a linear program,
// pivoted from the previous λ's vertex (simplex.ts); with a ridge part, the previous λ's
// structure is tried first (between breakpoints of the path it is still right: the exact
// finish), then the primal active-set method walks from the previous optimum (active-set.ts),
// on a perturbed y when ties make it cycle. The last resort, for degenerate data where all of
// these cycle: minimize the Moreau envelope of the loss for decreasing smoothing μ with the
// IRLS coordinate descent, and finish exactly from the structure of its optimum.

import type { HeapArray, Kernels } from '../wasm/kernels.js';
import { smoothed } from '../losses/smoothed.js';
import type { PiecewiseLinearLoss } from '../losses/types.js';
import type { Standardized } from '../problem/standardize.js';
import type { IndexList } from './cd-loop.js';
import type { CoordinateEngine, CoordinatePenalty, FeatureList, SolveReport } from './engine.js';
import { IrlsEngine } from './irls.js';
import type { Pacer } from './pacer.js';
import { exactFinish, type FinishData, type FinishResult, finishDataOf } from './piecewise-linear-finish.js';
import { meanLoss } from './predictor.js';
import { simplexSolve, type Vertex } from './simplex.js';
import type { PivotState } from './pivot-state.js';
import { activeSetSolve, perturbedSolve } from './active-set.js';
import type { ActiveSetState } from './active-set-state.js';
import { certify, gradientsOf, verify } from './piecewise-linear-dual.js';
import { type BreakpointTrace, BreakpointTracer, type TraceHost } from './breakpoint-trace.js';

/** Steps of the active-set method per λ before it counts as cycling: a base and per feature. */
const ACTIVE_SET_STEPS = 500;
const ACTIVE_SET_STEPS_PER_FEATURE = 20;
/** Smoothing starts at this fraction of the null model's mean absolute residual… */
const MU_START = 1e-2;
/** …falls by this factor while the finish fails… */
const MU_STEP = 10;
/** …and gives up below this fraction (the finish should have succeeded long before). */
const MU_MIN = 1e-12;
/**
 * The smoothed problems are solved to this fraction of the path's threshold: the finish needs
 * the structure of their optimum, which a loose solve does not show (it is tried after every
 * IRLS step, so a tight threshold costs nothing once the structure is right).
 */
const INNER_TOLERANCE = 1e-3;

export class PiecewiseLinearEngine implements CoordinateEngine {
  private readonly irls: IrlsEngine;
  /** nSamples wn_i·u_i: the dual slopes weighted, whose products with the columns are the gradients. */
  private readonly gradientVec: HeapArray;
  /** nSamples flags of the samples on their kink at the last exact solution. */
  private elbow: Uint8Array;
  /** nSamples dual slopes of the last solution (the null model's at the start). */
  private slope: Float64Array;
  private readonly finishData: FinishData;
  /** The smoothing at which the last finish succeeded: the next λ starts there. */
  private muStart: number;
  private meanLoss = 0;
  /** The simplex's state at the last accepted optimum, when the simplex found it: the next λ starts there. */
  private pivotState: PivotState | null = null;
  /** The active-set method's state at the last accepted optimum, when it found it (α < 1): likewise. */
  private activeState: ActiveSetState | null = null;
  private readonly kernels: Kernels;
  /** With the breakpoints asked for: the homotopy between the grid's λ (breakpoint-trace.ts). */
  private readonly tracer: BreakpointTracer | null;
  private readonly traceHost: TraceHost;

  static heapDoubles(nSamples: number, nFeatures: number): number {
    // The gradients' vector and the simplex's scratch (finishData.heap).
    return IrlsEngine.heapDoubles(nSamples, nFeatures) + 2 * nSamples + 4;
  }

  constructor(
    private readonly std: Standardized,
    private readonly nSamples: number,
    private readonly y: Float64Array,
    private readonly loss: PiecewiseLinearLoss,
    fitIntercept: boolean,
    eta0: number,
    thr: number,
    traceBreakpoints = false,
  ) {
    const n = nSamples;
    this.finishData = {
      ...finishDataOf(std, y, loss, fitIntercept, eta0),
      heap: { kernels: std.heap.kernels, XsPtr: std.XsPtr, scratch: std.heap.alloc(n) },
    };
    // The smoothing μ is measured in units of the null model's mean absolute residual.
    this.muStart = MU_START * this.finishData.residualScale;
    this.irls = new IrlsEngine(std, n, y, smoothed(loss, this.muStart), fitIntercept, eta0, INNER_TOLERANCE * thr);
    this.gradientVec = std.heap.alloc(n);
    this.kernels = std.heap.kernels;
    this.elbow = new Uint8Array(n);
    this.slope = new Float64Array(n);
    this.setNullSlopes(eta0, fitIntercept);
    this.tracer = traceBreakpoints ? new BreakpointTracer() : null;
    this.traceHost = {
      d: this.finishData,
      start: () => this.start(),
      accept: (result, state) => {
        this.accept(result);
        this.pivotState = state;
      },
    };
  }

  /** The exact path's breakpoints traced so far (null: not asked for). */
  breakpoints(): BreakpointTrace | null {
    return this.tracer?.trace ?? null;
  }

  /**
   * The dual slopes of the null model: each sample's side, and on the kink (the quantile sample
   * and its ties) the one value that balances Σ wn_i u_i = 0 (with an intercept), clipped.
   */
  private setNullSlopes(eta0: number, fitIntercept: boolean): void {
    const { below, above } = this.loss.slopes;
    const { wn } = this.std;
    const slope = new Float64Array(this.nSamples);
    let outside = 0;
    let onKink = 0;
    for (let i = 0; i < this.nSamples; i++) {
      const r = this.y[i] - eta0;
      if (r === 0) {
        this.elbow[i] = 1;
        onKink += wn[i];
      } else {
        slope[i] = r > 0 ? above : below;
        outside += wn[i] * slope[i];
      }
    }
    const u = fitIntercept && onKink > 0 ? Math.min(above, Math.max(below, -outside / onKink)) : 0;
    for (let i = 0; i < this.nSamples; i++) if (this.elbow[i]) slope[i] = u;
    this.setSlopes(slope);
    this.meanLoss = meanLoss(this.loss, this.y, this.std.wn, this.irls.predictor);
  }

  private setSlopes(slope: Float64Array): void {
    this.slope = slope;
    const g = this.gradientVec.data;
    const { wn } = this.std;
    for (let i = 0; i < this.nSamples; i++) g[i] = wn[i] * slope[i];
  }

  get beta(): Float64Array {
    return this.irls.beta;
  }

  get everActive(): IndexList {
    return this.irls.everActive;
  }

  intercept(): number {
    return this.irls.intercept();
  }

  prepareGradients(): void {}

  gradientVector(): { vector: HeapArray; scale: number } {
    return { vector: this.gradientVec, scale: 1 };
  }

  gradients(features: FeatureList, out: HeapArray): void {
    this.kernels.dot_many(this.std.XsPtr, this.nSamples, features.ptr, features.count, this.gradientVec.ptr, out.ptr, 1);
  }

  lossValue(): number {
    return this.meanLoss;
  }

  private accept(result: FinishResult): void {
    this.pivotState = null;
    this.activeState = null;
    this.irls.setState(result.beta, result.b0, result.eta);
    this.elbow = result.elbow;
    this.setSlopes(result.slope);
    this.meanLoss = meanLoss(this.loss, this.y, this.std.wn, result.eta);
  }

  /** The current solution, certified by its dual slopes when they still satisfy this λ's conditions. */
  private stillOptimal(features: ArrayLike<number>, penalty: CoordinatePenalty): FinishResult | null {
    const d = this.finishData;
    const g = gradientsOf(d, features, this.slope, this.irls.beta.length);
    const eta = this.irls.predictor.slice();
    const beta = this.irls.beta.slice();
    const result = certify(d, features, penalty, beta, this.irls.intercept(), eta, this.slope.slice(), this.elbow, g);
    return verify(d, features, penalty, result) ? result : null;
  }

  private finish(strong: IndexList, penalty: CoordinatePenalty, elbow: Uint8Array): FinishResult | null {
    return exactFinish(
      this.finishData, strong.data.subarray(0, strong.count), penalty, this.irls.beta, this.irls.predictor, elbow,
    );
  }

  /** Flags of the samples inside the smoothed band below·μ ≤ r ≤ above·μ. */
  private band(mu: number): Uint8Array {
    const { below, above } = this.loss.slopes;
    const eta = this.irls.predictor;
    const flags = new Uint8Array(this.nSamples);
    for (let i = 0; i < this.nSamples; i++) {
      const r = this.y[i] - eta[i];
      flags[i] = r >= below * mu && r <= above * mu ? 1 : 0;
    }
    return flags;
  }

  /** Where this λ's solve starts: the engine's state, the previous λ's optimum. */
  private start(): Vertex {
    return { beta: this.irls.beta, b0: this.irls.intercept(), eta: this.irls.predictor, elbow: this.elbow };
  }

  /**
   * The exact methods from the previous λ's optimum: the simplex (α = 1), or (α < 1) the current
   * solution if its dual still certifies it, the previous structure's exact finish and the
   * active-set method, on the perturbed problem when ties make it cycle. Every result is verified
   * independently (see verify) and accepted; `converged` says whether one was.
   */
  private async exactSolve(strong: IndexList, penalty: CoordinatePenalty, maxPasses: number, pacer: Pacer): Promise<SolveReport> {
    const features = strong.data.subarray(0, strong.count);
    const d = this.finishData;
    let passes = 0;
    const checked = (r: FinishResult | null) => (r && verify(d, features, penalty, r) ? r : null);
    let result: FinishResult | null = null;
    if (features.every((j) => penalty.l2[j] === 0)) {
      // A linear program: pivot from the current vertex (the previous λ's optimum), along the
      // path's breakpoints when they are asked for.
      if (this.tracer) passes += await this.tracer.follow(this.traceHost, this.pivotState, features, penalty, penalty.lambda, maxPasses, pacer);
      const pivoted = await simplexSolve(d, features, penalty, this.start(), maxPasses, pacer, this.pivotState);
      passes += pivoted.pivots + 1;
      result = checked(pivoted.result);
      if (result) {
        this.accept(result);
        this.pivotState = pivoted.state;
        this.tracer?.solved(penalty.lambda, result, true);
        return { passes, converged: true };
      }
    } else if (!this.activeState?.continues(d, features, this.start())) {
      // The previous solution with its dual, when it still certifies (at λ_max the null model's
      // dual does, which ties may hide from the active-set method); then the previous λ's
      // structure: between breakpoints of the path it is still right. (The active-set method's
      // carried state tries that itself, from its updated inverse.)
      result = this.stillOptimal(features, penalty) ?? checked(this.finish(strong, penalty, this.elbow));
      passes++;
    }
    const budget = () => Math.min(maxPasses - passes, ACTIVE_SET_STEPS + ACTIVE_SET_STEPS_PER_FEATURE * features.length);
    if (!result) {
      const walked = await activeSetSolve(d, features, penalty, this.start(), budget(), pacer, false, this.activeState);
      passes += walked.iterations;
      result = checked(walked.result);
      if (result) {
        this.accepted(result, penalty);
        this.activeState = walked.state;
        return { passes, converged: true };
      }
      const perturbedWalk = await perturbedSolve(d, features, penalty, this.start(), budget(), pacer);
      passes += perturbedWalk.iterations;
      result = checked(perturbedWalk.result);
    }
    if (result) this.accepted(result, penalty);
    return { passes, converged: result !== null };
  }

  /** Accepts an optimum found without the simplex's state (the trace resumes after a gap). */
  private accepted(result: FinishResult, penalty: CoordinatePenalty): void {
    this.accept(result);
    this.tracer?.solved(penalty.lambda, result, false);
  }

  async solve(strong: IndexList, penalty: CoordinatePenalty, maxPasses: number, pacer: Pacer): Promise<SolveReport> {
    const features = strong.data.subarray(0, strong.count);
    // Every result is verified independently before it is accepted (see verify).
    const checked = (r: FinishResult | null) => (r && verify(this.finishData, features, penalty, r) ? r : null);
    const exact = await this.exactSolve(strong, penalty, maxPasses, pacer);
    let passes = exact.passes;
    if (exact.converged) return exact;
    const minMu = MU_MIN * this.finishData.residualScale;
    let mu = this.muStart;
    for (; mu >= minMu && passes < maxPasses; mu /= MU_STEP) {
      this.irls.setLoss(smoothed(this.loss, mu));
      // The finish is tried after every IRLS step: the structure is usually right long before
      // the smoothed problem has converged.
      let result: FinishResult | null = null;
      const found = () => (result = checked(this.finish(strong, penalty, this.band(mu)))) !== null;
      passes += (await this.irls.solve(strong, penalty, maxPasses - passes, pacer, found)).passes;
      if (result || found()) {
        this.accepted(result!, penalty);
        this.muStart = mu;
        return { passes, converged: true };
      }
    }
    // From the smoothed point (near the optimum), the active-set method on the perturbed
    // problem once more: ties that made it cycle from the previous λ's optimum may not here.
    for (const method of [activeSetSolve, perturbedSolve]) {
      const budget = ACTIVE_SET_STEPS + ACTIVE_SET_STEPS_PER_FEATURE * features.length;
      const walked = await method(this.finishData, features, penalty, { ...this.start(), elbow: this.band(mu * MU_STEP) }, budget, pacer);
      passes += walked.iterations;
      const late = checked(walked.result);
      if (late) {
        this.accepted(late, penalty);
        return { passes, converged: true };
      }
    }
    // No exact solution found: keep the smoothed one, with the slopes of the last smoothing as
    // an approximate dual (the reported KKT violation says how far from optimal it is).
    const { below, above } = this.loss.slopes;
    const eta = this.irls.predictor;
    mu *= MU_STEP; // the last smoothing solved
    this.tracer?.lost();
    const slope = new Float64Array(this.nSamples);
    for (let i = 0; i < this.nSamples; i++) slope[i] = Math.min(above, Math.max(below, (this.y[i] - eta[i]) / mu));
    this.setSlopes(slope);
    this.meanLoss = meanLoss(this.loss, this.y, this.std.wn, eta);
    return { passes, converged: false };
  }
}
