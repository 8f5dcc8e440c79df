// Maps standardized solutions back to the original scale: β_j = β̃_j / s_j and
// b0 = b̃0 − Σ_j β_j m_j. A coefficient at a bound comes back exactly on the bound: (u·s)/s
// can differ from u by one rounding step.

import type { Standardized } from '../problem/standardize.js';
import type { Problem } from '../problem/validate.js';
import type { PathSolution } from './path.js';
import { forEachNonzero } from './path-lists.js';

/** Original-scale intercepts, coefficients and nonzero counts (df), per λ. */
export function toOriginalScale(
  solution: Pick<PathSolution, 'lambda' | 'betaStd' | 'interceptStd'>,
  std: Standardized,
  problem: Problem,
): { intercept: number[]; beta: number[][]; df: number[] } {
  const { center, scale } = std;
  const intercept: number[] = [];
  const beta: number[][] = [];
  const df: number[] = [];
  for (let k = 0; k < solution.lambda.length; k++) {
    // Most coefficients are 0: start from zeros and write the others.
    const b = new Array<number>(center.length).fill(0);
    let b0 = solution.interceptStd[k];
    let nonzero = 0;
    forEachNonzero(solution.betaStd[k], (j, bStd) => {
      nonzero++;
      const v = bStd / scale[j];
      b[j] = v < problem.lower[j] ? problem.lower[j] : v > problem.upper[j] ? problem.upper[j] : v;
      b0 -= b[j] * center[j];
    });
    intercept.push(b0);
    beta.push(b);
    df.push(nonzero);
  }
  return { intercept, beta, df };
}
