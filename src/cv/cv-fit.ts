// The result of cross-validation: per α the CV curve along its path (cvm ± cvsd, nonzeros),
// λ_min and λ_1se, and the full-data fit; the best (α, λ) over the grid. It predicts and gives
// coefficients like a fit (at λ_1se of the best α by default, as cv.glmnet), and saves to JSON.

import { InputError, show } from '../errors.js';
import { PathFit, type PathFitJSON, type PredictOptions } from '../problem/result.js';
import type { DeviceInfo, DenseMatrix, SparseMatrix } from '../problem/types.js';
import type { MeasureName } from './measures.js';

export const CV_FORMAT = 'proxpath-cv';
export const CV_FORMAT_VERSION = 1;

export interface CvCurve {
  alpha: number;
  lambda: number[];
  /** Mean CV error (or AUC) per λ, and its standard error. */
  cvm: number[];
  cvsd: number[];
  /** Nonzero coefficients of the full-data fit per λ. */
  nzero: number[];
  indexMin: number;
  index1se: number;
  lambdaMin: number;
  lambda1se: number;
  fit: PathFit;
}

export interface CvCurveJSON extends Omit<CvCurve, 'fit'> {
  fit: PathFitJSON;
}

export interface CvTiming {
  totalMs: number;
  /** Fold fits (folds × α). */
  foldFits: number;
  /** In headless Chromium: the part of totalMs outside the page (browser start, data transfer). */
  hostMs?: number;
}

/** Where the fold fits ran, and how. */
export interface CvFoldsInfo {
  backend: 'webgpu' | 'cpu';
  /** In words: one fit per fold, or all folds × λ in one batch. */
  method: string;
  /** The WebGPU device's record (as a fit's `device`), when the folds ran on one. */
  device?: DeviceInfo;
  /** Worker threads the CPU fold fits were dealt to, at most (absent: fitted in turn). */
  threads?: number;
}

export interface CvFitJSON {
  format: typeof CV_FORMAT;
  formatVersion: number;
  measure: MeasureName;
  nFolds: number;
  foldId: number[];
  /** Whether the statistics are per fold (cv.glmnet's grouped) or per row. */
  grouped: boolean;
  curves: CvCurveJSON[];
  /** The best (α, λ_min) over the grid: the lowest cvm (the highest AUC). */
  best: { alpha: number; curve: number; lambdaMin: number; lambda1se: number; cvm: number };
  warnings: string[];
  timing: CvTiming;
  /** Where the folds ran (absent in files saved before it was recorded). */
  folds?: CvFoldsInfo;
}

/** Which λ a CV result predicts at: a value, or the chosen ones. */
export type CvLambda = number | 'lambdaMin' | 'lambda1se';

export class CvFit {
  readonly measure: MeasureName;
  readonly nFolds: number;
  readonly foldId: number[];
  readonly grouped: boolean;
  readonly curves: CvCurve[];
  readonly warnings: string[];
  readonly timing: CvTiming;
  readonly folds?: CvFoldsInfo;

  constructor(parts: Omit<CvFitJSON, 'format' | 'formatVersion' | 'best' | 'curves'> & { curves: CvCurve[] }) {
    this.measure = parts.measure;
    this.nFolds = parts.nFolds;
    this.foldId = parts.foldId;
    this.grouped = parts.grouped;
    this.curves = parts.curves;
    this.warnings = parts.warnings;
    this.timing = parts.timing;
    if (parts.folds) this.folds = parts.folds;
  }

  /** The best curve: lowest cvm at its λ_min (highest for AUC); the first α on ties. */
  get best(): CvFitJSON['best'] {
    const sign = this.measure === 'auc' ? -1 : 1;
    let curve = 0;
    this.curves.forEach((c, a) => {
      const best = this.curves[curve];
      if (sign * c.cvm[c.indexMin] < sign * best.cvm[best.indexMin]) curve = a;
    });
    const c = this.curves[curve];
    return { alpha: c.alpha, curve, lambdaMin: c.lambdaMin, lambda1se: c.lambda1se, cvm: c.cvm[c.indexMin] };
  }

  private resolve(options: { lambda?: CvLambda; alpha?: number }): { fit: PathFit; lambda: number } {
    let curve = this.best.curve;
    if (options.alpha !== undefined) {
      curve = this.curves.findIndex((c) => c.alpha === options.alpha);
      if (curve < 0) throw new InputError(`alpha ${show(options.alpha)} is not one of the cross-validated α (${this.curves.map((c) => c.alpha).join(', ')})`);
    }
    const c = this.curves[curve];
    const lambda = options.lambda ?? 'lambda1se';
    if (lambda === 'lambdaMin') return { fit: c.fit, lambda: c.lambdaMin };
    if (lambda === 'lambda1se') return { fit: c.fit, lambda: c.lambda1se };
    return { fit: c.fit, lambda };
  }

  /** Predictions of the full-data fit (default: λ_1se of the best α), as PathFit.predict. */
  predict(X: DenseMatrix | SparseMatrix | ArrayLike<number>[], options: Omit<PredictOptions, 'lambda'> & { lambda?: CvLambda; alpha?: number } = {}): Float64Array {
    const { fit, lambda } = this.resolve(options);
    return fit.predict(X, { type: options.type, lambda, offset: options.offset });
  }

  /** Intercept and coefficients of the full-data fit (default: λ_1se of the best α). */
  coef(options: { lambda?: CvLambda; alpha?: number } = {}): { intercept: number; beta: number[] } {
    const { fit, lambda } = this.resolve(options);
    return fit.coefAt(lambda);
  }

  toJSON(): CvFitJSON {
    return {
      format: CV_FORMAT,
      formatVersion: CV_FORMAT_VERSION,
      measure: this.measure,
      nFolds: this.nFolds,
      foldId: this.foldId,
      grouped: this.grouped,
      curves: this.curves.map((c) => ({ ...c, fit: c.fit.toJSON() })),
      best: this.best,
      warnings: this.warnings,
      timing: this.timing,
      ...(this.folds ? { folds: this.folds } : {}),
    };
  }
}
