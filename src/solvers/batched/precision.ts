// What a backend's arithmetic lets the batched solvers ask of it. The float64 CPU twin reaches
// any KKT target the caller sets; a float32 device cannot: its gradients X̃₁ᵀD are sums of n
// float32 products, exact only to a few float32 epsilons of the gradient's scale. A target
// below that would keep a column iterating, on rounding noise, until maxIterations.
//
// The stated float32 tolerance: a column's KKT target is at least
//   FLOAT32_KKT_MULTIPLE · ε₃₂ · S,   S = sqrt(Σ_i wn_i ℓ'(y_i, η₀_i)²) · sqrt(max_j Σ_i wn_i x̃_ij²),
// with ε₃₂ = 2⁻²³ and η₀ the null fit the path starts from. S bounds every |(X̃₁ᵀD)_j| at the
// start (Cauchy–Schwarz), so it is the scale the gradient's rounding is relative to: about
// 7.6e-6 · S. A float32 column whose KKT violation stops improving (STALL_CHECKS checks without
// halving its best value) is stopped and reported as not converged, with its violation.

import type { Standardized } from '../../problem/standardize.js';
import type { Problem } from '../../problem/validate.js';
import type { FistaLimits, Precision } from './backend.js';

export const FLOAT32_EPSILON = 2 ** -23;

/**
 * The KKT target of a batched column at `tol`: tol^¾ of λ_max (6e-6 at the default 1e-7), about
 * the accuracy coordinate descent reaches at the same tol. The path and CV's folds both use it.
 */
export const kktTarget = (tol: number, lambdaMax: number): number => tol ** 0.75 * (lambdaMax > 0 ? lambdaMax : 1);
/** Multiple of ε₃₂ · S below which float32 KKT targets are not asked for. */
export const FLOAT32_KKT_MULTIPLE = 64;
/** Relative slack of the sufficient-decrease test in float32 (four epsilons). */
const FLOAT32_VALUE_SLACK = 4 * FLOAT32_EPSILON;
/** float32: convergence checks without a halving of the best KKT violation before a column stops. */
export const STALL_CHECKS = 40;

/** The gradient's scale S at the start η₀ = b0Start (plus the offset; see the file comment). */
export function gradientScale(problem: Problem, std: Standardized, b0Start: number): number {
  const eta0 = problem.intercept ? b0Start : 0;
  let squares = 0;
  for (let i = 0; i < problem.nSamples; i++) {
    if (std.wn[i] === 0) continue;
    const d = problem.loss.derivative(problem.y[i], problem.offset ? problem.offset[i] + eta0 : eta0);
    squares += std.wn[i] * d * d;
  }
  let columns = problem.intercept ? 1 : 0; // the ones column: Σ wn = 1
  for (let j = 0; j < problem.nFeatures; j++) if (std.usable[j]) columns = Math.max(columns, std.xv[j]);
  return Math.sqrt(squares) * Math.sqrt(columns);
}

/** The KKT target a backend of this precision can reach: the caller's, or the float32 floor. */
export function reachableKktTolerance(
  requested: number, precision: Precision, problem: Problem, std: Standardized, b0Start: number,
): number {
  if (precision === 'float64') return requested;
  return Math.max(requested, FLOAT32_KKT_MULTIPLE * FLOAT32_EPSILON * gradientScale(problem, std, b0Start));
}

/** The step rule's limits for a backend of this precision, with 1/L₀ the starting step. */
export function fistaLimits(precision: Precision, startStep: number, valueOffset = 0): FistaLimits {
  return precision === 'float64'
    ? { maxStep: Infinity, relativeSlack: 1e-13, valueOffset }
    : { maxStep: startStep, relativeSlack: FLOAT32_VALUE_SLACK, valueOffset };
}

/**
 * Tracks each column's best KKT violation; in float32 a column that has not halved it for
 * STALL_CHECKS checks is stalled on rounding and stops (float64 never stalls).
 */
export class StallWatch {
  private readonly best: number[];
  private readonly since: number[];
  constructor(private readonly precision: Precision, nColumns: number) {
    this.best = new Array<number>(nColumns).fill(Infinity);
    this.since = new Array<number>(nColumns).fill(0);
  }

  /** Records column k's violation at a check; true when the column is stalled. */
  stalled(k: number, kkt: number): boolean {
    if (this.precision === 'float64') return false;
    if (kkt <= 0.5 * this.best[k]) {
      this.best[k] = kkt;
      this.since[k] = 0;
      return false;
    }
    return ++this.since[k] >= STALL_CHECKS;
  }
}
