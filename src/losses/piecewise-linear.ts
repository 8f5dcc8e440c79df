// Piecewise-linear losses of the residual r = y − η: ℓ = above·r for r ≥ 0, below·r for r < 0.
// Absolute error (slopes −1, 1) and the quantile "pinball" loss (τ − 1, τ) are this one shape.

import { relativeChangeStop } from './path-stop.js';
import type { LossSpec, PiecewiseLinearLoss } from './types.js';
import { weightedQuantile } from './weighted-quantile.js';

/**
 * What the specs of these losses share: a real response on the identity link, the deviance as
 * CV measure, and one WGSL twin whose slopes are pipeline constants (SLOPE_BELOW, SLOPE_ABOVE).
 */
export const PIECEWISE_LINEAR_TRAITS = {
  response: 'real',
  inverseLink: (eta: number) => eta,
  defaultMeasure: 'deviance',
  wgsl: 'losses/piecewise-linear.wgsl',
} as const satisfies Partial<LossSpec>;

export function piecewiseLinear(name: string, below: number, above: number): PiecewiseLinearLoss {
  // The null model's quantile level: the residual slopes balance where a fraction
  // above / (above − below) of the weight lies below c.
  const level = above / (above - below);
  return {
    name,
    smooth: false,
    quadratic: false,
    residual: true,
    slopes: { below, above },
    pathStop: relativeChangeStop,
    checkResponse() {},
    value: (y, eta) => {
      const r = y - eta;
      return r >= 0 ? above * r : below * r;
    },
    derivative: (y, eta) => (y > eta ? -above : y < eta ? -below : 0),
    saturated: () => 0,
    nullEta: (y, w) => weightedQuantile(y, w, level),
  };
}
