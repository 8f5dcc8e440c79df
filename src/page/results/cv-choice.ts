// The cross-validation's choices as the page shows them: λ_min and λ_1se of the curve, or, for a
// relaxed fit (relax), cv.glmnet's (λ, γ) choices over the whole γ grid, with the curve of γ_min
// drawn (the curve's own fields are the γ = 1 curve, as cv.glmnet's are).

import type { CvCurveJSON } from '../../cv/cv-fit.js';

export interface CvChoice {
  indexMin: number;
  index1se: number;
  lambdaMin: number;
  lambda1se: number;
  /** The relaxed choices' γ, when the fit is relaxed. */
  gammaMin?: number;
  gamma1se?: number;
  /** The curve to draw: the γ_min curve of a relaxed fit, else the curve itself. */
  cvm: number[];
  cvsd: number[];
}

export function cvChoice(curve: CvCurveJSON): CvChoice {
  const r = curve.relaxed;
  if (!r) {
    const { indexMin, index1se, lambdaMin, lambda1se, cvm, cvsd } = curve;
    return { indexMin, index1se, lambdaMin, lambda1se, cvm, cvsd };
  }
  const { indexMin, index1se, lambdaMin, lambda1se, gammaMin, gamma1se } = r;
  return { indexMin, index1se, lambdaMin, lambda1se, gammaMin, gamma1se, cvm: r.cvm[r.gammaIndexMin], cvsd: r.cvsd[r.gammaIndexMin] };
}

/** ` (γ = 0.5)` for a relaxed choice, else nothing. */
export const gammaText = (gamma: number | undefined): string => (gamma === undefined ? '' : ` (γ = ${gamma})`);
