// Quantile ("pinball") loss max(τr, (τ − 1)r), r = y − η: its minimizer is the conditional
// τ-quantile of y.

import { paramValue } from './params.js';
import { PIECEWISE_LINEAR_TRAITS, piecewiseLinear } from './piecewise-linear.js';
import type { LossParamSpec, LossSpec } from './types.js';

/** τ = ½: the median. */
const TAU: LossParamSpec = {
  key: 'tau',
  symbol: 'τ',
  description: 'quantile level τ',
  default: 0.5,
  check: (v) => (v > 0 && v < 1 ? undefined : 'must be in (0, 1)'),
};

export const quantile: LossSpec = {
  name: 'quantile',
  params: [TAU],
  ...PIECEWISE_LINEAR_TRAITS,
  make: (params) => {
    const tau = paramValue(TAU, params);
    return piecewiseLinear('quantile', tau - 1, tau);
  },
};
