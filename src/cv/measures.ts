// Cross-validation measures, as cv.glmnet defines them: a per-row error of the held-out
// predictions, averaged per fold (weighted), then over the folds (weighted by their total
// weight), with the standard error of that mean; AUC is computed per fold.

import { binaryLosses } from '../losses/registry.js';
import type { Loss, LossSpec } from '../losses/types.js';
import { InputError, show } from '../errors.js';
import type { LossName } from '../problem/types.js';

export type MeasureName = 'mse' | 'mae' | 'deviance' | 'class' | 'auc';
export const MEASURE_NAMES: readonly MeasureName[] = ['mse', 'mae', 'deviance', 'class', 'auc'];

/** glmnet's clamp of predicted probabilities in the binomial deviance. */
const PROB_MIN = 1e-5;

/** The measure asked for, or the loss's default (cv.glmnet's: mse for squared, deviance otherwise), checked. */
export function checkMeasure(measure: unknown, spec: LossSpec): MeasureName {
  if (measure === undefined || measure === null) return spec.defaultMeasure;
  if (typeof measure !== 'string' || !(MEASURE_NAMES as readonly string[]).includes(measure)) {
    throw new InputError(`option measure: unknown measure ${show(measure)}; expected one of ${MEASURE_NAMES.join(', ')}`);
  }
  if ((measure === 'class' || measure === 'auc') && spec.response !== 'binary') {
    throw new InputError(`option measure: ${measure} needs a binary response (loss ${binaryLosses()}), not loss ${spec.name}`);
  }
  return measure as MeasureName;
}

/**
 * The per-row error at link value η of `loss` (made by `spec`). For a binary response (glmnet's
 * binomial) mse and mae are over the two-column indicator of y (twice the plain ones), the
 * deviance clamps p to [1e-5, 1 − 1e-5], and class counts p = ½ as an error whatever y;
 * otherwise deviance = 2(ℓ(y, η) − ℓ(y, saturated)), mse and mae on the response scale.
 */
export function rowError(measure: Exclude<MeasureName, 'auc'>, spec: LossSpec, loss: Loss, y: number, eta: number): number {
  if (spec.response === 'binary') {
    const p = spec.inverseLink(eta);
    switch (measure) {
      case 'mse': return 2 * (y - p) ** 2;
      case 'mae': return 2 * Math.abs(y - p);
      case 'class': return y === 1 ? (p <= 0.5 ? 1 : 0) : p >= 0.5 ? 1 : 0;
      case 'deviance': {
        const q = Math.min(1 - PROB_MIN, Math.max(PROB_MIN, p));
        return -2 * (y === 1 ? Math.log(q) : Math.log(1 - q));
      }
    }
  }
  const mean = spec.inverseLink(eta);
  switch (measure) {
    case 'mse': return (y - mean) ** 2;
    case 'mae': return Math.abs(y - mean);
    case 'deviance': return 2 * (loss.value(y, eta) - loss.saturated(y));
    case 'class': throw new InputError(`option measure: class needs loss ${binaryLosses()}`);
  }
}

/**
 * Weighted area under the ROC curve of scores for 0/1 labels: the weighted probability that a
 * positive scores above a negative, ties counting one half (Mann–Whitney). NaN when a class is
 * absent.
 */
export function weightedAuc(labels: ArrayLike<number>, scores: ArrayLike<number>, weights: ArrayLike<number>): number {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let negativesBelow = 0;
  let pairs = 0;
  let totalPos = 0;
  let totalNeg = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    let pos = 0;
    let neg = 0;
    while (end < order.length && scores[order[end]] === scores[order[start]]) {
      const i = order[end++];
      if (labels[i] === 1) pos += weights[i];
      else neg += weights[i];
    }
    pairs += pos * (negativesBelow + 0.5 * neg);
    negativesBelow += neg;
    totalPos += pos;
    totalNeg += neg;
    start = end;
  }
  return totalPos > 0 && totalNeg > 0 ? pairs / (totalPos * totalNeg) : NaN;
}

/** The curve of one measure along the path: mean and standard error per λ. */
export interface CvCurveStats {
  cvm: number[];
  cvsd: number[];
}

/**
 * cv.glmnet's statistics from per-fold errors: foldError[f][k] the (weighted) mean error of fold
 * f at λ_k (NaN where undefined), foldWeight[f] its total weight. cvm is the weighted mean over
 * the folds, cvsd = √(weighted mean of (foldError − cvm)² / (N − 1)), N the folds with a value.
 */
export function foldStatistics(foldError: number[][], foldWeight: number[], nLambda: number): CvCurveStats {
  const cvm: number[] = [];
  const cvsd: number[] = [];
  for (let k = 0; k < nLambda; k++) {
    let sw = 0;
    let s = 0;
    let count = 0;
    foldError.forEach((errors, f) => {
      if (Number.isNaN(errors[k])) return;
      sw += foldWeight[f];
      s += foldWeight[f] * errors[k];
      count++;
    });
    const mean = s / sw;
    let v = 0;
    foldError.forEach((errors, f) => {
      if (!Number.isNaN(errors[k])) v += foldWeight[f] * (errors[k] - mean) ** 2;
    });
    cvm.push(mean);
    cvsd.push(Math.sqrt(v / sw / (count - 1)));
  }
  return { cvm, cvsd };
}

/**
 * λ_min (the largest λ at the best cvm: minimal, or maximal for AUC) and λ_1se (the largest λ
 * whose cvm is within one standard error of it), as indices into the path.
 */
export function chooseLambda(stats: CvCurveStats, lambda: number[], maximize: boolean): { indexMin: number; index1se: number } {
  const sign = maximize ? -1 : 1;
  const value = stats.cvm.map((m) => sign * m);
  let best = Infinity;
  for (const v of value) if (v < best) best = v;
  // λ is decreasing: the first index reaching the best has the largest λ.
  const indexMin = value.findIndex((v) => v <= best);
  const bound = value[indexMin] + stats.cvsd[indexMin];
  const index1se = value.findIndex((v) => v <= bound);
  return { indexMin, index1se };
}
