// The null model (intercept only, or η = 0): its deviance, the saturated loss, and the test
// for a response the intercept fits exactly.

import type { Problem } from '../problem/validate.js';

/** 2 Σ (w_i/n) (ℓ(y_i, η0) − ℓ_sat(y_i)): the null deviance per unit weight. */
export function nullDeviance(problem: Problem, eta0: number, wn: Float64Array): number {
  let s = 0;
  for (let i = 0; i < problem.nSamples; i++) {
    s += wn[i] * (problem.loss.value(problem.y[i], eta0) - problem.loss.saturated(problem.y[i]));
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
