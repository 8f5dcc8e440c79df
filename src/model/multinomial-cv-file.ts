// The saved form of a multinomial cross-validation (cvPath with loss multinomial): its curve
// (cvm, cvsd and nzero per λ of the full fit), the λ choices, the folds, and the full fit's JSON
// (load-multinomial.ts), so that a saved CV predicts at λ_min or λ_1se as cv.glmnet's does.
// Loading checks the marker, the shapes and the indices before any prediction is made.

import type { MultinomialCv, MultinomialMeasure } from '../cv/multinomial-cv.js';
import { show } from '../errors.js';
import type { MultinomialFitJSON } from '../problem/multinomial-fit.js';
import { checkVersion, fail } from './json-checks.js';
import { loadMultinomialModel } from './load-multinomial.js';

export const MULTINOMIAL_CV_FORMAT = 'proxpath-multinomial-cv';
const MULTINOMIAL_CV_FORMAT_VERSION = 1;
const MEASURES: readonly string[] = ['deviance', 'class', 'mse', 'mae'];

export interface MultinomialCvJSON {
  format: typeof MULTINOMIAL_CV_FORMAT;
  formatVersion: number;
  measure: MultinomialMeasure;
  nFolds: number;
  /** The full fit's λ, and per λ the CV error, its standard error, and glmnet's nzero (the fit's df). */
  lambda: number[];
  cvm: number[];
  cvsd: number[];
  nzero: number[];
  indexMin: number;
  index1se: number;
  lambdaMin: number;
  lambda1se: number;
  foldId: number[];
  fit: MultinomialFitJSON;
}

export function multinomialCvJSON(cv: MultinomialCv): MultinomialCvJSON {
  const { measure, lambda, cvm, cvsd, indexMin, index1se, lambdaMin, lambda1se, foldId, fit } = cv;
  const nFolds = foldId.reduce((most, f) => Math.max(most, f), 0);
  return {
    format: MULTINOMIAL_CV_FORMAT, formatVersion: MULTINOMIAL_CV_FORMAT_VERSION, measure, nFolds, lambda, cvm, cvsd,
    nzero: fit.df.slice(0, lambda.length), indexMin, index1se, lambdaMin, lambda1se, foldId, fit: fit.toJSON(),
  };
}

/** A parsed saved CV (its format already seen to be MULTINOMIAL_CV_FORMAT) as a MultinomialCv. */
export function loadMultinomialCv(o: Record<string, unknown>, source = 'model'): MultinomialCv {
  checkVersion(source, o, MULTINOMIAL_CV_FORMAT_VERSION);
  if (!MEASURES.includes(o.measure as string)) fail(source, `measure ${show(o.measure)} is unknown`);
  const fit = loadMultinomialModel(o.fit, `${source} fit`);
  const K = fit.lambda.length;
  // A fold's error is NaN (null in JSON) past the end of its path.
  const curve = (key: string): number[] => {
    const v = o[key];
    if (!Array.isArray(v) || v.length !== K || !v.every((x) => x === null || typeof x === 'number')) fail(source, `field ${key} must have ${K} numbers (one per λ)`);
    return v.map((x: number | null) => (x === null ? NaN : x));
  };
  const lambda = curve('lambda');
  if (lambda.some((l, k) => l !== fit.lambda[k])) fail(source, 'field lambda is not its fit\'s λ');
  const [cvm, cvsd] = [curve('cvm'), curve('cvsd')];
  for (const key of ['indexMin', 'index1se'] as const) {
    const k = o[key];
    if (!Number.isInteger(k) || (k as number) < 0 || (k as number) >= K) fail(source, `${key} ${show(k)} is not an index of its λ`);
  }
  const [indexMin, index1se] = [o.indexMin as number, o.index1se as number];
  const foldId = o.foldId;
  if (!Array.isArray(foldId) || !foldId.every((f) => Number.isInteger(f))) fail(source, 'field foldId must be an array of fold numbers');
  return {
    measure: o.measure as MultinomialMeasure, lambda, cvm, cvsd, indexMin, index1se,
    lambdaMin: lambda[indexMin], lambda1se: lambda[index1se], foldId: foldId as number[], fit,
  };
}
