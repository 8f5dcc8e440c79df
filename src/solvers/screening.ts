// The strong set and the checks around it: its restart, the sequential strong rule, the KKT
// check of the discarded features, and the per-λ optimality certificate. Plain loops over
// nFeatures, kept in small functions so that the JIT optimizes them early.

import { penaltyValue, subdifferentialDistance } from '../penalties/elastic-net.js';
import type { IndexList } from './cd-loop.js';
import type { CoordinatePenalty } from './engine.js';

/** Restart the strong set when it exceeds 4 × the moved features + 64. */
const PRUNE_RATIO = 4;
const PRUNE_SLACK = 64;

/**
 * Keeps the strong set small: glmnet's only grows, and on strongly correlated wide data it
 * fills with thousands of features that never move, each visited by every full pass. When it is
 * much larger than the set of features the engine has moved, it restarts from those (and the
 * unpenalized ones); the strong rule then adds what the current λ needs, and the KKT check
 * still covers everything else, so the solution is unchanged.
 */
export function pruneStrongSet(set: IndexList, moved: IndexList, usable: Uint8Array, penaltyFactor: Float64Array): void {
  if (set.count <= PRUNE_RATIO * moved.count + PRUNE_SLACK) return;
  // Every feature the engine has moved stays: its active-set passes may move it again.
  set.clear();
  for (let j = 0; j < usable.length; j++) {
    if (usable[j] && (moved.flag[j] || penaltyFactor[j] === 0)) set.add(j);
  }
}

/**
 * Sequential strong rule (Tibshirani et al. 2012): keep j when |g_j| ≥ α v_j (2λ − λ_prev),
 * g the gradient at the previous solution.
 */
export function applyStrongRule(
  set: IndexList,
  g: Float64Array,
  usable: Uint8Array,
  alpha: number,
  penaltyFactor: Float64Array,
  lambda: number,
  lambdaPrev: number,
): void {
  const cut = alpha * (2 * lambda - lambdaPrev);
  for (let j = 0; j < g.length; j++) {
    if (usable[j] && !set.flag[j] && Math.abs(g[j]) >= cut * penaltyFactor[j]) set.add(j);
  }
}

/**
 * Adds the discarded features whose coordinate would move from 0 (|g_j| > λαv_j, in a
 * direction its bounds allow); returns how many.
 */
export function addViolators(set: IndexList, g: Float64Array, usable: Uint8Array, penalty: CoordinatePenalty): number {
  const { l1, lower, upper } = penalty;
  let violations = 0;
  for (let j = 0; j < g.length; j++) {
    if (!usable[j] || set.flag[j]) continue;
    const gj = g[j];
    if ((gj > l1[j] && upper[j] > 0) || (gj < -l1[j] && lower[j] < 0)) {
      set.add(j);
      violations++;
    }
  }
  return violations;
}

/**
 * The largest subdifferential distance and the penalty value, over the strong set: a feature
 * outside it is 0 and passed the KKT check (distance exactly 0, no penalty).
 */
export function certificate(
  strong: IndexList,
  g: Float64Array,
  beta: Float64Array,
  penalty: CoordinatePenalty,
): { kkt: number; penalty: number } {
  const { l1, l2, lower, upper } = penalty;
  let kkt = 0;
  let pen = 0;
  for (let t = 0; t < strong.count; t++) {
    const j = strong.data[t];
    const d = subdifferentialDistance(g[j], beta[j], l1[j], l2[j], lower[j], upper[j]);
    if (d > kkt) kkt = d;
    pen += penaltyValue(beta[j], l1[j], l2[j]);
  }
  return { kkt, penalty: pen };
}
