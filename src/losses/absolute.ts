// Absolute error |y − η| (least absolute deviations): the conditional median, twice the
// quantile loss at τ = ½.

import { PIECEWISE_LINEAR_TRAITS, piecewiseLinear } from './piecewise-linear.js';
import type { LossSpec } from './types.js';

const loss = piecewiseLinear('absolute', -1, 1);

export const absolute: LossSpec = {
  name: 'absolute',
  params: [],
  ...PIECEWISE_LINEAR_TRAITS,
  make: () => loss,
};
