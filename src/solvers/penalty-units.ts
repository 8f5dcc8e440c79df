// The per-coordinate penalty levels per unit λ, written once: l1Unit_j = α·v_j and
// l2Unit_j = (1−α)·v_j for the separable penalties (l1 = λ·l1Unit_j, l2 = λ·l2Unit_j), and the
// spec's coordinate functions with γ bound, for the batched solvers and their device twins.

import type { CoordinateFunctions } from '../penalties/types.js';
import type { Problem } from '../problem/validate.js';

export interface PenaltyUnits {
  l1Unit: Float64Array;
  l2Unit: Float64Array;
}

export function penaltyUnits(problem: Problem): PenaltyUnits {
  const { alpha, penaltyFactor } = problem;
  return { l1Unit: penaltyFactor.map((v) => alpha * v), l2Unit: penaltyFactor.map((v) => (1 - alpha) * v) };
}

/** The spec's per-coordinate functions (separable penalties: the batched route checks batchedSolves). */
export function coordinateFunctions(problem: Problem): CoordinateFunctions {
  const coordinate = problem.penalty.spec.coordinate;
  if (!coordinate) throw new Error(`penalty ${problem.penalty.spec.name} has no per-coordinate functions`);
  return coordinate;
}
