// The float64 host side of the batched multinomial path: a block's columns (class c of λ group g at
// column g·C + c, nFeatures + 1 rows, intercept last) as the CPU solver's β̃ (C × p, class-major)
// and b̃ (C), and their objective: the mean softmax loss and the penalty, ungrouped
// (Σ_c Σ_j λ v_j(α|β_jc| + (1−α)/2 β_jc²)) or grouped (Σ_j λ v_j(α‖β_j·‖₂ + (1−α)/2 ‖β_j·‖²)).

import { softmaxLoss } from '../../losses/multinomial.js';
import type { MultinomialProblem } from '../../problem/multinomial-options.js';
import type { Standardized } from '../../problem/standardize.js';
import { penaltyUnits } from '../penalty-units.js';

/** Group g's columns of a block as β̃ (C × p, class-major) and b̃ (C). */
export function groupOf(coefs: Float64Array, g: number, C: number, p: number): { beta: Float64Array; b0: Float64Array } {
  const rows = p + 1;
  const beta = new Float64Array(C * p);
  const b0 = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const base = (g * C + c) * rows;
    beta.set(coefs.subarray(base, base + p), c * p);
    b0[c] = coefs[base + p];
  }
  return { beta, b0 };
}

/** One group's columns (C × (p + 1), intercept last per class) from β̃ and b̃. */
export function columnsOf(beta: Float64Array, b0: Float64Array, C: number, p: number): Float64Array {
  const out = new Float64Array(C * (p + 1));
  for (let c = 0; c < C; c++) {
    out.set(beta.subarray(c * p, (c + 1) * p), c * (p + 1));
    out[c * (p + 1) + p] = b0[c];
  }
  return out;
}

/** The float64 loss and penalty of (β̃, b̃) at λ. */
export function multinomialObjective(mp: MultinomialProblem, std: Standardized): (beta: Float64Array, b0: Float64Array, lambda: number) => { loss: number; penalty: number } {
  const problem = mp.base;
  const { nSamples: n, nFeatures: p } = problem;
  const C = mp.nClasses;
  const { l1Unit, l2Unit } = penaltyUnits(problem);
  const eta = new Float64Array(C * n);
  return (beta, b0, lambda) => {
    for (let c = 0; c < C; c++) std.design.predictor(beta.subarray(c * p, (c + 1) * p), b0[c], eta.subarray(c * n, (c + 1) * n));
    const loss = softmaxLoss(eta, mp.classOf, std.wn, C);
    let penalty = 0;
    for (let j = 0; j < p; j++) {
      if (!std.usable[j]) continue;
      let squares = 0;
      let abs = 0;
      for (let c = 0; c < C; c++) {
        const b = beta[c * p + j];
        squares += b * b;
        abs += Math.abs(b);
      }
      if (squares === 0) continue;
      penalty += lambda * (l1Unit[j] * (mp.grouped ? Math.sqrt(squares) : abs) + 0.5 * l2Unit[j] * squares);
    }
    return { loss, penalty };
  };
}

/**
 * float32 coefficients that lie on a bound up to the bound's own float32 rounding (2⁻²² relative)
 * put exactly on it, in place (coefs: columns of nFeatures + 1 rows): the float64 certificate then
 * sees a coefficient at its bound, not one a rounding inside it with a gradient pushing out.
 */
export function snapToBounds(coefs: Float64Array, std: Standardized, p: number): void {
  const rows = p + 1;
  for (let base = 0; base < coefs.length; base += rows) {
    for (let j = 0; j < p; j++) {
      const b = coefs[base + j];
      if (b === 0) continue;
      for (const bound of [std.lower[j], std.upper[j]]) {
        if (Number.isFinite(bound) && Math.abs(b - bound) <= 2 ** -22 * Math.abs(bound)) coefs[base + j] = bound;
      }
    }
  }
}
