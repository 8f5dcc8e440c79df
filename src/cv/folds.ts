// Fold assignment for cross-validation: given (checked), or random from a seed, stratified by
// class for the logistic loss when asked. Folds are numbered 1…K, as glmnet's foldid.

import { mulberry32 } from '../random.js';
import { InputError, show } from '../errors.js';

/** Fewest folds: with two, the spread of the fold errors says nothing. */
export const MIN_FOLDS = 3;

/** Fisher–Yates shuffle in place, from a seeded generator. */
function shuffle(values: number[], uniform: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
}

/**
 * Random folds: a shuffled 1, 2, …, K, 1, 2, … over the rows (glmnet's
 * `sample(rep(seq(nfolds), length = N))`). With `classes`, the rows of each class are dealt
 * round-robin in a shuffled order, continuing the count from one class to the next, so that
 * every fold gets its share of each class.
 */
export function randomFolds(nRows: number, nFolds: number, seed: number, classes?: ArrayLike<number>): Int32Array {
  checkFoldCount(nFolds, nRows);
  const uniform = mulberry32(seed);
  const foldId = new Int32Array(nRows);
  if (!classes) {
    const ids = Array.from({ length: nRows }, (_, i) => (i % nFolds) + 1);
    shuffle(ids, uniform);
    foldId.set(ids);
    return foldId;
  }
  const levels = [...new Set(Array.from(classes))].sort((a, b) => a - b);
  let next = 0;
  for (const level of levels) {
    const rows: number[] = [];
    for (let i = 0; i < nRows; i++) if (classes[i] === level) rows.push(i);
    shuffle(rows, uniform);
    for (const i of rows) foldId[i] = (next++ % nFolds) + 1;
  }
  return foldId;
}

export function checkFoldCount(nFolds: number, nRows: number): void {
  if (!Number.isInteger(nFolds) || nFolds < MIN_FOLDS || nFolds > nRows) {
    throw new InputError(`option folds: ${show(nFolds)} must be an integer from ${MIN_FOLDS} to the number of rows (${nRows})`);
  }
}

/** Checks a given fold assignment: n integers 1…K, K ≥ 3, every fold non-empty. Returns K. */
export function checkFoldId(foldId: ArrayLike<number>, nRows: number): number {
  if (foldId.length !== nRows) {
    throw new InputError(`option foldId: ${foldId.length} values for ${nRows} rows (one fold number per row)`);
  }
  let K = 0;
  for (let i = 0; i < nRows; i++) {
    const f = foldId[i];
    if (!Number.isInteger(f) || f < 1) {
      throw new InputError(`option foldId: row ${i + 1} has fold ${show(f)}; folds are numbered 1, 2, …`);
    }
    K = Math.max(K, f);
  }
  const size = new Array<number>(K + 1).fill(0);
  for (let i = 0; i < nRows; i++) size[foldId[i]]++;
  const empty = size.findIndex((s, f) => f >= 1 && s === 0);
  if (empty > 0) throw new InputError(`option foldId: fold ${empty} of 1…${K} has no rows`);
  if (K < MIN_FOLDS) throw new InputError(`option foldId: ${K} folds; cross-validation needs at least ${MIN_FOLDS}`);
  return K;
}
