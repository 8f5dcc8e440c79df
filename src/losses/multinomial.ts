// The multinomial (softmax) loss of glmnet's family "multinomial": for a sample of class y_i with
// linear predictors η_i1 … η_iC, ℓ = log Σ_c e^{η_ic} − η_i,y_i. Not a scalar loss of (y, η) like
// the registry's: it lives beside them, read by the multinomial solvers (src/solvers/multinomial/).
// Arrays of nClasses × nSamples are class-major: element (c, i) at c·nSamples + i.

import { P_MIN } from './logistic.js';

/** p(1 − p) with p clamped to [pmin, 1 − pmin]: a class's IRLS weight per unit sample weight. */
export function clampedVariance(p: number): number {
  const q = p < P_MIN ? P_MIN : p > 1 - P_MIN ? 1 - P_MIN : p;
  return q * (1 - q);
}

/**
 * Σ_i wn_i (log Σ_c e^{η_ic} − η_i,y_i) in float64, stable (the largest η of each row factored out).
 * @param eta nClasses × nSamples, class-major
 * @param classOf nSamples class indices 0 … nClasses − 1
 * @param wn nSamples weights (summing to 1 for the mean loss)
 */
export function softmaxLoss(eta: Float64Array, classOf: Int32Array, wn: Float64Array, nClasses: number): number {
  const n = classOf.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (wn[i] === 0) continue;
    let m = -Infinity;
    for (let c = 0; c < nClasses; c++) m = Math.max(m, eta[c * n + i]);
    let s = 0;
    for (let c = 0; c < nClasses; c++) s += Math.exp(eta[c * n + i] - m);
    total += wn[i] * (m + Math.log(s) - eta[classOf[i] * n + i]);
  }
  return total;
}

/**
 * The null model's intercepts: log of the weighted class proportions, centred to sum 0 (glmnet's
 * a0 at λ_max); zeros without an intercept (every class equally likely).
 */
export function nullIntercepts(classOf: Int32Array, weights: Float64Array, nClasses: number, intercept: boolean): Float64Array {
  const b0 = new Float64Array(nClasses);
  if (!intercept) return b0;
  const total = new Float64Array(nClasses);
  for (let i = 0; i < classOf.length; i++) total[classOf[i]] += weights[i];
  let mean = 0;
  for (let c = 0; c < nClasses; c++) mean += (b0[c] = Math.log(total[c])) / nClasses;
  for (let c = 0; c < nClasses; c++) b0[c] -= mean;
  return b0;
}

/** Class probabilities from one row's linear predictors (in place: eta becomes the probabilities). */
export function softmaxInPlace(eta: number[]): number[] {
  const m = Math.max(...eta);
  let s = 0;
  for (let c = 0; c < eta.length; c++) s += eta[c] = Math.exp(eta[c] - m);
  for (let c = 0; c < eta.length; c++) eta[c] /= s;
  return eta;
}
