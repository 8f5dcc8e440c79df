// The options of a cross-validation (cvPath, src/api/cv-path.ts) and their checks, made once
// before any backend is chosen: the measure, the α grid, the worker count, the seed, and the
// folds themselves (given, or dealt at random). The fits' own options are validate's to check.

import { InputError, show } from '../errors.js';
import type { Dataset, FitOptions, LossName } from '../problem/types.js';
import { checkFoldCount, checkFoldId, randomFolds } from './folds.js';
import { binaryLosses, lossSpec } from '../losses/registry.js';
import { defaultAlpha } from '../problem/penalty-option.js';
import { checkMeasure, type MeasureName } from './measures.js';
import type { FoldRunner } from './fold-runner.js';

export interface CvOptions extends FitOptions {
  /** Number of folds K (default 10, at least 3, at most n); ignored when foldId is given. */
  folds?: number;
  /** The fold (1…K) of each row, as glmnet's foldid. */
  foldId?: ArrayLike<number>;
  /** Seed of the random folds (default 1). */
  seed?: number;
  /** Logistic loss only: deal each class evenly over the folds. */
  stratify?: boolean;
  /** mse, mae, deviance, class, auc (default: mse for squared, else deviance). */
  measure?: MeasureName;
  /** An α grid: every value fitted with the same folds (default: [alpha ?? the penalty's default]). */
  alphas?: number[];
  /**
   * Fold fits at once in worker threads (Node); 1 fits them in turn; 'auto' (the default) uses
   * the CPU count (at most AUTO_MAX_THREADS) when the folds would take long enough to pay for
   * the threads (the full fit times the folds over AUTO_PARALLEL_MS), else 1
   * (src/api/fold-threads.ts). A count above the
   * machine's parallelism or the number of fold fits is lowered to it, with a warning. The
   * results are the same bits either way.
   */
  workers?: number | 'auto';
  /**
   * The parallel runner to use where `workers` would start threads (e.g. Web Workers in a page:
   * see src/hosts/web-workers.ts); Node's worker threads by default.
   */
  foldRunner?: FoldRunner;
  /**
   * How the folds line up with the full fit's λ: 'lambda' (default) fits every fold on the full
   * fit's λ (glmnet's cv.glmnet when λ is given); 'fold-paths' fits every fold on its own default
   * λ path and predicts it at the full fit's λ by glmnet's linear interpolation (cv.glmnet's
   * output when no λ is given). With a λ list given, both fit the folds on it.
   */
  alignment?: Alignment;
}

export type Alignment = 'lambda' | 'fold-paths';
export const ALIGNMENTS: readonly Alignment[] = ['lambda', 'fold-paths'];

/** A checked cross-validation: what the run needs besides the data and its backend. */
export interface CvPlan {
  /** The options of the fits (the CV's own removed). */
  fitOptions: FitOptions;
  lossName: LossName;
  measure: MeasureName;
  alphas: number[];
  /** The fold (1…K) of each row, and K. */
  foldId: Int32Array;
  nFolds: number;
  workers: number | 'auto';
  foldRunner?: FoldRunner;
  alignment: Alignment;
}

export function checkCvOptions(data: Dataset, options: CvOptions): CvPlan {
  if (!data || typeof data !== 'object' || !data.y || typeof data.y.length !== 'number') {
    throw new InputError('data must be {X, y, weights?, offset?}');
  }
  if (typeof options !== 'object' || options === null) throw new InputError('options must be an object');
  const { folds: nFolds, foldId: givenFolds, seed, stratify, measure: measureOption, alphas: alphaOption, workers, foldRunner, alignment: alignmentOption, ...fitOptions } = options;
  const alignment = alignmentOption ?? 'lambda';
  if (!ALIGNMENTS.includes(alignment)) throw new InputError(`option alignment: ${show(alignment)} must be ${ALIGNMENTS.join(' or ')}`);
  const spec = lossSpec(fitOptions.loss ?? 'squared');
  const lossName = spec.name as LossName;
  const measure = checkMeasure(measureOption, spec);
  const alphas = alphaOption ?? [fitOptions.alpha ?? defaultAlpha(fitOptions.penalty)];
  if (!Array.isArray(alphas) || alphas.length === 0) throw new InputError('option alphas: give at least one α');
  alphas.forEach((a) => {
    if (!(typeof a === 'number' && a >= 0 && a <= 1)) throw new InputError(`option alphas: ${show(a)} is not in [0, 1]`);
  });
  checkWorkers(workers);
  if (seed !== undefined && !Number.isInteger(seed)) throw new InputError(`option seed: ${show(seed)} must be an integer`);
  if (stratify && spec.response !== 'binary') {
    throw new InputError(`option stratify: stratified folds need a binary response (loss ${binaryLosses()}), not loss ${spec.name}`);
  }
  const n = data.y.length;
  if (givenFolds !== undefined) {
    const K = checkFoldId(givenFolds, n);
    return { fitOptions, lossName, measure, alphas, foldId: Int32Array.from(givenFolds), nFolds: K, workers: workers ?? 'auto', foldRunner, alignment };
  }
  const K = nFolds ?? 10;
  checkFoldCount(K, n);
  const foldId = randomFolds(n, K, seed ?? 1, stratify ? data.y : undefined);
  return { fitOptions, lossName, measure, alphas, foldId, nFolds: K, workers: workers ?? 'auto', foldRunner, alignment };
}

/** `workers` is 'auto' or a positive integer (a count above the machine is lowered later, not refused). */
function checkWorkers(workers: unknown): void {
  if (workers === undefined || workers === 'auto') return;
  if (!(typeof workers === 'number' && Number.isInteger(workers) && workers >= 1)) {
    throw new InputError(`option workers: ${show(workers)} must be a positive integer or 'auto'`);
  }
}
