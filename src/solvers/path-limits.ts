// glmnet's dfmax and pmax along a path (src/problem/path-limits-option.ts), checked after each
// λ is appended: dfmax ends the path at the first λ with more than dfmax nonzero coefficients,
// that λ kept; pmax ends it before the first λ at which more than pmax features have ever been
// nonzero, that λ dropped, with glmnet's warning. Every path loop (coordinate descent, the
// batched path, the float64 polish) asks through pathEnds.

import type { Problem } from '../problem/validate.js';
import { forEachNonzero, type PathLists } from './path-lists.js';

/** The features ever nonzero on a path so far, and how many of its λ have been counted. */
interface Ever {
  flags: Uint8Array;
  count: number;
  seen: number;
}

const everOf = new WeakMap<PathLists, Ever>();

/** Counts the features nonzero at the λ not yet counted into `ever`; returns how many were ever nonzero. */
function countEver(solution: PathLists, ever: Ever): number {
  for (; ever.seen < solution.lambda.length; ever.seen++) {
    forEachNonzero(solution.betaStd[ever.seen], (j) => {
      if (!ever.flags[j]) {
        ever.flags[j] = 1;
        ever.count++;
      }
    });
  }
  return ever.count;
}

/** Removes the path's last λ. */
function dropLast(solution: PathLists): void {
  for (const list of [solution.lambda, solution.betaStd, solution.interceptStd, solution.lossValue, solution.penaltyValue,
    solution.devRatio, solution.passes, solution.converged, solution.kktViolation] as unknown[][]) list.pop();
}

/** True when dfmax or pmax ends the path after its last λ (pmax then removes that λ). */
export function limitEnds(problem: Problem, solution: PathLists): boolean {
  const { dfmax, pmax } = problem.limits;
  const K = solution.lambda.length;
  if (K === 0 || (dfmax === null && pmax === null)) return false;
  if (pmax !== null) {
    let ever = everOf.get(solution);
    if (!ever) everOf.set(solution, (ever = { flags: new Uint8Array(problem.nFeatures), count: 0, seen: 0 }));
    if (countEver(solution, ever) > pmax) {
      dropLast(solution);
      solution.warnings.push(`more than pmax = ${pmax} features are ever nonzero at the ${ordinal(K)} λ: the path ends at the ${ordinal(K - 1)} (glmnet's pmax)`);
      return true;
    }
  }
  if (dfmax === null) return false;
  let df = 0;
  forEachNonzero(solution.betaStd[K - 1], () => df++);
  return df > dfmax;
}

/** 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, 21st. */
export function ordinal(k: number): string {
  const tens = k % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][k % 10] ?? 'th';
  return `${k}${suffix}`;
}
