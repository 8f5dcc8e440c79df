// PDHG (Chambolle–Pock) for the piecewise-linear losses, all λ columns of a block at once, on a
// working set, with restarts to the average (PDLP's scheme) and an exact finish per column.
//
// With wn the weights and u ∈ [below, above]ⁿ the dual slopes, the problem is the saddle point
//   min over x = (β̃, b̃0)  max over u:  P(β̃) + Σ_i wn_i u_i (y_i − (X̃₁x)_i),
// since max_u u·r over the interval is the loss. Steps: x⁺ = prox_{τP}(x + τ·X̃₁ᵀ(wn∘u)),
// x̄ = 2x⁺ − x, u⁺ = clip(u + σ(y − X̃₁x̄)). The dual step is diagonally preconditioned by 1/wn_i
// (which cancels the weights), so the condition is τσ·λ_max(X̃₁ᵀ diag(wn) X̃₁) < 1; τ = s/ω,
// σ = s·ω with the primal weight ω balancing the primal and dual distances at restarts.
//
// Working set S (working-set.ts): the iteration runs on the problem restricted to S, both
// products over S only (forwardFeatures, backwardFeatures) and the step from the norm of X̃_S
// (pdhg-steps.ts). Once a column's normalized KKT error on S is modest, `exactFinish` guesses
// the structure (elbow samples, active features) from the iterate and solves it exactly on S
// (pdhg-finish.ts); a column certified on S (by the finish, or by PDHG's own certificate) is
// checked against every feature with one full product X̃ᵀD: it is done when no feature outside
// S violates its KKT condition, else the violators join S, the steps are recomputed and every
// running column restarts from where it is. A backend without the working-set products runs
// the same iteration with S = every feature and the full step bound.
//
// Columns can hold different problems (cross-validation folds: BatchOps.columnProblems): each
// column's finish and checks use its own problem's weights and penalty scales (pdhg-problems.ts).

import type { Standardized } from '../../problem/standardize.js';
import type { Problem } from '../../problem/validate.js';
import type { BatchOps } from './backend.js';
import type { BlockJob, BlockResult } from './fista.js';
import { PdhgBlock } from './pdhg-block.js';
import { type PdhgSetup, sharedProblems } from './pdhg-problems.js';

/** Solves a block whose columns may hold different problems (`setup.problems`). */
export async function runPdhg(ops: BatchOps, job: BlockJob, setup: PdhgSetup): Promise<BlockResult> {
  const block = new PdhgBlock(ops, job, setup);
  await block.start();
  await block.iterate();
  return block.result();
}

/** A block of one problem's λ columns (solve.ts). */
export function pdhgBlock(
  ops: BatchOps,
  gramNorm: number | (() => number | Promise<number>),
  job: BlockJob,
  problem: Problem,
  std: Standardized,
  b0Start: number,
): Promise<BlockResult> {
  const problems = sharedProblems(problem, std, b0Start, job.lambda.length);
  return runPdhg(ops, job, { problems, gramNorm: typeof gramNorm === 'number' ? () => gramNorm : gramNorm });
}
