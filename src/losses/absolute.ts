// Absolute error |y − η| (least absolute deviations): the conditional median, twice the
// quantile loss at τ = ½.

import { piecewiseLinear } from './piecewise-linear.js';

export const absolute = piecewiseLinear('absolute', -1, 1);
