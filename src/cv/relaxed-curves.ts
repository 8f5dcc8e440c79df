// Cross-validation of a relaxed fit over (γ, λ), as cv.glmnet(relax = TRUE): each fold's relaxed
// path is blended at every γ of the grid and its held-out rows predicted at every λ (cv-curves.ts),
// giving one curve per γ; the best (γ, λ) and the 1se choice are cv.glmnet's getOptcv.relaxed:
// the lowest cvm over the whole grid (the highest AUC), ties to the largest λ, then the largest γ;
// then the largest λ (then γ) whose cvm is within one standard error of that minimum.

import { blendPath } from '../problem/relaxed.js';
import type { CvCurveStats } from './measures.js';
import type { FoldPath } from './fold-runner.js';

/** The CV curves of a relaxed fit, one per γ, and the (γ, λ) choices. */
export interface RelaxedCurve {
  /** The γ grid, ascending. */
  gamma: number[];
  /** cvm[g][k], cvsd[g][k]: the curve of γ_g at λ_k (the full fit's λ). */
  cvm: number[][];
  cvsd: number[][];
  /** The (γ, λ) of the best cvm: λ index, γ index, and their values. */
  indexMin: number;
  gammaIndexMin: number;
  lambdaMin: number;
  gammaMin: number;
  /** The largest λ (then γ) within one standard error of the best. */
  index1se: number;
  gammaIndex1se: number;
  lambda1se: number;
  gamma1se: number;
}

/** A fold's path blended at γ (its own λ grid; a fold on its own path is interpolated afterwards). */
export function blendFold(fold: FoldPath, gamma: number): FoldPath {
  if (!fold.relaxed) throw new Error('relaxed cross-validation: a fold fit came back without its refits');
  return blendPath(fold, fold.relaxed, gamma);
}

/** getOptcv.relaxed: the (γ, λ) choices from the per-γ statistics on the shared λ list. */
export function chooseRelaxed(stats: CvCurveStats[], lambda: number[], gamma: number[], maximize: boolean): RelaxedCurve {
  const sign = maximize ? -1 : 1;
  const cells = stats.flatMap((s, g) => s.cvm.map((m, k) => ({ g, k, value: sign * m, sd: s.cvsd[k] })));
  // Largest λ first (λ decreasing: the smallest index), then the largest γ.
  const first = (within: (value: number) => boolean) => {
    let best: (typeof cells)[number] | undefined;
    for (const cell of cells) {
      if (!within(cell.value)) continue;
      if (!best || cell.k < best.k || (cell.k === best.k && cell.g > best.g)) best = cell;
    }
    return best!;
  };
  let lowest = Infinity;
  for (const cell of cells) if (cell.value < lowest) lowest = cell.value;
  const min = first((v) => v <= lowest);
  const bound = min.value + min.sd;
  const se = first((v) => v <= bound);
  return {
    gamma: gamma.slice(),
    cvm: stats.map((s) => s.cvm),
    cvsd: stats.map((s) => s.cvsd),
    indexMin: min.k, gammaIndexMin: min.g, lambdaMin: lambda[min.k], gammaMin: gamma[min.g],
    index1se: se.k, gammaIndex1se: se.g, lambda1se: lambda[se.k], gamma1se: gamma[se.g],
  };
}
