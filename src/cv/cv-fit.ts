// The result of cross-validation: per α the CV curve along its path (cvm ± cvsd, nonzeros),
// λ_min and λ_1se, and the full-data fit; the best (α, λ) over the grid. It predicts and gives
// coefficients like a fit (at λ_1se of the best α by default, as cv.glmnet), and saves to JSON.

import { InputError, show } from '../errors.js';
import { PathFit, type PathFitJSON, type PredictOptions } from '../problem/result.js';
import type { DeviceInfo, DenseMatrix, SparseMatrix } from '../problem/types.js';
import type { MeasureName } from './measures.js';
import type { RelaxedCurve } from './relaxed-curves.js';

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
  /**
   * A relaxed fit (option relax): the curve of every γ and the (γ, λ) choices, as cv.glmnet's
   * relaxed; the fields above are then the γ = 1 curve (the penalized path), as cv.glmnet's own.
   */
  relaxed?: RelaxedCurve;
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
  /** The best (α, λ_min) over the grid: the lowest cvm (the highest AUC); relaxed fits: the best (α, γ, λ). */
  best: CvBest;
  warnings: string[];
  timing: CvTiming;
  /** Where the folds ran (absent in files saved before it was recorded). */
  folds?: CvFoldsInfo;
}

export interface CvBest {
  alpha: number;
  curve: number;
  lambdaMin: number;
  lambda1se: number;
  cvm: number;
  /** Relaxed fits: the γ of the λ_min and λ_1se choices. */
  gammaMin?: number;
  gamma1se?: number;
}

/** Which λ a CV result predicts at: a value, or the chosen ones. */
export type CvLambda = number | 'lambdaMin' | 'lambda1se';

/** Which γ a relaxed CV result predicts at: a value, or the chosen ones (default: the λ choice's γ, else gamma1se, as cv.glmnet). */
export type CvGamma = number | 'gammaMin' | 'gamma1se';

/** The options that pick a CV result's fit and coefficients. */
export interface CvChoice {
  lambda?: CvLambda;
  alpha?: number;
  gamma?: CvGamma;
}

/** A curve's choices: its relaxed (γ, λ) ones where it has them. */
function choices(c: CvCurve): { cvm: number; lambdaMin: number; lambda1se: number; gammaMin?: number; gamma1se?: number } {
  const r = c.relaxed;
  if (!r) return { cvm: c.cvm[c.indexMin], lambdaMin: c.lambdaMin, lambda1se: c.lambda1se };
  return { cvm: r.cvm[r.gammaIndexMin][r.indexMin], lambdaMin: r.lambdaMin, lambda1se: r.lambda1se, gammaMin: r.gammaMin, gamma1se: r.gamma1se };
}

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

  /** The best curve: lowest cvm at its λ_min (highest for AUC; a relaxed curve's at its (γ, λ) min); the first α on ties. */
  get best(): CvBest {
    const sign = this.measure === 'auc' ? -1 : 1;
    let curve = 0;
    this.curves.forEach((c, a) => {
      if (sign * choices(c).cvm < sign * choices(this.curves[curve]).cvm) curve = a;
    });
    return { alpha: this.curves[curve].alpha, curve, ...choices(this.curves[curve]) };
  }

  private resolve(options: CvChoice): { fit: PathFit; lambda: number; gamma?: number } {
    let curve = this.best.curve;
    if (options.alpha !== undefined) {
      curve = this.curves.findIndex((c) => c.alpha === options.alpha);
      if (curve < 0) throw new InputError(`alpha ${show(options.alpha)} is not one of the cross-validated α (${this.curves.map((c) => c.alpha).join(', ')})`);
    }
    const c = this.curves[curve];
    const chosen = choices(c);
    const lambda = options.lambda ?? 'lambda1se';
    // cv.glmnet's predict: a chosen λ brings its own γ; a λ value takes gamma1se.
    const gammaOf = { lambdaMin: chosen.gammaMin, lambda1se: chosen.gamma1se };
    const given = options.gamma;
    const gamma = given === 'gammaMin' ? chosen.gammaMin : given === 'gamma1se' ? chosen.gamma1se : given ?? (typeof lambda === 'string' ? gammaOf[lambda] : chosen.gamma1se);
    if (typeof given === 'string' && !c.relaxed) throw new InputError(`gamma ${show(given)} needs a relaxed cross-validation (option relax)`);
    const at = lambda === 'lambdaMin' ? chosen.lambdaMin : lambda === 'lambda1se' ? chosen.lambda1se : lambda;
    return { fit: c.fit, lambda: at, ...(gamma !== undefined ? { gamma } : {}) };
  }

  /**
   * Predictions of the full-data fit (default: λ_1se of the best α, and for a relaxed fit its
   * γ_1se), as PathFit.predict.
   */
  predict(X: DenseMatrix | SparseMatrix | ArrayLike<number>[], options: Omit<PredictOptions, 'lambda' | 'gamma'> & CvChoice = {}): Float64Array {
    const { fit, lambda, gamma } = this.resolve(options);
    return fit.predict(X, { type: options.type, lambda, gamma, offset: options.offset });
  }

  /** Intercept and coefficients of the full-data fit (default: λ_1se of the best α; relaxed: at its γ_1se). */
  coef(options: CvChoice = {}): { intercept: number; beta: number[] } {
    const { fit, lambda, gamma } = this.resolve(options);
    return fit.coefAt(lambda, { gamma });
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
