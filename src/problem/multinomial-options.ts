// Checks a multinomial fit's data and options once, at the public entry: the labels become class
// indices (the classes sorted as R's factor levels: numerically when every label is a number,
// else as strings by code point), and everything else is checked by validate() as for any loss.
// Options that do not apply to the multinomial loss are refused by name.

import { InputError, show } from '../errors.js';
import { validate, type Problem } from './validate.js';
import type { Dataset, FitOptions, MultinomialDataset, MultinomialOptions, MultinomialType } from './types.js';

/** A label: the class of one row. */
export type ClassLabel = string | number;

export interface MultinomialProblem {
  /** X, weights, penalty factors, bounds, λ and the rest, checked as for any loss (its y: class indices). */
  base: Problem;
  /** The classes, sorted; class c of a row is classes[classOf[i]]. */
  classes: ClassLabel[];
  classOf: Int32Array;
  nClasses: number;
  grouped: boolean;
}

const MULTINOMIAL_TYPES: readonly MultinomialType[] = ['ungrouped', 'grouped'];

/** Options of FitOptions that a multinomial fit refuses, and why. */
const REFUSED: Partial<Record<keyof FitOptions, string>> = {
  penalty: 'the multinomial loss takes the elastic net (option alpha) and option multinomial: "grouped" for a group penalty across classes',
  delta: 'it is Huber\'s δ', tau: 'it is the quantile level τ',
  relax: 'the relaxed fit is not implemented for it', gammaRelax: 'the relaxed fit is not implemented for it',
  breakpoints: 'it is for the absolute and quantile losses',
  polish: 'its batched λ are finished by the float64 batched iteration, not polished by coordinate descent',
};

/** The labels as class indices, with the sorted classes; checks C ≥ 3 and that every class has weight. */
function classesOf(y: ArrayLike<unknown> | undefined): { classes: ClassLabel[]; classOf: Int32Array } {
  if (!y || typeof y !== 'object' || typeof y.length !== 'number') throw new InputError(`y: ${show(y)} is not a list of labels (one per row of X)`);
  const n = y.length;
  const seen = new Map<string, ClassLabel>();
  let numeric = true;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string') {
      throw new InputError(`y: row ${i + 1} is ${show(v)}; a multinomial label must be a string or a finite number`);
    }
    if (typeof v !== 'number') numeric = false;
    const key = String(v);
    if (!seen.has(key)) seen.set(key, v as ClassLabel);
  }
  const keys = [...seen.keys()];
  if (numeric) keys.sort((a, b) => Number(a) - Number(b));
  else keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length < 3) {
    throw new InputError(
      `loss multinomial: y has ${keys.length} class${keys.length === 1 ? '' : 'es'} (${keys.map(show).join(', ')}); it needs at least 3` +
        (keys.length === 2 ? ' (for 2 classes use loss logistic with y in {0, 1})' : ''),
    );
  }
  const index = new Map(keys.map((key, c) => [key, c]));
  const classOf = new Int32Array(n);
  for (let i = 0; i < n; i++) classOf[i] = index.get(String(y[i]))!;
  return { classes: keys.map((key) => seen.get(key)!), classOf };
}

export function validateMultinomial(data: MultinomialDataset, options: MultinomialOptions): MultinomialProblem {
  if (typeof options !== 'object' || options === null) throw new InputError('options must be an object');
  for (const [key, why] of Object.entries(REFUSED)) {
    if ((options as unknown as Record<string, unknown>)[key] !== undefined) throw new InputError(`option ${key}: not available with loss multinomial (${why})`);
  }
  const type = options.multinomial ?? 'ungrouped';
  if (!MULTINOMIAL_TYPES.includes(type)) throw new InputError(`option multinomial: ${show(type)} must be ungrouped or grouped`);
  if (!data || typeof data !== 'object') throw new InputError('data must be {X, y, weights?}');
  if ((data as Dataset).offset !== undefined) throw new InputError('offset: not available with loss multinomial (it would need one offset per row and class)');
  const { classes, classOf } = classesOf(data.y);
  const { loss: _loss, multinomial: _type, ...rest } = options;
  const base = validate({ ...data, y: classOf }, { ...rest, loss: 'squared' });
  if (type === 'grouped' && (options.lower !== undefined || options.upper !== undefined)) {
    const bounded = base.lower.some((l) => l > -Infinity) || base.upper.some((u) => u < Infinity);
    if (bounded) throw new InputError('option lower/upper: bounds apply to multinomial "ungrouped" only (a group moves its coefficients together)');
  }
  const total = new Float64Array(classes.length);
  for (let i = 0; i < classOf.length; i++) total[classOf[i]] += base.weights[i];
  total.forEach((t, c) => {
    if (t === 0) throw new InputError(`y: class ${show(classes[c])} has no row with positive weight (every class needs some)`);
  });
  return { base, classes, classOf, nClasses: classes.length, grouped: type === 'grouped' };
}
