// The result of a multinomial path fit: per λ the intercepts [C] and coefficients [C][p] on the
// original scale (glmnet's a0 and beta of family "multinomial", intercepts centred to sum 0), and
// predictions: the linear predictors, the class probabilities, or the class.

import { InputError, show } from '../errors.js';
import { softmaxInPlace } from '../losses/multinomial.js';
import { toColumnMajor } from './matrix.js';
import type { ClassLabel } from './multinomial-options.js';
import { PREDICT_TYPES, type PredictType } from './result.js';
import type { DenseMatrix, DeviceInfo, MultinomialType, SparseMatrix, Timing } from './types.js';

/** The saved form's marker and version: a model file must carry them to load. */
export const MULTINOMIAL_FORMAT = 'proxpath-multinomial-fit';
export const MULTINOMIAL_FORMAT_VERSION = 1;

export interface MultinomialSummary {
  n: number;
  p: number;
  loss: 'multinomial';
  multinomial: MultinomialType;
  nClasses: number;
  alpha: number;
  standardize: boolean;
  intercept: boolean;
  tol: number;
  maxIter: number;
  lambdaSequence: 'default' | 'user';
  lambdaMax: number;
}

/** The JSON form: beta[k][c][j] is feature j's coefficient for class c at λ_k. */
export interface MultinomialFitJSON {
  format?: typeof MULTINOMIAL_FORMAT;
  formatVersion?: number;
  lambda: number[];
  classes: ClassLabel[];
  /** intercept[k][c]. */
  intercept: number[][];
  beta: number[][][];
  featureNames: string[];
  /** The objective (mean loss + λ·penalty on the standardized scale), float64, per λ. */
  objective: number[];
  converged: boolean[];
  iterations: number[];
  kktViolation: number[];
  /** Features with a nonzero coefficient in any class (glmnet's df). */
  df: number[];
  devRatio: number[];
  nullDeviance: number;
  backend: 'cpu' | 'webgpu';
  device: DeviceInfo;
  timing: Timing;
  problem: MultinomialSummary;
  warnings: string[];
}

export interface MultinomialPredictOptions {
  /** λ ≥ 0 (default: the last fitted λ), interpolated as in coefAt. */
  lambda?: number;
  /** link: n × C linear predictors (default); response: n × C class probabilities; class: n labels. */
  type?: PredictType;
}

export class MultinomialFit {
  readonly lambda!: number[];
  readonly classes!: ClassLabel[];
  readonly intercept!: number[][];
  readonly beta!: number[][][];
  readonly featureNames!: string[];
  readonly objective!: number[];
  readonly converged!: boolean[];
  readonly iterations!: number[];
  readonly kktViolation!: number[];
  readonly df!: number[];
  readonly devRatio!: number[];
  readonly nullDeviance!: number;
  readonly backend!: 'cpu' | 'webgpu';
  readonly device!: DeviceInfo;
  readonly timing!: Timing;
  readonly problem!: MultinomialSummary;
  readonly warnings!: string[];

  constructor(parts: MultinomialFitJSON) {
    const { format: _format, formatVersion: _version, ...fields } = parts;
    Object.assign(this, fields);
  }

  /** Intercepts [C] and coefficients [C][p] at the k-th λ. */
  coef(k: number): { intercept: number[]; beta: number[][] } {
    if (!Number.isInteger(k) || k < 0 || k >= this.lambda.length) throw new InputError(`coef: index ${show(k)} is outside 0…${this.lambda.length - 1}`);
    return { intercept: this.intercept[k].slice(), beta: this.beta[k].map((row) => row.slice()) };
  }

  /** At any λ ≥ 0: linear in λ between two fitted values (glmnet's predict), the end values beyond. */
  coefAt(lambda: number): { intercept: number[]; beta: number[][] } {
    if (!(lambda >= 0) || lambda === Infinity) throw new InputError(`lambda ${show(lambda)} must be finite and ≥ 0`);
    const lam = this.lambda;
    const K = lam.length;
    if (lambda >= lam[0] || K === 1) return this.coef(0);
    if (lambda <= lam[K - 1]) return this.coef(K - 1);
    let k = 0;
    while (lam[k + 1] > lambda) k++;
    const t = (lam[k] - lambda) / (lam[k] - lam[k + 1]);
    const mix = (a: number, b: number) => (t === 1 ? b : (1 - t) * a + t * b);
    return {
      intercept: this.intercept[k].map((a, c) => mix(a, this.intercept[k + 1][c])),
      beta: this.beta[k].map((row, c) => row.map((b, j) => mix(b, this.beta[k + 1][c][j]))),
    };
  }

  /** Predictions for new rows (n × p, checked like X) at λ (default: the last fitted λ). */
  predict(X: DenseMatrix | SparseMatrix | ArrayLike<number>[], options: MultinomialPredictOptions & { type: 'class' }): ClassLabel[];
  predict(X: DenseMatrix | SparseMatrix | ArrayLike<number>[], options?: number | (MultinomialPredictOptions & { type?: 'link' | 'response' })): number[][];
  predict(X: DenseMatrix | SparseMatrix | ArrayLike<number>[], options: number | MultinomialPredictOptions = {}): number[][] | ClassLabel[] {
    const { lambda, type = 'link' } = typeof options === 'number' ? { lambda: options } : options;
    if (!PREDICT_TYPES.includes(type)) throw new InputError(`predict: type ${show(type)} must be one of ${PREDICT_TYPES.join(', ')}`);
    const p = this.featureNames.length;
    const { intercept, beta } = this.coefAt(lambda ?? this.lambda[this.lambda.length - 1]);
    const { data, nRows } = toColumnMajor(X, 'X', p, 'predict');
    const link = Array.from({ length: nRows }, () => intercept.slice());
    beta.forEach((row, c) => {
      for (let j = 0; j < p; j++) {
        const b = row[j];
        if (b !== 0) for (let i = 0; i < nRows; i++) link[i][c] += data[j * nRows + i] * b;
      }
    });
    if (type === 'link') return link;
    if (type === 'response') return link.map(softmaxInPlace);
    // The first class of the largest predictor, as glmnet's predict(type = "class").
    return link.map((eta) => this.classes[eta.indexOf(Math.max(...eta))]);
  }

  toJSON(): MultinomialFitJSON {
    const { lambda, classes, intercept, beta, featureNames, objective, converged, iterations, kktViolation, df, devRatio, nullDeviance } = this;
    const { backend, device, timing, problem, warnings } = this;
    return {
      format: MULTINOMIAL_FORMAT, formatVersion: MULTINOMIAL_FORMAT_VERSION, lambda, classes, intercept, beta, featureNames, objective,
      converged, iterations, kktViolation, df, devRatio, nullDeviance, backend, device, timing, problem, warnings,
    };
  }
}
