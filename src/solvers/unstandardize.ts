// Maps standardized solutions back to the original scale: β_j = β̃_j / s_j and
// b0 = b̃0 − Σ_j β_j m_j.

import type { Standardized } from '../problem/standardize.js';
import type { PathSolution } from './path.js';

export function toOriginalScale(solution: PathSolution, std: Standardized): { intercept: number[]; beta: number[][] } {
  const { center, scale } = std;
  const intercept: number[] = [];
  const beta: number[][] = [];
  for (let k = 0; k < solution.lambda.length; k++) {
    const bStd = solution.betaStd[k];
    const b = new Array<number>(bStd.length);
    let b0 = solution.interceptStd[k];
    for (let j = 0; j < bStd.length; j++) {
      b[j] = bStd[j] / scale[j];
      b0 -= b[j] * center[j];
    }
    intercept.push(b0);
    beta.push(b);
  }
  return { intercept, beta };
}
