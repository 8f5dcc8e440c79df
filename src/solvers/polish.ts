// The float64 polish of a batched path (the GPU's, in float32): every λ again by coordinate
// descent on the CPU, started from the batched solution at that λ, so that each costs the few
// passes between a float32 optimum and the float64 one. The result is coordinate descent's own:
// its objective, KKT certificate and convergence flag, and the default path ends where
// coordinate descent's would.

import type { Standardized } from '../problem/standardize.js';
import type { Problem } from '../problem/validate.js';
import { convergenceWarning, emptyPath, pacerOf, pathEnds, type PathControl, type PathSolution, type PathStart, pushLambda, solveLambda } from './path.js';
import { denseCoefficients } from './path-lists.js';

/**
 * @param start the path's start (its engine still at the null fit or any earlier state)
 * @param batched the batched path: its λ are solved again, each from its coefficients
 * @param only the λ indices to solve again (the others are kept as they are); default all, and
 *   then the default path may end earlier, where coordinate descent's would
 */
export async function polishPath(
  problem: Problem,
  std: Standardized,
  start: PathStart,
  batched: PathSolution,
  control: PathControl = {},
  only?: readonly number[],
): Promise<{ solution: PathSolution; passes: number }> {
  const pacer = pacerOf(control);
  const { engine } = start.made;
  const solution = emptyPath(start, batched.method);
  solution.work = batched.work;
  const { strong } = start;
  let passes = 0;
  let lambdaPrev = Math.max(start.lambdaMax, batched.lambda[0] ?? 0);
  const redo = only ? new Set(only) : null;
  for (let k = 0; k < batched.lambda.length; k++) {
    if (redo && !redo.has(k)) {
      keepLambda(solution, batched, k);
      continue;
    }
    await pacer.step();
    const lambda = batched.lambda[k];
    if (engine.moveTo) {
      const beta = denseCoefficients(batched.betaStd[k]);
      engine.moveTo(beta, batched.interceptStd[k]);
      // The batched solution's nonzero coefficients are in play from the first pass: a
      // coefficient outside the strong set would keep its float32 value unchecked.
      for (let j = 0; j < beta.length; j++) if (beta[j] !== 0 && !strong.flag[j]) strong.add(j);
    }
    // Engines that cannot move (the piecewise-linear one) continue from the previous λ, as the path does.
    const at = await solveLambda(problem, std, start, engine, lambda, lambdaPrev, pacer);
    passes += at.passes;
    pushLambda(solution, start, lambda, at);
    lambdaPrev = lambda;
    // The polished deviance ratios are coordinate descent's: the path ends where its path would.
    if (!redo && pathEnds(problem, solution)) break;
  }
  convergenceWarning(solution, 'passes (float64 polish)', problem.maxIter);
  return { solution, passes };
}

/** Copies λ k of `from` to the end of `to` as it is. */
function keepLambda(to: PathSolution, from: PathSolution, k: number): void {
  to.lambda.push(from.lambda[k]);
  to.betaStd.push(from.betaStd[k]);
  to.interceptStd.push(from.interceptStd[k]);
  to.lossValue.push(from.lossValue[k]);
  to.penaltyValue.push(from.penaltyValue[k]);
  to.devRatio.push(from.devRatio[k]);
  to.passes.push(from.passes[k]);
  to.converged.push(from.converged[k]);
  to.kktViolation.push(from.kktViolation[k]);
}
