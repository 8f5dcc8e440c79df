// Seeded random problems for the kernel tests, built in the page: the data, the validated
// problem and its standardization, exactly as the library builds them.

import type { PenaltyOption, SparseMatrix } from '../../src/problem/types.js';
import type { LossName } from '../../src/problem/types.js';
import { standardize, type Standardized } from '../../src/problem/standardize.js';
import { validate, type Problem } from '../../src/problem/validate.js';
import { mulberry32, normalGenerator } from '../../src/random.js';
import { workDoubles } from '../../src/solvers/engines.js';

export interface ProblemSpec {
  nSamples: number;
  nFeatures: number;
  loss: LossName;
  seed: number;
  alpha?: number;
  intercept?: boolean;
  standardize?: boolean;
  /** Random observation weights in [0.2, 2.2). */
  weights?: boolean;
  /** Penalty factors: one 0, one ∞ (excluded), the others in [0.5, 2). */
  penaltyFactors?: boolean;
  /** Boxes [−0.3, 0.3] on every other feature. */
  bounds?: boolean;
  /** A penalty other than the elastic net (a separable one: the ops are per coefficient). */
  penalty?: PenaltyOption;
  /** An offset (Dataset.offset): normals of standard deviation 0.5 per row. */
  offset?: boolean;
  /**
   * A sparse X: each entry kept with probability `density` (column 3 empty, every entry of a
   * `binary` matrix 1), and besides the dense problem the same one with X as CSC, standardized
   * on its sparse columns (`sparse` of the result).
   */
  sparse?: { density: number; binary?: boolean };
}

export interface BuiltProblem {
  problem: Problem;
  std: Standardized;
  /** spec.sparse: the same problem with X as CSC and its sparse standardization. */
  sparse?: { problem: Problem; std: Standardized };
}

/** X with entries dropped (kept with probability `density`), column 3 empty, or 0/1. */
function sparsify(X: number[][], uniform: () => number, density: number, binary: boolean): void {
  for (const row of X) {
    for (let j = 0; j < row.length; j++) {
      if (j === 3 || uniform() >= density) row[j] = 0;
      else if (binary) row[j] = 1;
    }
  }
}

/** CSC of rows of numbers. */
function cscOf(X: number[][], p: number): SparseMatrix {
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < p; j++) {
    X.forEach((row, i) => {
      if (row[j] === 0) return;
      indices.push(i);
      values.push(row[j]);
    });
    indptr.push(indices.length);
  }
  return { format: 'csc', indptr, indices, values, nRows: X.length, nCols: p };
}

/** y for the loss from a linear predictor: Gaussian, Bernoulli (both classes), Poisson counts. */
function response(loss: LossName, eta: number[], uniform: () => number, normal: () => number): number[] {
  if (loss === 'logistic') {
    const y = eta.map((e) => (uniform() < 1 / (1 + Math.exp(-e)) ? 1 : 0));
    if (y.length > 1) { y[0] = 0; y[1] = 1; }
    else y[0] = 1;
    return y;
  }
  if (loss === 'poisson') {
    return eta.map((e) => {
      // Knuth's method: fine for the small means used here.
      const limit = Math.exp(-Math.exp(Math.min(e, 2)));
      let k = 0;
      for (let prod = uniform(); prod > limit; prod *= uniform()) k++;
      return k;
    }).map((k, i) => (i === 0 ? Math.max(k, 1) : k));
  }
  return eta.map((e) => 3 * e + 1 + normal());
}

export function buildProblem(spec: ProblemSpec): BuiltProblem {
  const { nSamples: n, nFeatures: p } = spec;
  const uniform = mulberry32(spec.seed);
  const normal = normalGenerator(spec.seed + 1);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => normal()));
  if (spec.sparse) sparsify(X, mulberry32(spec.seed + 5), spec.sparse.density, spec.sparse.binary ?? false);
  const truth = Array.from({ length: p }, (_, j) => (j % 3 === 0 ? 0.5 * normal() : 0));
  const eta = X.map((row) => row.reduce((s, x, j) => s + x * truth[j], 0));
  const y = response(spec.loss, eta, uniform, normal);
  const weights = spec.weights ? y.map(() => 0.2 + 2 * uniform()) : undefined;
  const penaltyFactor = spec.penaltyFactors
    ? Array.from({ length: p }, (_, j) => (j === 0 ? 0 : j === 1 && p > 2 ? Infinity : 0.5 + 1.5 * uniform()))
    : undefined;
  const lower = spec.bounds ? Array.from({ length: p }, (_, j) => (j % 2 ? -0.3 : -Infinity)) : undefined;
  const upper = spec.bounds ? Array.from({ length: p }, (_, j) => (j % 2 ? 0.3 : Infinity)) : undefined;
  // Drawn last, so that the other draws are those of the same spec without an offset.
  const offset = spec.offset ? y.map(() => 0.5 * normal()) : undefined;
  const options = {
    loss: spec.loss, alpha: spec.alpha ?? 1, intercept: spec.intercept ?? true, standardize: spec.standardize ?? true,
    penaltyFactor, lower, upper, ...(spec.penalty ? { penalty: spec.penalty } : {}), ...(spec.loss === 'quantile' ? { tau: 0.3 } : {}), ...(spec.loss === 'huber' ? { delta: 1.2 } : {}),
  };
  const problem = validate({ X, y, weights, offset }, options);
  const std = standardize(problem, workDoubles(problem));
  if (!spec.sparse) return { problem, std };
  const sparseProblem = validate({ X: cscOf(X, p), y, weights, offset }, options);
  return { problem, std, sparse: { problem: sparseProblem, std: standardize(sparseProblem, workDoubles(sparseProblem), 'sparse') } };
}
