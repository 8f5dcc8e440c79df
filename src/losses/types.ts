// A loss is a spec (its name, parameters, link and response traits, WGSL twin) that makes the
// few scalar functions of (y, η) the solvers use. Solvers, CV, validation and the hosts read
// the spec's fields and the loss's traits; none of them branches on a loss's name.

import type { PathStopRule } from './path-stop.js';

/** The option keys of the loss parameters (FitOptions, the CLI's --<key>, the result's problem). */
export type LossParamKey = 'delta' | 'tau';

/** Values of a loss's parameters, by key (a loss reads only its own). */
export type LossParams = Partial<Record<LossParamKey, number>>;

/** A numeric parameter of a loss (Huber's δ, the quantile level τ). */
export interface LossParamSpec {
  /** The option's key: FitOptions[key], `--<key>` on the command line, problem[key] in the result. */
  readonly key: LossParamKey;
  /** Its symbol in summaries ('δ'). */
  readonly symbol: string;
  /** What it is, for people: the CLI's help and the page's messages ('Huber threshold δ'). */
  readonly description: string;
  /** The value when the option is not given. */
  readonly default: number;
  /** What is wrong with a (non-NaN) value, e.g. 'must be > 0'; undefined when it is allowed. */
  check(value: number): string | undefined;
  /** The WGSL `override` constant of the loss's shader that takes the value, if it reads one. */
  readonly wgslConstant?: string;
}

/**
 * The kind of response a loss models: real numbers, 0/1 labels (which the class and AUC
 * measures, stratified folds and predict's `class` need), or counts ≥ 0.
 */
export type ResponseKind = 'real' | 'binary' | 'count';

/** A loss as proxpath knows it: one per file in src/losses/, listed in registry.ts. */
export interface LossSpec {
  readonly name: string;
  /** Its parameters, in the order the CLI and the page show them. */
  readonly params: readonly LossParamSpec[];
  readonly response: ResponseKind;
  /** The mean response at link value η (predict's `response`, CV's mse and mae). */
  inverseLink(eta: number): number;
  /** Binary responses: the class (0 or 1) that predict gives at link value η. */
  classify?(eta: number): number;
  /** cv.glmnet's default measure for the matching family. */
  readonly defaultMeasure: 'mse' | 'deviance';
  /**
   * Its WGSL twin under shaders/ (e.g. 'losses/huber.wgsl'), which receives the parameters that
   * name a wgslConstant (and a piecewise-linear loss's slopes).
   */
  readonly wgsl: string;
  /** The loss with these values of its parameters (checked ones; a missing one at its default). */
  make(params: LossParams): Loss;
}

/** What every loss has. */
interface LossBase {
  readonly name: string;
  /**
   * Throws InputError (naming the 1-based row and the value) when y is not in the loss's
   * domain, e.g. logistic y ∉ {0, 1}; `weights` (length n, ≥ 0) lets it ignore zero-weight rows.
   */
  checkResponse(y: Float64Array, weights: Float64Array): void;
  /** ℓ(y, η). */
  value(y: number, eta: number): number;
  /** ∂ℓ/∂η at (y, η); where ℓ has a kink, one subgradient (the one of least magnitude). */
  derivative(y: number, eta: number): number;
  /** ℓ at the saturated fit (η = best per sample); deviance = 2 Σ w (ℓ(y, η) − saturated(y)). */
  saturated(y: number): number;
  /** The optimal constant η for the null model: argmin_c Σ w_i ℓ(y_i, c), weights summing to n. */
  nullEta(y: Float64Array, weights: Float64Array): number;
  /** True when the loss is ½(y − η)², for which the solver needs no IRLS outer loop. */
  readonly quadratic: boolean;
  /**
   * True when ℓ(y, η) depends on the residual y − η only (squared, Huber, absolute, quantile): an
   * offset o then folds into the response, ℓ(y, o + η) = ℓ(y − o, η), exactly. Otherwise (logistic,
   * Poisson) the solvers add the offset to η.
   */
  readonly residual: boolean;
  /** When a default path stops early (glmnet's rule for the matching family). */
  readonly pathStop: PathStopRule;
}

/** A differentiable loss (squared, logistic, Poisson, Huber): solved by IRLS. */
export interface SmoothLoss extends LossBase {
  readonly smooth: true;
  /**
   * The IRLS weight at (y, η): ∂²ℓ/∂η², floored where it vanishes (squared, logistic, Poisson),
   * or, where ℓ'' jumps (Huber), the curvature of the quadratic that majorizes ℓ and touches
   * it at η.
   */
  curvature(y: number, eta: number): number;
  /**
   * Optional: the curvature of proximal Newton's model (NewtonOps.curvatures) where it differs
   * from `curvature`: ∂²ℓ/∂η² where ℓ'' exists, kept away from 0 (Huber: 1 inside the band, a
   * thousandth of the majorizing weight outside). A majorizer is safe but makes Newton crawl;
   * the line search keeps the true curvature's steps safe.
   */
  newtonCurvature?(y: number, eta: number): number;
  /**
   * The IRLS quadratic model at η for all samples at once: W_i = wn_i·curvature(y_i, η_i),
   * r_i = −wn_i·derivative(y_i, η_i), and returns Σ W_i and the mean loss Σ wn_i·ℓ(y_i, η_i).
   * Same values as the scalar functions, in one loop that shares their work.
   */
  quadraticModel(
    y: Float64Array,
    eta: Float64Array,
    wn: Float64Array,
    W: Float64Array,
    r: Float64Array,
  ): { sumW: number; value: number };
}

/**
 * A piecewise-linear loss of the residual r = y − η (absolute error, quantile): ℓ = above·r for
 * r ≥ 0 and below·r for r < 0. Its subdifferential at the kink is the interval
 * [below, above] of residual slopes, which is also the box of its dual variables.
 */
export interface PiecewiseLinearLoss extends LossBase {
  readonly smooth: false;
  readonly slopes: { readonly below: number; readonly above: number };
}

export type Loss = SmoothLoss | PiecewiseLinearLoss;
