// glmnet's dfmax and pmax on a multinomial path, as for the other losses (src/solvers/path-limits.ts):
// a feature counts when it is nonzero in some class. dfmax ends the path at the first λ with more
// than dfmax such features, that λ kept; pmax ends it before the first λ at which more than pmax
// have ever been nonzero, that λ dropped, with glmnet's warning.

import { ordinal } from '../path-limits.js';
import type { MultinomialSolution } from './solution.js';

export interface MultinomialLimits {
  dfmax: number | null;
  pmax: number | null;
  nFeatures: number;
  nClasses: number;
  /** Per feature, 1 once it has been nonzero on the path. */
  ever: Uint8Array;
}

/** Features nonzero in some class of the class-major C × p coefficients; marks them in `ever`. */
function countNonzero(beta: Float64Array, limits: MultinomialLimits): { df: number; newlyEver: number } {
  const { nFeatures: p, nClasses: C, ever } = limits;
  let df = 0;
  let newlyEver = 0;
  for (let j = 0; j < p; j++) {
    let nonzero = false;
    for (let c = 0; c < C && !nonzero; c++) nonzero = beta[c * p + j] !== 0;
    if (!nonzero) continue;
    df++;
    if (!ever[j]) {
      ever[j] = 1;
      newlyEver++;
    }
  }
  return { df, newlyEver };
}

function dropLast(solution: MultinomialSolution): void {
  for (const list of [solution.lambda, solution.betaStd, solution.interceptStd, solution.lossValue, solution.penaltyValue,
    solution.devRatio, solution.passes, solution.converged, solution.kktViolation] as unknown[][]) list.pop();
}

/** True when dfmax or pmax ends the path after its last λ (pmax then removes that λ). */
export function multinomialLimitEnds(limits: MultinomialLimits, solution: MultinomialSolution, everCount: { value: number }): boolean {
  const K = solution.lambda.length;
  if (K === 0 || (limits.dfmax === null && limits.pmax === null)) return false;
  const { df, newlyEver } = countNonzero(solution.betaStd[K - 1], limits);
  everCount.value += newlyEver;
  if (limits.pmax !== null && everCount.value > limits.pmax) {
    dropLast(solution);
    solution.warnings.push(`more than pmax = ${limits.pmax} features are ever nonzero at the ${ordinal(K)} λ: the path ends at the ${ordinal(K - 1)} (glmnet's pmax)`);
    return true;
  }
  return limits.dfmax !== null && df > limits.dfmax;
}
