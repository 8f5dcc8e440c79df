// The checks standardization makes of each column, in either layout.

import { InputError, show } from '../errors.js';
import type { Problem } from './validate.js';

/** A column is constant when its spread is below this fraction of its magnitude (rounding noise). */
export const CONSTANT_RTOL = 1e-10;

/** A column whose squares overflow float64: no solver can use it as it is. */
export function overflowOf(problem: Problem, j: number, maxAbs: number): InputError {
  return new InputError(
    `X: column ${show(problem.featureNames[j])} has values up to ${maxAbs.toPrecision(3)}, whose squares overflow float64: rescale it`,
  );
}
