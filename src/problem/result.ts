// The result of a path fit: coefficients on the original scale, one entry per λ.

import { binaryLosses, lossSpec } from '../losses/registry.js';
import { InputError, show } from '../errors.js';
import { toColumnMajor } from './matrix.js';
import { type CscMatrix, checkSparse, isSparse } from './sparse-matrix.js';
import { type PathBreakpoints, solutionAt } from './breakpoints.js';
import { strictNumbers } from './numbers.js';
import { blend, checkedGamma, refitAt, type RelaxedPath } from './relaxed.js';
import type { DenseMatrix, DeviceInfo, SparseMatrix, PathWork, ProblemSummary, Timing } from './types.js';

/** The saved form's marker and version: a model file must carry them to load. */
export const FIT_FORMAT = 'proxpath-fit';
export const FIT_FORMAT_VERSION = 1;

/** What predict returns: η = b0 + xβ, the mean response, or the class (logistic: 1 when η > 0). */
export type PredictType = 'link' | 'response' | 'class';
export const PREDICT_TYPES: readonly PredictType[] = ['link', 'response', 'class'];

export interface PredictOptions {
  /** λ ≥ 0 (default: the last fitted λ), interpolated as in coefAt. */
  lambda?: number;
  /** Default 'link'. */
  type?: PredictType;
  /**
   * One offset per new row, added to the linear predictor: needed exactly when the fit had an
   * offset (glmnet's newoffset), refused otherwise.
   */
  offset?: ArrayLike<number>;
  /** A relaxed fit's blend γ ∈ [0, 1] (default 1: the penalized fit), as coefAt. */
  gamma?: number;
}

/** The JSON form of a fit (DESIGN §2). */
export interface PathFitJSON {
  /** Present in saved files (written by toJSON); optional when building a fit by hand. */
  format?: typeof FIT_FORMAT;
  formatVersion?: number;
  lambda: number[];
  intercept: number[];
  /** beta[k][j]: coefficient of feature j at λ_k, original scale. */
  beta: number[][];
  featureNames: string[];
  objective: number[];
  converged: boolean[];
  iterations: number[];
  /** Largest violation of the optimality conditions per λ, relative to λ_max (float64). */
  kktViolation: number[];
  df: number[];
  devRatio: number[];
  nullDeviance: number;
  backend: 'webgpu' | 'cpu';
  device: DeviceInfo;
  timing: Timing & { parseMs?: number };
  problem: ProblemSummary;
  warnings: string[];
  /**
   * Batched fits (WebGPU, or the float64 twin): the work the backend was asked to do, counted on
   * the host from the shapes dispatched (src/solvers/batched/work.ts), whole and per λ block.
   */
  work?: PathWork;
  /** The exact path's breakpoints (option breakpoints; absolute and quantile losses with the lasso). */
  breakpoints?: PathBreakpoints;
  /** The relaxed fit's refits (option relax), one per λ. */
  relaxed?: RelaxedPath;
}

/**
 * The new rows' offsets as the start of their linear predictors (zeros for a fit without one),
 * checked: given exactly when the fit had one (glmnet refuses a missing newoffset), one finite
 * number per row.
 */
function newOffset(fitHadOffset: boolean, offset: ArrayLike<number> | undefined, nRows: number): Float64Array {
  if (offset === undefined) {
    if (fitHadOffset) throw new InputError('predict: the model was fit with an offset: give the new rows\' offsets (option offset, one per row)');
    return new Float64Array(nRows);
  }
  if (!fitHadOffset) throw new InputError('predict: offset given, but the model was fit without an offset');
  if (offset === null || typeof offset !== 'object' || typeof offset.length !== 'number') {
    throw new InputError(`predict: offset ${show(offset)} is not a list of numbers (one per row)`);
  }
  if (offset.length !== nRows) throw new InputError(`predict: offset has ${offset.length} values, expected ${nRows} (one per row of X)`);
  const eta = strictNumbers(offset, (i, v) => `predict: offset row ${i + 1} is ${show(v)}, not a finite number`);
  for (let i = 0; i < nRows; i++) {
    if (!Number.isFinite(eta[i])) throw new InputError(`predict: offset row ${i + 1} is ${show(eta[i])}, not a finite number`);
  }
  return eta;
}

export class PathFit {
  readonly lambda: number[];
  readonly intercept: number[];
  readonly beta: number[][];
  readonly featureNames: string[];
  readonly objective: number[];
  readonly converged: boolean[];
  readonly iterations: number[];
  readonly kktViolation: number[];
  readonly df: number[];
  readonly devRatio: number[];
  readonly nullDeviance: number;
  readonly backend: 'webgpu' | 'cpu';
  readonly device: DeviceInfo;
  readonly timing: Timing & { parseMs?: number };
  readonly problem: ProblemSummary;
  readonly warnings: string[];
  readonly work?: PathWork;
  readonly breakpoints?: PathBreakpoints;
  readonly relaxed?: RelaxedPath;

  constructor(parts: PathFitJSON) {
    this.lambda = parts.lambda;
    this.intercept = parts.intercept;
    this.beta = parts.beta;
    this.featureNames = parts.featureNames;
    this.objective = parts.objective;
    this.converged = parts.converged;
    this.iterations = parts.iterations;
    this.kktViolation = parts.kktViolation;
    this.df = parts.df;
    this.devRatio = parts.devRatio;
    this.nullDeviance = parts.nullDeviance;
    this.backend = parts.backend;
    this.device = parts.device;
    this.timing = parts.timing;
    this.problem = parts.problem;
    this.warnings = parts.warnings;
    if (parts.work) this.work = parts.work;
    if (parts.breakpoints) this.breakpoints = parts.breakpoints;
    if (parts.relaxed) this.relaxed = parts.relaxed;
  }

  /** Coefficients (original scale) at the k-th λ of the path. */
  coef(k: number): number[] {
    if (!Number.isInteger(k) || k < 0 || k >= this.lambda.length) {
      throw new InputError(`coef: index ${show(k)} is outside 0…${this.lambda.length - 1}`);
    }
    return this.beta[k].slice();
  }

  /**
   * Intercept and coefficients at any λ ≥ 0: at a fitted λ exactly, between two fitted values
   * linearly in λ (glmnet's predict/coef interpolation), beyond the ends the end values. A fit
   * with its breakpoints gives the exact solution anywhere in its range instead. A relaxed fit
   * (option relax) blends at `gamma` (default 1): γ·penalized + (1 − γ)·refit, both read at λ.
   */
  coefAt(lambda: number, options: { gamma?: number } = {}): { intercept: number; beta: number[] } {
    if (!(lambda >= 0) || lambda === Infinity) throw new InputError(`lambda ${show(lambda)} must be finite and ≥ 0`);
    if (options.gamma !== undefined && checkedGamma(options.gamma, 'coefAt') !== 1) {
      if (!this.relaxed) throw new InputError(`coefAt: gamma ${show(options.gamma)} needs a relaxed fit (option relax)`);
      return blend(this.coefAt(lambda), refitAt(this.relaxed, this.lambda, lambda), options.gamma);
    }
    const lam = this.lambda;
    const K = lam.length;
    const exact = this.breakpoints && solutionAt(this.breakpoints, lambda, lam[K - 1]);
    if (exact) return exact;
    if (lambda >= lam[0] || K === 1) return { intercept: this.intercept[0], beta: this.beta[0].slice() };
    if (lambda <= lam[K - 1]) return { intercept: this.intercept[K - 1], beta: this.beta[K - 1].slice() };
    let k = 0;
    while (lam[k + 1] > lambda) k++;
    // λ_k > λ ≥ λ_{k+1}: weight of the right end.
    const t = (lam[k] - lambda) / (lam[k] - lam[k + 1]);
    const mix = (a: number, b: number) => (t === 1 ? b : (1 - t) * a + t * b);
    return {
      intercept: mix(this.intercept[k], this.intercept[k + 1]),
      beta: this.beta[k].map((b, j) => mix(b, this.beta[k + 1][j])),
    };
  }

  /**
   * Predictions for new rows (n × p, checked like X) at λ (default: the last fitted λ),
   * interpolated as in coefAt: the linear predictor b0 + x·β (`link`, the default), the mean
   * response (`response`, the loss's inverse link: the probability for logistic, exp(η) for
   * Poisson, η otherwise), or the class (`class`, binary responses only: logistic's is 1 when
   * η > 0, else 0). A number in place of the options is λ. A fit with an offset takes the new
   * rows' offsets (`offset`), added to the linear predictor.
   */
  predict(X: DenseMatrix | SparseMatrix | ArrayLike<number>[], options: number | PredictOptions = {}): Float64Array {
    const { lambda, type = 'link', offset, gamma } = typeof options === 'number' ? { lambda: options } : options;
    if (!PREDICT_TYPES.includes(type)) {
      throw new InputError(`predict: type ${show(type)} must be one of ${PREDICT_TYPES.join(', ')}`);
    }
    // From η to the output: the loss's classification rule, its inverse link, or none (link).
    const spec = lossSpec(this.problem.loss);
    const output = type === 'class' ? spec.classify : type === 'response' ? spec.inverseLink : undefined;
    if (type === 'class' && !output) throw new InputError(`predict: type class needs loss ${binaryLosses()}, not ${spec.name}`);
    const p = this.featureNames.length;
    const { intercept, beta } = this.coefAt(lambda ?? this.lambda[this.lambda.length - 1], { gamma });
    const eta = isSparse(X) ? sparseProduct(checkSparse(X, 'X', p), beta, newOffset(this.problem.offset === true, offset, X.nRows)) : denseProduct(X, p, beta, this.problem.offset === true, offset);
    for (let i = 0; i < eta.length; i++) eta[i] += intercept;
    return output ? eta.map((e) => output(e)) : eta;
  }

  toJSON(): PathFitJSON {
    return {
      format: FIT_FORMAT,
      formatVersion: FIT_FORMAT_VERSION,
      lambda: this.lambda,
      intercept: this.intercept,
      beta: this.beta,
      featureNames: this.featureNames,
      objective: this.objective,
      converged: this.converged,
      iterations: this.iterations,
      kktViolation: this.kktViolation,
      df: this.df,
      devRatio: this.devRatio,
      nullDeviance: this.nullDeviance,
      backend: this.backend,
      device: this.device,
      timing: this.timing,
      problem: this.problem,
      warnings: this.warnings,
      work: this.work,
      breakpoints: this.breakpoints,
      relaxed: this.relaxed,
    };
  }
}

/** eta += Xβ for a dense X (checked here), eta the rows' offsets (or zeros). */
function denseProduct(X: DenseMatrix | ArrayLike<number>[], p: number, beta: number[], hasOffset: boolean, offset: ArrayLike<number> | undefined): Float64Array {
  const { data, nRows } = toColumnMajor(X, 'X', p);
  const eta = newOffset(hasOffset, offset, nRows);
  for (let j = 0; j < p; j++) {
    const b = beta[j];
    if (b === 0) continue;
    const col = j * nRows;
    for (let i = 0; i < nRows; i++) eta[i] += data[col + i] * b;
  }
  return eta;
}

/** eta += Xβ over a sparse X's stored entries. */
function sparseProduct(X: CscMatrix, beta: number[], eta: Float64Array): Float64Array {
  const { indptr, indices, values } = X;
  for (let j = 0; j < X.nCols; j++) {
    const b = beta[j];
    if (b === 0) continue;
    for (let k = indptr[j]; k < indptr[j + 1]; k++) eta[indices[k]] += values[k] * b;
  }
  return eta;
}
