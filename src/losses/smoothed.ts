// The Moreau envelope of a piecewise-linear loss with parameter μ > 0:
//   ℓ_μ(r) = min_z ℓ(z) + (r − z)²/(2μ),
// quadratic r²/(2μ) on the band below·μ ≤ r ≤ above·μ and linear beyond (an asymmetric Huber
// loss scaled by 1/μ). It is smooth, lies within μ·max(below², above²)/2 of ℓ, and tends to ℓ
// as μ → 0: the piecewise-linear solver minimizes it for decreasing μ and then finishes exactly.

import type { PiecewiseLinearLoss, SmoothLoss } from './types.js';

/** Bisections of the null model's location (each halves the bracket). */
const NULL_BISECTIONS = 200;


export function smoothed(loss: PiecewiseLinearLoss, mu: number): SmoothLoss {
  const { below, above } = loss.slopes;
  const lo = below * mu;
  const hi = above * mu;
  const shift = ((above + below) * mu) / 2;
  const halfWidth = (above - below) / 2;
  /** ℓ_μ' in r: the residual slope clip(r/μ, below, above). */
  const slope = (r: number): number => (r > hi ? above : r < lo ? below : r / mu);
  const value = (r: number): number =>
    r > hi ? above * (r - hi / 2) : r < lo ? below * (r - lo / 2) : (r * r) / (2 * mu);
  // The IRLS weight: 1/μ on the band (ℓ_μ''). Beyond it ℓ_μ'' = 0, and the least curvature whose
  // quadratic, touching ℓ_μ at r, lies above ℓ_μ on both sides is (above − below)/(2(|r| ∓ shift))
  // (for the absolute loss the classic 1/|r|): each IRLS step is a majorize-minimize step. It is
  // continuous at the band's edges.
  const weight = (r: number): number =>
    r > hi ? halfWidth / (r - shift) : r < lo ? halfWidth / (shift - r) : 1 / mu;
  return {
    name: loss.name,
    smooth: true,
    quadratic: false,
    residual: true,
    pathStop: loss.pathStop,
    checkResponse() {},
    value: (y, eta) => value(y - eta),
    derivative: (y, eta) => -slope(y - eta),
    curvature: (y, eta) => weight(y - eta),
    quadraticModel(y, eta, wn, W, r) {
      let sumW = 0;
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        const res = y[i] - eta[i];
        W[i] = wn[i] * weight(res);
        r[i] = wn[i] * slope(res);
        sumW += W[i];
        total += wn[i] * value(res);
      }
      return { sumW, value: total };
    },
    saturated: () => 0,
    // Σ w_i slope(y_i − c) falls from Σw·above to Σw·below as c grows: bisect for its zero,
    // starting from the bracket of the data's range.
    nullEta(y, w) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < y.length; i++) {
        lo = Math.min(lo, y[i] - 1);
        hi = Math.max(hi, y[i] + 1);
      }
      for (let it = 0; it < NULL_BISECTIONS && hi - lo > 1e-15 * (Math.abs(lo) + Math.abs(hi)); it++) {
        const c = 0.5 * (lo + hi);
        let s = 0;
        for (let i = 0; i < y.length; i++) s += w[i] * slope(y[i] - c);
        if (s > 0) lo = c;
        else hi = c;
      }
      return 0.5 * (lo + hi);
    },
  };
}
