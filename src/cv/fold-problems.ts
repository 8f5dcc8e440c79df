// The folds of a cross-validation as problems over ONE standardized copy of X: the full data's
// X̃ = (X − m)/s. glmnet fits fold f on its training rows, standardized by their own weighted
// means m' and scales s' (x̃' = (x − m')/s'), with the training weights renormalized. Since
//   x̃'_ij = r_j x̃_ij + c_j,   r_j = s_j / s'_j,   c_j = (m_j − m'_j) / s'_j,
// the fold's predictor b̃0' + Σ x̃'_ij β̃'_j equals a + Σ x̃_ij γ_j with γ_j = r_j β̃'_j and
// a = b̃0' + Σ c_j β̃'_j, a one-to-one change of the unknowns (the intercept is unpenalized). In
// (a, γ) the fold's problem is the shared X̃ with the fold's weights (0 on held-out rows) and the
// penalty of β̃'_j = q_j γ_j, q_j = s'_j / s_j: l1 q_j and l2 q_j², the same boxes (lower·s'_j
// on β̃' is lower·s_j on γ), and KKT distances over q_j. The solution is the fold's, exactly;
// and its original-scale coefficients are γ_j / s_j with intercept a − Σ m_j γ_j / s_j, the
// full data's own map back.

import { standardize, type Standardized } from '../problem/standardize.js';
import { validate, type Problem } from '../problem/validate.js';
import type { FitOptions } from '../problem/types.js';
import type { ColumnProblem } from '../solvers/batched/column-problems.js';
import { FLOAT32_EPSILON, FLOAT32_KKT_MULTIPLE, gradientScale, kktTarget } from '../solvers/batched/precision.js';
import type { Precision } from '../solvers/batched/backend.js';
import { workDoubles } from '../solvers/engines.js';
import { startPath } from '../solvers/path.js';
import { trainingSet, type FoldData } from './fold-runner.js';

/** What the batch needs of one fold besides its ColumnProblem. */
export interface FoldSetup {
  problem: ColumnProblem;
  /** The fold's λ_max on its own data (the scale of its KKT target and of kktViolation). */
  lambdaMax: number;
  /** The KKT target fitPath would set this fold (tol^¾ · λ_max), and the float32 floor. */
  kktTolerance: number;
  float32Floor: number;
  /** max_i (fold weight / shared weight): the fold's Gram norm is at most this times the shared one. */
  gramRatio: number;
}

/** The full data as the common coordinates: its problem and standardization (release the heap). */
export function commonProblem(data: FoldData, options: FitOptions): { problem: Problem; std: Standardized } {
  const all = Int32Array.from({ length: data.nRows }, (_, i) => i);
  const problem = validate(trainingSet(data, all), options);
  return { problem, std: standardize(problem, workDoubles(problem)) };
}

/** One fold (its training rows) in the common coordinates of `common`. */
export async function foldSetup(data: FoldData, trainRows: Int32Array, options: FitOptions, common: { problem: Problem; std: Standardized }): Promise<FoldSetup> {
  const n = data.nRows;
  const p = data.nCols;
  const foldProblem = validate(trainingSet(data, trainRows), options);
  const foldStd = standardize(foldProblem, workDoubles(foldProblem));
  try {
    // The fold's own start, as fitPath's: its null fit, λ_max, and the usable features (a
    // constant response in the fold leaves none).
    const start = await startPath(foldProblem, foldStd);
    const weights = new Float64Array(n);
    trainRows.forEach((i, t) => { weights[i] = foldStd.wn[t]; });
    const scales = new Float64Array(p + 1);
    for (let j = 0; j < p; j++) {
      scales[j] = foldStd.usable[j] && common.std.usable[j] ? foldStd.scale[j] / common.std.scale[j] : 0;
    }
    scales[p] = 1;
    const coefs = new Float64Array(p + 1);
    coefs[p] = foldProblem.intercept ? start.eta0 : 0;
    let gramRatio = 0;
    for (let i = 0; i < n; i++) {
      if (weights[i] > 0) gramRatio = Math.max(gramRatio, weights[i] / common.std.wn[i]);
    }
    const lambdaMax = start.lambdaMax;
    return {
      problem: { weights, scales, start: coefs },
      lambdaMax,
      kktTolerance: kktTarget(foldProblem.tol, lambdaMax),
      float32Floor: FLOAT32_KKT_MULTIPLE * FLOAT32_EPSILON * gradientScale(foldProblem, foldStd, start.eta0),
      gramRatio,
    };
  } finally {
    foldStd.heap.release();
  }
}

/** One KKT target for a batch of folds: the strictest fold's, raised to float32's floor there. */
export function batchKktTolerance(folds: FoldSetup[], precision: Precision): number {
  const requested = Math.min(...folds.map((f) => f.kktTolerance));
  return precision === 'float64' ? requested : Math.max(requested, Math.max(...folds.map((f) => f.float32Floor)));
}

/**
 * A fold's solution (shared coordinates, intercept last) on the original scale: β_j = γ_j / s_j,
 * clipped onto its bounds as toOriginalScale does, and b0 = a − Σ β_j m_j.
 */
export function foldToOriginal(coefs: Float64Array, common: { problem: Problem; std: Standardized }): { intercept: number; beta: number[]; df: number } {
  const { center, scale } = common.std;
  const { lower, upper } = common.problem;
  const p = scale.length;
  const beta = new Array<number>(p).fill(0);
  let b0 = coefs[p];
  let df = 0;
  for (let j = 0; j < p; j++) {
    if (coefs[j] === 0) continue;
    df++;
    const v = coefs[j] / scale[j];
    beta[j] = v < lower[j] ? lower[j] : v > upper[j] ? upper[j] : v;
    b0 -= beta[j] * center[j];
  }
  return { intercept: b0, beta, df };
}
