// The result of a path fit: coefficients on the original scale, one entry per λ.

import { InputError, show } from './errors.js';
import type { DeviceInfo, LossName, ProblemSummary, Timing } from './types.js';
import { toColumnMajor } from './matrix.js';
import type { DenseMatrix } from './types.js';

/** The JSON form of a fit (DESIGN §2). */
export interface PathFitJSON {
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
}

export interface PathFitParts extends Omit<PathFitJSON, 'featureNames'> {
  featureNames: string[];
  loss: LossName;
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

  constructor(parts: PathFitParts) {
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
  }

  /** Coefficients (original scale) at the k-th λ of the path. */
  coef(k: number): number[] {
    if (!Number.isInteger(k) || k < 0 || k >= this.lambda.length) {
      throw new InputError(`coef: index ${show(k)} is outside 0…${this.lambda.length - 1}`);
    }
    return this.beta[k].slice();
  }

  /**
   * Linear predictor b0 + x·β at the k-th λ (or at the λ nearest below when a value is given),
   * for new rows. Returns one value per row.
   */
  predict(X: DenseMatrix | ArrayLike<number>[], lambda?: number): Float64Array {
    const p = this.featureNames.length;
    const { data, nRows } = toColumnMajor(X, 'X', p);
    const k = lambda === undefined ? this.lambda.length - 1 : this.indexOf(lambda);
    const eta = new Float64Array(nRows).fill(this.intercept[k]);
    const beta = this.beta[k];
    for (let j = 0; j < p; j++) {
      const b = beta[j];
      if (b === 0) continue;
      const col = j * nRows;
      for (let i = 0; i < nRows; i++) eta[i] += data[col + i] * b;
    }
    return eta;
  }

  private indexOf(lambda: number): number {
    if (!(lambda >= 0)) throw new InputError(`predict: lambda ${show(lambda)} must be ≥ 0`);
    let best = 0;
    for (let k = 0; k < this.lambda.length; k++) {
      if (Math.abs(this.lambda[k] - lambda) < Math.abs(this.lambda[best] - lambda)) best = k;
    }
    return best;
  }

  toJSON(): PathFitJSON {
    return {
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
    };
  }
}
