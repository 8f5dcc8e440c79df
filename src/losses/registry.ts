// The losses proxpath knows, by name. Adding a loss is one file and one line here.

import { InputError, show } from '../problem/errors.js';
import type { LossName } from '../problem/types.js';
import { logistic } from './logistic.js';
import { poisson } from './poisson.js';
import { squared } from './squared.js';
import type { Loss } from './types.js';

const LOSSES: Partial<Record<LossName, Loss>> = { squared, logistic, poisson };

export const LOSS_NAMES: readonly LossName[] = ['squared', 'logistic', 'poisson', 'huber', 'absolute', 'quantile'];

export function supportedLosses(): LossName[] {
  return Object.keys(LOSSES) as LossName[];
}

export function getLoss(name: unknown): Loss {
  const loss = typeof name === 'string' ? LOSSES[name as LossName] : undefined;
  if (loss) return loss;
  if (LOSS_NAMES.includes(name as LossName)) {
    throw new InputError(`option loss: ${show(name)} is not implemented yet; available: ${supportedLosses().join(', ')}`);
  }
  throw new InputError(`option loss: unknown loss ${show(name)}; expected one of ${LOSS_NAMES.join(', ')}`);
}
