// The linear predictor and the mean loss of a standardized solution, in float64: what the
// exact finish, the simplex and the batched path's host-side certificate all evaluate.

import type { Loss } from '../losses/types.js';

/**
 * out = b0 + X̃β̃ over the nonzero coefficients.
 * Xs: nSamples × nFeatures float64, column-major; beta: nFeatures; out: nSamples.
 */
export function linearPredictor(Xs: Float64Array, nSamples: number, beta: ArrayLike<number>, b0: number, out: Float64Array): Float64Array {
  out.fill(b0);
  for (let j = 0; j < beta.length; j++) {
    const bj = beta[j];
    if (bj === 0) continue;
    const col = j * nSamples;
    for (let i = 0; i < nSamples; i++) out[i] += Xs[col + i] * bj;
  }
  return out;
}

/** eta += offset (the problem's offset, or null: none); returns eta. */
export function addOffset(eta: Float64Array, offset: Float64Array | null): Float64Array {
  if (offset) for (let i = 0; i < eta.length; i++) eta[i] += offset[i];
  return eta;
}

/** Σ wn_i ℓ(y_i, η_i): the mean loss with weights wn summing to 1. */
export function meanLoss(loss: Loss, y: Float64Array, wn: Float64Array, eta: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += wn[i] * loss.value(y[i], eta[i]);
  return s;
}
