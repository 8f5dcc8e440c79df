// Cross-validation of a multinomial path (cvPath with loss multinomial), as cv.glmnet's cv.multnet:
// the full fit gives λ; each fold is fitted on that λ with its rows held out (weight 0: the same
// fit as on the other rows alone, standardization included), and its held-out class probabilities
// are scored per row: deviance 2Σ_c y_c log(y_c/p_c) with p clamped to [1e-5, 1 − 1e-5], class
// (1 when the most probable class is not the row's), mse Σ_c (y_c − p_c)², mae Σ_c |y_c − p_c|
// (y the row's one-hot vector). Per fold the weighted mean, then cv.glmnet's statistics.

import { fitMultinomial } from '../fit-multinomial.js';
import { InputError, show } from '../errors.js';
import type { MultinomialFit } from '../problem/multinomial-fit.js';
import type { MultinomialDataset, MultinomialOptions } from '../problem/types.js';
import { toColumnMajor } from '../problem/matrix.js';
import { checkFoldCount, checkFoldId, randomFolds } from './folds.js';
import { chooseLambda, foldStatistics } from './measures.js';

export type MultinomialMeasure = 'deviance' | 'class' | 'mse' | 'mae';
const MEASURES: readonly MultinomialMeasure[] = ['deviance', 'class', 'mse', 'mae'];
/** cv.glmnet's prob_min. */
const PROB_MIN = 1e-5;

export interface MultinomialCvOptions extends MultinomialOptions {
  /** Number of folds (default 10); ignored when foldId is given. */
  folds?: number;
  /** The fold (1…K) of each row, as glmnet's foldid. */
  foldId?: ArrayLike<number>;
  /** Seed of the random folds (default 1); the classes are dealt evenly over the folds. */
  seed?: number;
  /** deviance (default), class, mse, mae. */
  measure?: MultinomialMeasure;
}

export interface MultinomialCv {
  measure: MultinomialMeasure;
  lambda: number[];
  cvm: number[];
  cvsd: number[];
  indexMin: number;
  index1se: number;
  lambdaMin: number;
  lambda1se: number;
  foldId: number[];
  /** The fit on every row. */
  fit: MultinomialFit;
}

/** The per-row error of the probabilities q (C values) for class c. */
function rowError(measure: MultinomialMeasure, q: number[], c: number): number {
  switch (measure) {
    case 'deviance': return -2 * Math.log(Math.min(1 - PROB_MIN, Math.max(PROB_MIN, q[c])));
    case 'class': return q.indexOf(Math.max(...q)) === c ? 0 : 1;
    case 'mse': return q.reduce((s, v, k) => s + ((k === c ? 1 : 0) - v) ** 2, 0);
    case 'mae': return q.reduce((s, v, k) => s + Math.abs((k === c ? 1 : 0) - v), 0);
  }
}

function checkedCvOptions(options: MultinomialCvOptions, nRows: number): { measure: MultinomialMeasure; nFolds: number } {
  const measure = options.measure ?? 'deviance';
  if (!MEASURES.includes(measure)) throw new InputError(`option measure: ${show(measure)} must be one of ${MEASURES.join(', ')} for loss multinomial`);
  const nFolds = options.foldId ? checkFoldId(options.foldId, nRows) : (options.folds ?? 10);
  if (!options.foldId) checkFoldCount(nFolds, nRows);
  return { measure, nFolds };
}

export async function cvMultinomial(data: MultinomialDataset, options: MultinomialCvOptions): Promise<MultinomialCv> {
  const { folds: _folds, foldId: givenFolds, seed = 1, measure: _measure, ...fitOptions } = options;
  const full = await fitMultinomial(data, fitOptions);
  const n = full.problem.n;
  const { measure, nFolds } = checkedCvOptions(options, n);
  const classOf = Array.from(data.y, (label) => full.classes.findIndex((c) => String(c) === String(label)));
  const foldId = givenFolds ? Int32Array.from(givenFolds) : randomFolds(n, nFolds, seed, classOf);
  const weights = data.weights ? Array.from(data.weights) : new Array<number>(n).fill(1);
  const { data: Xc } = toColumnMajor(data.X, 'X', full.featureNames.length, 'cross-validation');
  const p = full.featureNames.length;
  const K = full.lambda.length;
  const foldError: number[][] = [];
  const foldWeight: number[] = [];
  for (let f = 1; f <= nFolds; f++) {
    const held = Array.from(foldId.keys()).filter((i) => foldId[i] === f);
    const trainWeights = weights.map((w, i) => (foldId[i] === f ? 0 : w));
    const fit = await fitMultinomial({ ...data, weights: trainWeights }, { ...fitOptions, lambda: full.lambda });
    const rows = held.map((i) => Array.from({ length: p }, (_, j) => Xc[j * n + i]));
    const total = held.reduce((s, i) => s + weights[i], 0);
    const errors = full.lambda.map((lambda, k) => {
      if (k >= fit.lambda.length) return NaN;
      const q = fit.predict(rows, { lambda, type: 'response' });
      return held.reduce((s, i, t) => s + weights[i] * rowError(measure, q[t], classOf[i]), 0) / total;
    });
    foldError.push(errors);
    foldWeight.push(total);
  }
  const stats = foldStatistics(foldError, foldWeight, K);
  const { indexMin, index1se } = chooseLambda(stats, full.lambda, false);
  return {
    measure, lambda: full.lambda, ...stats, indexMin, index1se, lambdaMin: full.lambda[indexMin], lambda1se: full.lambda[index1se],
    foldId: Array.from(foldId), fit: full,
  };
}
