// Loading a saved fit or CV result (the JSON that toJSON writes). Anything else — another
// program's JSON, a newer format, a file cut short or edited into inconsistency — is rejected
// with an InputError that says what is wrong, before any prediction is made.

import { CV_FORMAT, CV_FORMAT_VERSION, CvFit, type CvCurve, type CvFoldsInfo } from '../cv/cv-fit.js';
import { MEASURE_NAMES, type MeasureName } from '../cv/measures.js';
import { LOSS_NAMES } from '../losses/registry.js';
import { findPenalty } from '../penalties/registry.js';
import { show } from '../errors.js';
import { FIT_FORMAT, FIT_FORMAT_VERSION, PathFit, type PathFitJSON } from '../problem/result.js';
import { MULTINOMIAL_FORMAT } from '../problem/multinomial-fit.js';
import { checkedRelaxedCurve, checkedRelaxedPath } from './load-relaxed.js';
import { checkVersion, fail, featureNames, isObject, type Json, parsedJson } from './json-checks.js';


/**
 * Why v is not a finite number (undefined when it is). JSON has no Infinity, but a number beyond
 * float64's range (1e400) parses to it, and would poison every prediction.
 */
function notFinite(v: number): string | undefined {
  if (Number.isNaN(v)) return 'is NaN, not a finite number';
  if (!Number.isFinite(v)) return `is beyond float64's range (it reads as ${show(v)})`;
  return undefined;
}

function numbers(source: string, o: Json, key: string, length?: number): number[] {
  const v = o[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) fail(source, `field ${key} must be an array of numbers`);
  if (length !== undefined && v.length !== length) fail(source, `field ${key} has ${v.length} values, expected ${length}`);
  v.forEach((x, i) => {
    const why = notFinite(x);
    if (why) fail(source, `field ${key}[${i}] ${why}`);
  });
  return v as number[];
}


/** A parsed JSON value (or its text) to a PathFit or a CvFit. */
export function loadModel(value: unknown, source = 'model'): PathFit | CvFit {
  const v = parsedJson(source, value);
  if (!isObject(v)) fail(source, 'not a proxpath model (expected a JSON object)');
  if (v.format === FIT_FORMAT) return loadFit(v, source, FIT_FORMAT_VERSION);
  if (v.format === CV_FORMAT) return loadCv(v, source);
  if (v.format === MULTINOMIAL_FORMAT) fail(source, 'a multinomial fit: load it with loadMultinomialModel');
  fail(source, `not a proxpath model (format ${show(v.format)}; expected ${FIT_FORMAT} or ${CV_FORMAT})`);
}

function loadFit(o: Json, source: string, supported: number): PathFit {
  checkVersion(source, o, supported);
  const p = featureNames(source, o).length;
  const lambda = numbers(source, o, 'lambda');
  const K = lambda.length;
  if (K === 0) fail(source, 'field lambda is empty');
  for (let k = 0; k < K; k++) {
    if (!(lambda[k] >= 0) || (k > 0 && lambda[k] > lambda[k - 1])) fail(source, 'field lambda must be ≥ 0 and decreasing');
  }
  numbers(source, o, 'intercept', K);
  const beta = o.beta;
  if (!Array.isArray(beta) || beta.length !== K) fail(source, `field beta must have one row per λ (${K})`);
  beta.forEach((row, k) => {
    if (!Array.isArray(row) || row.length !== p || !row.every((x) => typeof x === 'number')) {
      fail(source, `beta[${k}] must have ${p} finite numbers (one per feature)`);
    }
    row.forEach((x: number, j: number) => {
      const why = notFinite(x);
      if (why) fail(source, `field beta[${k}][${j}] ${why}`);
    });
  });
  if (typeof o.nullDeviance === 'number' && !Number.isFinite(o.nullDeviance)) fail(source, `field nullDeviance ${notFinite(o.nullDeviance)}`);
  const problem = o.problem;
  if (!isObject(problem) || !(LOSS_NAMES as readonly unknown[]).includes(problem.loss)) fail(source, 'field problem.loss is missing or unknown');
  // Fits saved before the penalty was recorded are elastic-net fits.
  if (problem.penalty !== undefined && !findPenalty(problem.penalty)) fail(source, `field problem.penalty ${show(problem.penalty)} is unknown`);
  if (problem.groups !== undefined && !(Array.isArray(problem.groups) && problem.groups.length === p)) {
    fail(source, `field problem.groups must have one label per feature (${p})`);
  }
  // A fit with an offset predicts only with new offsets: the flag must be what it says.
  if (problem.offset !== undefined && typeof problem.offset !== 'boolean') fail(source, `field problem.offset ${show(problem.offset)} must be true or false`);
  for (const key of ['objective', 'kktViolation', 'df', 'devRatio', 'iterations']) numbers(source, o, key, K);
  if (o.relaxed !== undefined) checkedRelaxedPath(source, o.relaxed, K, p);
  return new PathFit(o as unknown as PathFitJSON);
}

function loadCv(o: Json, source: string): CvFit {
  checkVersion(source, o, CV_FORMAT_VERSION);
  if (!(MEASURE_NAMES as readonly unknown[]).includes(o.measure)) fail(source, `measure ${show(o.measure)} is unknown`);
  const curves = o.curves;
  if (!Array.isArray(curves) || curves.length === 0) fail(source, 'field curves must be a non-empty array');
  const loaded: CvCurve[] = curves.map((c, a) => {
    const where = `${source} (curve ${a})`;
    if (!isObject(c)) fail(where, 'not an object');
    const fit = loadFit(isObject(c.fit) ? c.fit : {}, `${where} fit`, FIT_FORMAT_VERSION);
    const K = fit.lambda.length;
    const curve = {
      alpha: c.alpha as number, lambda: numbers(where, c, 'lambda', K), cvm: numbers(where, c, 'cvm', K),
      cvsd: numbers(where, c, 'cvsd', K), nzero: numbers(where, c, 'nzero', K),
      indexMin: c.indexMin as number, index1se: c.index1se as number, lambdaMin: c.lambdaMin as number, lambda1se: c.lambda1se as number, fit,
      ...(c.relaxed !== undefined ? { relaxed: checkedRelaxedCurve(where, c.relaxed, fit.lambda) } : {}),
    };
    if (curve.relaxed && !fit.relaxed) fail(where, 'has relaxed curves but its fit has no refits (field fit.relaxed)');
    for (const key of ['indexMin', 'index1se'] as const) {
      if (!Number.isInteger(curve[key]) || curve[key] < 0 || curve[key] >= K) fail(where, `${key} ${show(curve[key])} is not an index of its λ`);
    }
    if (curve.lambdaMin !== curve.lambda[curve.indexMin] || curve.lambda1se !== curve.lambda[curve.index1se]) fail(where, 'lambdaMin / lambda1se do not match their indices');
    if (!(typeof curve.alpha === 'number' && curve.alpha >= 0 && curve.alpha <= 1)) fail(where, `alpha ${show(curve.alpha)} is not in [0, 1]`);
    return curve;
  });
  const names = loaded[0].fit.featureNames.join('\u0000');
  if (loaded.some((c) => c.fit.featureNames.join('\u0000') !== names)) fail(source, 'the curves were fitted on different features');
  return new CvFit({
    measure: o.measure as MeasureName,
    nFolds: o.nFolds as number,
    foldId: numbers(source, o, 'foldId'),
    grouped: o.grouped === true,
    curves: loaded,
    warnings: Array.isArray(o.warnings) ? (o.warnings as string[]) : [],
    timing: isObject(o.timing) ? (o.timing as unknown as CvFit['timing']) : { totalMs: 0, foldFits: 0 },
    ...(isObject(o.folds) && (o.folds.backend === 'webgpu' || o.folds.backend === 'cpu') ? { folds: o.folds as unknown as CvFoldsInfo } : {}),
  });
}
