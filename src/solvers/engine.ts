// What the path driver needs from a coordinate-descent engine (squared loss with a Gram matrix,
// squared loss on residuals, or IRLS for a smooth GLM loss). All in standardized coordinates.

import type { BreakpointTrace } from './breakpoint-trace.js';
import type { HeapArray } from '../wasm/kernels.js';
import type { Groups } from '../penalties/groups.js';
import type { PenaltyParams, PenaltySpec } from '../penalties/types.js';
import type { IndexList } from './cd-loop.js';
import type { Pacer } from './pacer.js';

/** Feature indices in the heap: data[0 … count) at byte offset ptr. */
export interface FeatureList {
  data: Int32Array;
  ptr: number;
  count: number;
}

/** Per-coordinate penalty of one λ; every array lives in the heap, at the matching Ptr. */
export interface CoordinatePenalty {
  /** The penalty (its traits say which of its functions apply), its α and γ, its groups. */
  spec: PenaltySpec;
  params: PenaltyParams;
  groups: Groups | null;
  /** The λ the arrays are set for. */
  lambda: number;
  /**
   * nFeatures λ·α·v_j and λ·(1−α)·v_j (grouped penalties: 0, their blocks' levels come from λ
   * and the spec; l1 = 0 also keeps the gradient refresh exact for every feature).
   */
  l1: Float64Array;
  l2: Float64Array;
  /** nFeatures bounds on the standardized coefficients. */
  lower: Float64Array;
  upper: Float64Array;
  l1Ptr: number;
  l2Ptr: number;
  lowerPtr: number;
  upperPtr: number;
}

export interface SolveReport {
  /** Coordinate passes over the strong set used. */
  passes: number;
  /** False when the pass budget ran out before the convergence threshold was met. */
  converged: boolean;
}

export interface CoordinateEngine {
  /** nFeatures standardized coefficients β̃ (the engine's state, warm-started along the path). */
  readonly beta: Float64Array;
  /** The features this engine has moved so far (its active-set passes visit them). */
  readonly everActive: IndexList;
  /** Intercept of the standardized problem: η = b̃0 + X̃β̃. */
  intercept(): number;
  /**
   * Minimizes the penalized objective over the features listed in the strong set (the
   * others stay 0) to the threshold, within maxPasses coordinate passes; pauses through `pacer`.
   */
  solve(strong: IndexList, penalty: CoordinatePenalty, maxPasses: number, pacer: Pacer): Promise<SolveReport>;
  /** Makes gradients() exact at the current state (e.g. forms −(w/n)·ℓ'). */
  prepareGradients(): void;
  /**
   * out[j] = −∂/∂β̃_j of the mean loss Σ (w_i/n) ℓ(y_i, η_i) at the current state, for the
   * listed features, in one sweep over their columns.
   */
  gradients(features: FeatureList, out: HeapArray): void;
  /**
   * When the gradients are products with one vector (g_j = scale·x̃_jᵀ vector, after
   * prepareGradients), that vector: it lets the KKT check bound how far a gradient can have
   * moved. Engines that keep g otherwise (covariance updates) have none.
   */
  gradientVector?(): { vector: HeapArray; scale: number };
  /** Σ (w_i/n) ℓ(y_i, η_i) at the current state. */
  lossValue(): number;
  /**
   * Moves the state to β̃ (nFeatures) and b̃0, keeping the engine's caches consistent: the polish
   * starts each λ from a batched solution this way. Engines for the squared loss keep their own
   * intercept (the weighted mean, exact for any β̃ on centered columns) and ignore b0. Engines
   * without it continue from their own state.
   */
  moveTo?(beta: Float64Array, b0: number): void;
  /** The exact path's breakpoints, for engines that trace them when asked (null: not asked). */
  breakpoints?(): BreakpointTrace | null;
}
