// Quantile ("pinball") loss max(τr, (τ − 1)r), r = y − η: its minimizer is the conditional
// τ-quantile of y.

import type { PiecewiseLinearLoss } from './types.js';
import { piecewiseLinear } from './piecewise-linear.js';

export function quantile(tau: number): PiecewiseLinearLoss {
  return piecewiseLinear('quantile', tau - 1, tau);
}
