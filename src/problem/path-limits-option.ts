// glmnet's dfmax, pmax and exclude: the options that end a path early or keep features out.
//   dfmax    the path ends at the first λ with more than dfmax nonzero coefficients (that λ kept)
//   pmax     the path ends before the first λ at which more than pmax features have ever been
//            nonzero (that λ dropped, with a warning, as glmnet's error -10000-k)
//   exclude  features kept at 0, by name or by 1-based position (as glmnet's exclude and the
//            CLI's --exclude); as a penalty factor of ∞ without changing the others' rescaling
// One clear error naming the option for anything wrong.

import { InputError, show } from '../errors.js';
import type { FitOptions } from './types.js';

export interface PathLimits {
  dfmax: number | null;
  pmax: number | null;
}

function countOption(options: FitOptions, key: 'dfmax' | 'pmax'): number | null {
  const value = options[key];
  if (value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InputError(`option ${key}: ${show(value)} must be an integer ≥ 1`);
  }
  return value;
}

export function checkedPathLimits(options: FitOptions): PathLimits {
  return { dfmax: countOption(options, 'dfmax'), pmax: countOption(options, 'pmax') };
}

/** Marks the features of `options.exclude` in `excluded` (names, or 1-based positions). */
export function markExcluded(options: FitOptions, names: string[], excluded: Uint8Array): void {
  const list = options.exclude;
  if (list === undefined) return;
  if (!Array.isArray(list)) throw new InputError(`option exclude: ${show(list)} is not a list of feature names or 1-based positions`);
  for (const item of list as unknown[]) {
    if (typeof item === 'number') {
      if (!Number.isInteger(item) || item < 1 || item > names.length) {
        throw new InputError(`option exclude: position ${show(item)} is not a feature (1 to ${names.length})`);
      }
      excluded[item - 1] = 1;
      continue;
    }
    const j = typeof item === 'string' ? names.indexOf(item) : -1;
    if (j < 0) throw new InputError(`option exclude: ${show(item)} is not a feature name (nor a 1-based position)`);
    excluded[j] = 1;
  }
}
