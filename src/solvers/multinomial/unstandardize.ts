// Maps a multinomial path back to the original scale, per class as unstandardize.ts does for one
// response: β_jc = β̃_jc / s_j (kept exactly on a bound it reached), b_c = b̃_c − Σ_j β_jc m_j; then
// the intercepts are centred to sum 0 over the classes, as glmnet reports them (only differences of
// intercepts matter to the probabilities).

import type { Standardized } from '../../problem/standardized.js';
import type { Problem } from '../../problem/validate.js';
import type { MultinomialSolution } from './path.js';

export function multinomialOriginalScale(
  solution: MultinomialSolution,
  std: Standardized,
  problem: Problem,
  nClasses: number,
): { intercept: number[][]; beta: number[][][]; df: number[] } {
  const { center, scale } = std;
  const p = center.length;
  const intercept: number[][] = [];
  const beta: number[][][] = [];
  const df: number[] = [];
  solution.betaStd.forEach((bStd, k) => {
    const nonzero = new Uint8Array(p);
    const b0 = Array.from(solution.interceptStd[k]);
    const rows = b0.map((_, c) => {
      const row = new Array<number>(p).fill(0);
      for (let j = 0; j < p; j++) {
        const v = bStd[c * p + j] / scale[j];
        if (v === 0) continue;
        nonzero[j] = 1;
        row[j] = v < problem.lower[j] ? problem.lower[j] : v > problem.upper[j] ? problem.upper[j] : v;
        b0[c] -= row[j] * center[j];
      }
      return row;
    });
    if (problem.intercept) {
      const mean = b0.reduce((s, v) => s + v, 0) / nClasses;
      for (let c = 0; c < nClasses; c++) b0[c] -= mean;
    }
    intercept.push(b0);
    beta.push(rows);
    df.push(nonzero.reduce((s, v) => s + v, 0));
  });
  return { intercept, beta, df };
}
