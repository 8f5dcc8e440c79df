// Loading a saved multinomial fit (the JSON MultinomialFit.toJSON writes): the format marker, the
// shapes ([K] λ decreasing, [K][C] intercepts, [K][C][p] coefficients) and finite numbers are
// checked before any prediction is made; anything else is an InputError saying what is wrong.

import { show } from '../errors.js';
import { checkVersion, fail, featureNames, isObject, parsedJson } from './json-checks.js';
import { MULTINOMIAL_FORMAT, MULTINOMIAL_FORMAT_VERSION, MultinomialFit, type MultinomialFitJSON } from '../problem/multinomial-fit.js';

/** A numeric array of the given length (a nested one checked by the caller). */
function finiteRow(source: string, where: string, v: unknown, length: number): void {
  if (!Array.isArray(v) || v.length !== length) fail(source, `${where} must have ${length} values`);
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(source, `${where}[${i}] is ${show(x)}, not a finite number`);
  });
}

/** A parsed JSON value (or its text) to a MultinomialFit. */
export function loadMultinomialModel(value: unknown, source = 'model'): MultinomialFit {
  const v = parsedJson(source, value);
  if (!isObject(v) || v.format !== MULTINOMIAL_FORMAT) fail(source, `not a proxpath multinomial fit (format ${show(isObject(v) ? v.format : v)}; expected ${MULTINOMIAL_FORMAT})`);
  checkVersion(source, v, MULTINOMIAL_FORMAT_VERSION);
  const names = featureNames(source, v);
  const classes = v.classes;
  if (!Array.isArray(classes) || classes.length < 3 || !classes.every((x) => typeof x === 'string' || typeof x === 'number')) {
    fail(source, 'field classes must list at least 3 labels (strings or numbers)');
  }
  const lambda = v.lambda;
  if (!Array.isArray(lambda) || lambda.length === 0) fail(source, 'field lambda must be a non-empty array');
  finiteRow(source, 'field lambda', lambda, lambda.length);
  for (let k = 0; k < lambda.length; k++) if (!(lambda[k] >= 0) || (k > 0 && lambda[k] > lambda[k - 1])) fail(source, 'field lambda must be ≥ 0 and decreasing');
  const K = lambda.length;
  const C = classes.length;
  if (!Array.isArray(v.intercept) || v.intercept.length !== K) fail(source, `field intercept must have one row per λ (${K})`);
  v.intercept.forEach((row, k) => finiteRow(source, `intercept[${k}]`, row, C));
  if (!Array.isArray(v.beta) || v.beta.length !== K) fail(source, `field beta must have one entry per λ (${K})`);
  v.beta.forEach((perClass, k) => {
    if (!Array.isArray(perClass) || perClass.length !== C) fail(source, `beta[${k}] must have one row per class (${C})`);
    perClass.forEach((row, c) => finiteRow(source, `beta[${k}][${c}]`, row, names.length));
  });
  if (!isObject(v.problem) || v.problem.loss !== 'multinomial') fail(source, 'field problem.loss must be multinomial');
  return new MultinomialFit(v as unknown as MultinomialFitJSON);
}
