// Concave penalties (MCP, SCAD) with a loss whose exact solver takes only the elastic net
// (absolute, quantile: linear programs): local linear approximation (Zou and Li 2008), as
// conquer and ncvreg's LLA option do. At β the penalty is majorized by the weighted ℓ1 norm
// Σ P'(|β_j|)·|b_j|; the weighted lasso is solved exactly, β moves to its solution, and the
// weights are taken again until they no longer change. The fixed point is a stationary point of
// the concave problem: the weighted lasso's optimality conditions there are the penalty's.

import { elasticNet } from '../penalties/elastic-net.js';
import type { Problem } from '../problem/validate.js';
import type { CoordinateEngine, CoordinatePenalty, SolveReport } from './engine.js';

/** Most majorize–solve rounds per λ. */
const MAX_ROUNDS = 100;
/** Weights within this fraction of λαv_j of the last round's are unchanged: the fixed point. */
const WEIGHT_RTOL = 1e-10;

/** True when the loss's solver cannot take the penalty as it is but can take its ℓ1 majorizer. */
export function needsMajorizer(problem: Problem, penalty: CoordinatePenalty): boolean {
  return !problem.loss.smooth && !penalty.spec.traits.lpExact && penalty.spec.coordinate?.slope !== undefined;
}

/**
 * Solves λ's concave problem by rounds of weighted lasso from the engine's state. `penalty` holds
 * λ's l1 = λαv_j on entry and again on return; `solveWeighted` solves a weighted lasso exactly.
 */
export async function solveByLla(
  penalty: CoordinatePenalty,
  engine: CoordinateEngine,
  maxPasses: number,
  solveWeighted: (view: CoordinatePenalty, maxPasses: number) => Promise<SolveReport>,
): Promise<SolveReport> {
  const slope = penalty.spec.coordinate!.slope!;
  const { gamma } = penalty.params;
  const l1 = penalty.l1.slice();
  const weighted: CoordinatePenalty = { ...penalty, spec: elasticNet };
  const beta = engine.beta;
  let passes = 0;
  let converged = false;
  try {
    for (let round = 0; round < MAX_ROUNDS && passes < maxPasses; round++) {
      let changed = false;
      for (let j = 0; j < l1.length; j++) {
        const w = slope(Math.abs(beta[j]), l1[j], gamma);
        if (Math.abs(w - penalty.l1[j]) > WEIGHT_RTOL * l1[j]) changed = true;
        penalty.l1[j] = w; // the same heap array as weighted.l1
      }
      if (!changed && round > 0) {
        converged = true;
        break;
      }
      const report = await solveWeighted(weighted, maxPasses - passes);
      passes += report.passes;
      if (!report.converged) break;
    }
  } finally {
    penalty.l1.set(l1);
  }
  return { passes, converged };
}
