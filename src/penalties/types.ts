// What a penalty is to the rest of proxpath: one spec per penalty (value, prox, certificate,
// λ_max, strong-rule cut, traits), read by the solvers, CV, the CLI and the page. Solvers read
// traits, never names.
//
// Penalty levels: with λ on the path, v_j (or v_g) the penalty factor and α the mixing, each
// coordinate sees l1 = λ·α·v_j and l2 = λ·(1−α)·v_j; a group sees w_g = λ·v_g·√|g| times its
// share. γ is the concavity of MCP and SCAD.

/** The numbers a penalty takes besides λ and the penalty factors. */
export interface PenaltyParams {
  alpha: number;
  /** MCP/SCAD concavity (ignored by the others). */
  gamma: number;
}

export interface PenaltyTraits {
  /** A convex penalty: the certificate proves a global optimum (else stationarity, a local one). */
  convex: boolean;
  /** One coordinate at a time (else blocks: groups of features). */
  separable: boolean;
  /** The exact LP/QP solvers of the absolute and quantile losses take it. */
  lpExact: boolean;
  /** Box constraints on the coefficients are supported. */
  bounds: boolean;
  /** Features come in groups (one label per feature). */
  grouped: boolean;
  /**
   * Its coordinate step is soft-threshold, shrink, clip: the one built into the WebAssembly
   * coordinate-descent kernels (src/cpu/kernels.wat), which then run it at full speed.
   */
  kernelMinimizer: boolean;
  /**
   * Scaling a coefficient scales the levels: P at (q·l1, q²·l2) of b equals P at (l1, l2) of q·b,
   * so one problem per column with its own coefficient scales q (CV's fold batch, whose folds
   * standardize apart) is the shared problem with rescaled levels. The elastic net is; MCP and
   * SCAD are not (their γ would rescale too).
   */
  homogeneous: boolean;
}

/** Per coordinate, at l1 = λαv_j, l2 = λ(1−α)v_j, concavity γ, box [lower, upper] ∋ 0. */
export interface CoordinateFunctions {
  /** P(b) (the box is a constraint, not a value). */
  value(b: number, l1: number, l2: number, gamma: number): number;
  /** prox_{t·P}(u) = argmin_b (b − u)²/(2t) + P(b) on [lower, upper]: a proximal gradient step. */
  prox(u: number, t: number, l1: number, l2: number, gamma: number, lower: number, upper: number): number;
  /** argmin_b ½·xv·b² − u·b + P(b) on [lower, upper] (xv > 0): coordinate descent's exact step. */
  minimizer(u: number, xv: number, l1: number, l2: number, gamma: number, lower: number, upper: number): number;
  /**
   * Distance from g (minus the smooth part's gradient) to ∂P(b) + N_[lower,upper](b), with the
   * Clarke subdifferential for the nonconvex penalties: 0 exactly at a stationary coordinate.
   */
  distance(g: number, b: number, l1: number, l2: number, gamma: number, lower: number, upper: number): number;
  /**
   * Concave penalties: P's slope at a = |b| ≥ 0 without the ridge part (l1 at 0), the weight
   * of the ℓ1 majorizer at b (local linear approximation, for the losses whose exact solvers
   * take only the elastic net).
   */
  slope?(a: number, l1: number, gamma: number): number;
}

/** Per group of m coordinates at level w = λ·v_g·√m (its group share) and l1 = λ·α·v_g. */
export interface BlockFunctions {
  /** P(β_g). */
  value(b: ArrayLike<number>, l1: number, l2: number, w: number): number;
  /** out[0 … z.length) = prox_{t·P}(z) over the block. */
  prox(z: ArrayLike<number>, t: number, l1: number, l2: number, w: number, out: Float64Array): void;
  /** ‖dist(g, ∂P(b))‖₂ over the block (0 exactly at the block's optimum). */
  distance(g: ArrayLike<number>, b: ArrayLike<number>, l1: number, l2: number, w: number): number;
  /** The smallest λ-scale s with the block at 0 when its gradient is g: P at s·(…) zeroes it. */
  zeroLevel(g: ArrayLike<number>, alpha: number, vSqrtM: number, v: number): number;
}

/** The group levels of one λ: what a block sees, from λ, α, v_g and the group's size. */
export interface BlockLevels {
  l1: number;
  l2: number;
  w: number;
}

export interface PenaltySpec {
  /** Its name in the registry (src/penalties/registry.ts), the option's and the CLI's. */
  name: string;
  /** One line for help texts and reports. */
  title: string;
  traits: PenaltyTraits;
  /** The mixing α when none is given, and what α means for this penalty. */
  defaultAlpha: number;
  alphaMeaning: string;
  /** γ: its default and the bound it must exceed, when the penalty has one. */
  gamma?: { default: number; above: number };
  /** Separable penalties: the per-coordinate functions. */
  coordinate?: CoordinateFunctions;
  /** Grouped penalties: the per-block functions, and a block's levels at λ. */
  block?: BlockFunctions;
  blockLevels?(lambda: number, params: PenaltyParams, v: number, size: number): BlockLevels;
  /**
   * The strong rule's cut for |g_j| (separable) or for the block's zero level (grouped) per unit
   * penalty factor: keep what may enter at λ given the gradient at λ_prev.
   */
  strongCut(lambda: number, lambdaPrev: number, params: PenaltyParams): number;
  /** The WGSL twin: paths under shaders/, the shared files it needs first, its own file last. */
  wgsl: readonly string[];
}

/**
 * True when the batched iteration (FISTA, proximal Newton, PDHG; the WebGPU kernels and their
 * float64 twin) solves the penalty with a loss: a separable penalty through its per-coefficient
 * prox (with a piecewise-linear loss, PDHG, a convex one); a grouped one through its block prox,
 * in FISTA, with a smooth loss.
 */
export function batchedSolves(spec: PenaltySpec, smoothLoss: boolean): boolean {
  if (spec.traits.separable) return smoothLoss || spec.traits.convex;
  return spec.block !== undefined && smoothLoss;
}
