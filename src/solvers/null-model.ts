// The null model (intercept only, or η = 0; with the problem's offset added to η): its predictor,
// its deviance, the saturated loss, and the test for a response the intercept fits exactly.

import type { SmoothLoss } from '../losses/types.js';
import { weightedMean } from '../losses/weighted-mean.js';
import type { Problem } from '../problem/validate.js';

/** Newton steps of the offset's null fit before it is taken as it is (it converges in a handful). */
const MAX_NEWTON_STEPS = 100;

/**
 * The null model's intercept: argmin_c Σ w_i ℓ(y_i, o_i + c) with the offset o (0 without
 * intercept). Without an offset the loss's own closed form; with one, as glmnet's azero, by
 * Newton's method on c (the loss's curvature, steps halved until the loss decreases).
 */
export function nullIntercept(problem: Problem): number {
  const { loss, y, weights, offset } = problem;
  if (!problem.intercept) return 0;
  if (!offset) return loss.nullEta(y, weights);
  // Only smooth losses keep an offset (a residual loss's is folded into y).
  const smooth = loss as SmoothLoss;
  const total = (c: number): number => {
    let s = 0;
    for (let i = 0; i < y.length; i++) if (weights[i] !== 0) s += weights[i] * smooth.value(y[i], offset[i] + c);
    return s;
  };
  let c = loss.nullEta(y, weights) - weightedMean(offset, weights);
  let value = total(c);
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    let gradient = 0;
    let curvature = 0;
    for (let i = 0; i < y.length; i++) {
      gradient += weights[i] * smooth.derivative(y[i], offset[i] + c);
      curvature += weights[i] * smooth.curvature(y[i], offset[i] + c);
    }
    let delta = -gradient / curvature;
    if (!(Math.abs(delta) > 1e-15 * Math.max(1, Math.abs(c)))) break;
    let next = total(c + delta);
    for (let h = 0; h < 50 && !(next <= value); h++) {
      delta *= 0.5;
      next = total(c + delta);
    }
    if (!(next <= value)) break;
    c += delta;
    value = next;
  }
  return c;
}

/** η_i of the null model at intercept eta0: eta0 plus the offset, if any. */
const nullEtaAt = (problem: Problem, eta0: number, i: number): number => (problem.offset ? problem.offset[i] + eta0 : eta0);

/**
 * 2 Σ (w_i/n) (ℓ(y_i, η0_i) − ℓ_sat(y_i)): the null deviance per unit weight, η0 = eta0 plus the
 * offset (glmnet's nulldev with an offset: the deviance of the intercept-only fit with it).
 */
export function nullDeviance(problem: Problem, eta0: number, wn: Float64Array): number {
  let s = 0;
  for (let i = 0; i < problem.nSamples; i++) {
    s += wn[i] * (problem.loss.value(problem.y[i], nullEtaAt(problem, eta0, i)) - problem.loss.saturated(problem.y[i]));
  }
  return 2 * s;
}

/** Σ (w_i/n) ℓ_sat(y_i). */
export function saturatedMean(problem: Problem, wn: Float64Array): number {
  let s = 0;
  for (let i = 0; i < problem.nSamples; i++) s += wn[i] * problem.loss.saturated(problem.y[i]);
  return s;
}

/** Null deviances below this fraction of Σ (w_i/n) y_i² are rounding: the response is constant. */
const CONSTANT_RESPONSE_RTOL = 1e-20;

export function isConstantResponse(y: Float64Array, wn: Float64Array, devNull: number): boolean {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += wn[i] * y[i] * y[i];
  return devNull <= CONSTANT_RESPONSE_RTOL * s;
}
