// How far two fits of the same problem are apart (WebGPU vs CPU), over the λ they share.

import type { PathFitJSON } from '../../index.js';

export interface Agreement {
  /** λ compared: the common prefix of the two paths with equal λ. */
  compared: number;
  /** max over λ and j of |β_a − β_b|, divided by the largest |β| of b. */
  coefficients: number;
  /** max over λ of |obj_a − obj_b| / |obj_b|. */
  objective: number;
}

export function agreement(a: PathFitJSON, b: PathFitJSON): Agreement {
  let compared = 0;
  while (compared < Math.min(a.lambda.length, b.lambda.length) && Math.abs(a.lambda[compared] - b.lambda[compared]) <= 1e-12 * b.lambda[compared]) compared++;
  let scale = 0;
  let coefficients = 0;
  let objective = 0;
  for (let k = 0; k < compared; k++) {
    b.beta[k].forEach((v, j) => {
      scale = Math.max(scale, Math.abs(v));
      coefficients = Math.max(coefficients, Math.abs(a.beta[k][j] - v));
    });
    objective = Math.max(objective, Math.abs(a.objective[k] - b.objective[k]) / Math.max(Math.abs(b.objective[k]), 1e-300));
  }
  return { compared, coefficients: scale > 0 ? coefficients / scale : coefficients, objective };
}
