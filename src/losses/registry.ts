// The losses proxpath knows, by name. Adding a loss is one file and one line here.

import { InputError, show } from '../errors.js';
import type { LossName } from './names.js';
import { absolute } from './absolute.js';
import { huber } from './huber.js';
import { logistic } from './logistic.js';
import { poisson } from './poisson.js';
import { quantile } from './quantile.js';
import { squared } from './squared.js';
import type { Loss, LossParams } from './types.js';

const LOSSES: Record<LossName, (params: LossParams) => Loss> = {
  squared: () => squared,
  logistic: () => logistic,
  poisson: () => poisson,
  huber: ({ delta }) => huber(delta),
  absolute: () => absolute,
  quantile: ({ tau }) => quantile(tau),
};

export const LOSS_NAMES: readonly LossName[] = ['squared', 'logistic', 'poisson', 'huber', 'absolute', 'quantile'];


/** Huber's δ = 1.35 (95 % efficiency under normal errors, scikit-learn's default) and the median. */
export const DEFAULT_LOSS_PARAMS: LossParams = { delta: 1.35, tau: 0.5 };

/** The loss called `name`, with its parameters (δ for huber, τ for quantile). */
export function getLoss(name: unknown, params: LossParams = DEFAULT_LOSS_PARAMS): Loss {
  const make = typeof name === 'string' && Object.hasOwn(LOSSES, name) ? LOSSES[name as LossName] : undefined;
  if (make) return make(params);
  throw new InputError(`option loss: unknown loss ${show(name)}; expected one of ${LOSS_NAMES.join(', ')}`);
}
