// Loading the relaxed parts of a saved fit or CV result (option relax): the refits of a fit, the
// per-γ curves of a cross-validation. Checked as the rest of a model file: shapes against the
// path's λ and features, finite numbers, γ in [0, 1], choices that are indices of their lists.

import type { RelaxedCurve } from '../cv/relaxed-curves.js';
import { InputError, show } from '../errors.js';
import type { RelaxedPath } from '../problem/relaxed.js';

type Json = Record<string, unknown>;

function fail(source: string, what: string): never {
  throw new InputError(`${source}: ${what}`);
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list of `length` finite numbers (JSON has no Infinity; 1e400 parses to it). */
function finiteList(source: string, v: unknown, what: string, length: number): number[] {
  if (!Array.isArray(v) || v.length !== length || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    fail(source, `field ${what} must have ${length} finite numbers`);
  }
  return v as number[];
}

/** A γ grid: numbers in [0, 1], ascending. */
function gammaList(source: string, v: unknown, what: string): number[] {
  if (!Array.isArray(v) || v.length === 0) fail(source, `field ${what} must be a non-empty list of γ in [0, 1]`);
  v.forEach((g: unknown, i) => {
    if (typeof g !== 'number' || !(g >= 0 && g <= 1) || (i > 0 && g <= (v[i - 1] as number))) fail(source, `field ${what}[${i}] ${show(g)} is not an ascending γ in [0, 1]`);
  });
  return v as number[];
}

/** A fit's `relaxed`: nLambda refits of nFeatures coefficients. */
export function checkedRelaxedPath(source: string, v: unknown, nLambda: number, nFeatures: number): RelaxedPath {
  if (!isObject(v)) fail(source, 'field relaxed must be an object');
  gammaList(source, v.gamma, 'relaxed.gamma');
  for (const key of ['intercept', 'devRatio', 'objective']) finiteList(source, v[key], `relaxed.${key}`, nLambda);
  for (const key of ['converged', 'refit']) {
    const list = v[key];
    if (!Array.isArray(list) || list.length !== nLambda || !list.every((x) => typeof x === 'boolean')) fail(source, `field relaxed.${key} must have ${nLambda} true/false values`);
  }
  if (!Array.isArray(v.beta) || v.beta.length !== nLambda) fail(source, `field relaxed.beta must have one row per λ (${nLambda})`);
  v.beta.forEach((row: unknown, k: number) => finiteList(source, row, `relaxed.beta[${k}]`, nFeatures));
  return v as unknown as RelaxedPath;
}

/** A CV curve's `relaxed`: per γ a curve over the nLambda λ, and (γ, λ) choices that point into them. */
export function checkedRelaxedCurve(source: string, v: unknown, lambda: number[]): RelaxedCurve {
  if (!isObject(v)) fail(source, 'field relaxed must be an object');
  const K = lambda.length;
  const gamma = gammaList(source, v.gamma, 'relaxed.gamma');
  for (const key of ['cvm', 'cvsd']) {
    const rows = v[key];
    if (!Array.isArray(rows) || rows.length !== gamma.length) fail(source, `field relaxed.${key} must have one curve per γ (${gamma.length})`);
    rows.forEach((row: unknown, g: number) => {
      if (!Array.isArray(row) || row.length !== K || !row.every((x) => typeof x === 'number')) fail(source, `field relaxed.${key}[${g}] must have ${K} numbers`);
    });
  }
  for (const which of ['Min', '1se']) {
    const k = v[`index${which}`];
    const g = v[`gammaIndex${which}`];
    if (!Number.isInteger(k) || (k as number) < 0 || (k as number) >= K) fail(source, `relaxed.index${which} ${show(k)} is not an index of its λ`);
    if (!Number.isInteger(g) || (g as number) < 0 || (g as number) >= gamma.length) fail(source, `relaxed.gammaIndex${which} ${show(g)} is not an index of its γ`);
    if (v[`lambda${which}`] !== lambda[k as number] || v[`gamma${which}`] !== gamma[g as number]) fail(source, `relaxed.lambda${which} / gamma${which} do not match their indices`);
  }
  return v as unknown as RelaxedCurve;
}
