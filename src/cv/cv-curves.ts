// The CV curve of each α: the held-out error of every fold at every λ of the full fit's sequence,
// their weighted mean and standard error (per fold, or per row where folds are too small), and
// λ_min and λ_1se, as cv.glmnet computes them.

import { lossSpec } from '../losses/registry.js';
import type { Loss, LossSpec } from '../losses/types.js';
import type { PathFit } from '../problem/result.js';
import type { CvCurve } from './cv-fit.js';
import type { CvPlan } from './cv-options.js';
import { type FoldMatrix, isCsc, rowSubset } from './fold-matrix.js';
import type { FoldPath } from './fold-runner.js';
import { chooseLambda, foldStatistics, rowError, weightedAuc } from './measures.js';
import { pathAt } from './lambda-interp.js';
import { blendFold, chooseRelaxed, type RelaxedCurve } from './relaxed-curves.js';

export interface CurveInputs {
  plan: CvPlan;
  /** The full-data fit of each α. */
  fulls: PathFit[];
  /** The fold fits, α-major, folds 1…K within. */
  fits: FoldPath[];
  /** The data: X n × p (column-major float64, or a sparse X's CSC), y and the weights (ones where none were given). */
  X: FoldMatrix;
  y: Float64Array;
  weights: Float64Array;
  /** The offsets, if any: the held-out rows' are added to their predictions (cv.glmnet's newoffset). */
  offset?: Float64Array;
  /** Fold-wise statistics (else row-wise: folds under three rows). */
  grouped: boolean;
}

export function cvCurves(inputs: CurveInputs): CvCurve[] {
  const { plan, fulls } = inputs;
  // The measures' loss has the fit's own δ or τ (the defaults included).
  const spec = lossSpec(plan.lossName);
  const loss = spec.make(fulls[0].problem);
  return plan.alphas.map((alpha, a) => {
    const full = fulls[a];
    const { groupError, groupWeight } = heldOutErrors(inputs, a, spec, loss, full.lambda);
    const stats = foldStatistics(groupError, groupWeight, full.lambda.length);
    const { indexMin, index1se } = chooseLambda(stats, full.lambda, plan.measure === 'auc');
    return {
      alpha, lambda: full.lambda.slice(), cvm: stats.cvm, cvsd: stats.cvsd, nzero: full.df.slice(),
      indexMin, index1se, lambdaMin: full.lambda[indexMin], lambda1se: full.lambda[index1se], fit: full,
      ...(full.relaxed ? { relaxed: relaxedCurve(inputs, a, spec, loss, full) } : {}),
    };
  });
}

/**
 * The relaxed fit's curves (cv.glmnet's relaxed$statlist): at each γ of the full fit's grid, the
 * folds of α number `a` blended at γ and cross-validated as a path; then the (γ, λ) choices.
 */
function relaxedCurve(inputs: CurveInputs, a: number, spec: LossSpec, loss: Loss, full: PathFit): RelaxedCurve {
  const K = inputs.plan.nFolds;
  const gamma = full.relaxed!.gamma;
  const stats = gamma.map((g) => {
    const fits = inputs.fits.map((fold, index) => (Math.floor(index / K) === a ? blendFold(fold, g) : fold));
    const { groupError, groupWeight } = heldOutErrors({ ...inputs, fits }, a, spec, loss, full.lambda);
    return foldStatistics(groupError, groupWeight, full.lambda.length);
  });
  return chooseRelaxed(stats, full.lambda, gamma, inputs.plan.measure === 'auc');
}

/** The errors of α number `a` per group (a fold, or a row where not grouped) and λ, and each group's weight. */
function heldOutErrors(inputs: CurveInputs, a: number, spec: LossSpec, loss: Loss, lambda: number[]): { groupError: number[][]; groupWeight: number[] } {
  const { plan, fits, X, y, weights, offset, grouped } = inputs;
  const { foldId, nFolds: K, measure } = plan;
  const n = y.length;
  const groupError: number[][] = [];
  const groupWeight: number[] = [];
  for (let f = 1; f <= K; f++) {
    // Jobs are α-major, folds 1…K within; a fold on its own path is read at the full fit's λ.
    const own = fits[a * K + f - 1];
    const fit = plan.alignment === 'fold-paths' ? pathAt(own, lambda) : own;
    const held: number[] = [];
    for (let i = 0; i < n; i++) if (foldId[i] === f) held.push(i);
    const etas = heldOutLinks(fit, X, n, held, offset);
    if (measure === 'auc') {
      const labels = held.map((i) => y[i]);
      const rowWeights = held.map((i) => weights[i]);
      groupError.push(etas.map((eta) => weightedAuc(labels, eta, rowWeights)));
      groupWeight.push(held.reduce((s, i) => s + weights[i], 0));
    } else if (grouped) {
      const sw = held.reduce((s, i) => s + weights[i], 0);
      groupError.push(etas.map((eta) => {
        let total = 0;
        for (let t = 0; t < held.length; t++) total += weights[held[t]] * rowError(measure, spec, loss, y[held[t]], eta[t]);
        return total / sw;
      }));
      groupWeight.push(sw);
    } else {
      held.forEach((i, t) => {
        groupError.push(etas.map((eta) => rowError(measure, spec, loss, y[i], eta[t])));
        groupWeight.push(weights[i]);
      });
    }
  }
  return { groupError, groupWeight };
}

/**
 * η of the held-out rows at every λ of a fold's fit: the rows' block of X taken once (column-
 * major, or the CSC of their entries for a sparse X: fold-matrix.ts), then per λ the rows'
 * offsets (if any) and the intercept plus the columns of the nonzero coefficients.
 */
function heldOutLinks(fit: FoldPath, X: FoldMatrix, n: number, held: number[], offset?: Float64Array): Float64Array[] {
  const m = held.length;
  const p = fit.featureNames.length;
  const block = rowSubset(X, n, p, held);
  return fit.lambda.map((_, k) => {
    const eta = offset ? Float64Array.from(held, (i) => offset[i] + fit.intercept[k]) : new Float64Array(m).fill(fit.intercept[k]);
    const beta = fit.beta[k];
    for (let j = 0; j < p; j++) {
      const b = beta[j];
      if (b === 0) continue;
      if (isCsc(block)) {
        for (let e = block.indptr[j]; e < block.indptr[j + 1]; e++) eta[block.indices[e]] += block.values[e] * b;
        continue;
      }
      const col = j * m;
      for (let t = 0; t < m; t++) eta[t] += block[col + t] * b;
    }
    return eta;
  });
}
