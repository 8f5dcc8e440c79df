// The strong set and the checks around it: its restart, the sequential strong rule, the KKT
// check of the discarded features, and the per-λ optimality certificate. Plain loops over
// nFeatures, kept in small functions so that the JIT optimizes them early.

import type { Groups } from '../penalties/groups.js';
import { lambdaMax } from '../problem/lambda.js';
import { blockCertificate, blockLambdaMax, blockStrongRule, blockViolators, completeGroups } from './block-screening.js';
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
export function pruneStrongSet(set: IndexList, moved: IndexList, usable: Uint8Array, penaltyFactor: Float64Array, groups: Groups | null): void {
  if (set.count <= PRUNE_RATIO * moved.count + PRUNE_SLACK) return;
  // Every feature the engine has moved stays: its active-set passes may move it again.
  set.clear();
  for (let j = 0; j < usable.length; j++) {
    if (usable[j] && (moved.flag[j] || penaltyFactor[j] === 0)) set.add(j);
  }
  if (groups) completeGroups(set, usable, groups);
}

/** λ_max: the smallest λ at which every penalized coefficient (or group) is 0. */
export function penaltyLambdaMax(g: Float64Array, penaltyFactor: Float64Array, usable: Uint8Array, penalty: CoordinatePenalty): number {
  if (penalty.spec.traits.grouped) return blockLambdaMax(g, usable, penalty);
  return lambdaMax(g, penaltyFactor, usable, penalty.params.alpha);
}

/**
 * Sequential strong rule (Tibshirani et al. 2012): keep j when |g_j| ≥ v_j · the spec's cut
 * (α(2λ − λ_prev) for the elastic net, MCP and SCAD), g the gradient at the previous solution;
 * grouped penalties keep whole groups (block-screening.ts).
 */
export function applyStrongRule(
  set: IndexList,
  g: Float64Array,
  usable: Uint8Array,
  penalty: CoordinatePenalty,
  penaltyFactor: Float64Array,
  lambdaPrev: number,
): void {
  if (penalty.spec.traits.grouped) return blockStrongRule(set, g, usable, penalty, lambdaPrev);
  const cut = penalty.spec.strongCut(penalty.lambda, lambdaPrev, penalty.params);
  for (let j = 0; j < g.length; j++) {
    if (usable[j] && !set.flag[j] && Math.abs(g[j]) >= cut * penaltyFactor[j]) set.add(j);
  }
}

/**
 * Adds the discarded features whose coordinate would move from 0 (|g_j| > λαv_j, in a
 * direction its bounds allow); returns how many.
 */
export function addViolators(set: IndexList, g: Float64Array, usable: Uint8Array, penalty: CoordinatePenalty): number {
  if (penalty.spec.traits.grouped) return blockViolators(set, g, usable, penalty);
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
  usable: Uint8Array,
): { kkt: number; penalty: number } {
  if (penalty.spec.traits.grouped) return blockCertificate(strong, g, beta, usable, penalty);
  const { l1, l2, lower, upper } = penalty;
  const { distance, value } = penalty.spec.coordinate!;
  const { gamma } = penalty.params;
  let kkt = 0;
  let pen = 0;
  for (let t = 0; t < strong.count; t++) {
    const j = strong.data[t];
    const d = distance(g[j], beta[j], l1[j], l2[j], gamma, lower[j], upper[j]);
    if (d > kkt) kkt = d;
    pen += value(beta[j], l1[j], l2[j], gamma);
  }
  return { kkt, penalty: pen };
}

/** The penalty's value at β over the listed features (grouped: over their groups). */
export function penaltyTotal(list: IndexList, beta: Float64Array, penalty: CoordinatePenalty, usable: Uint8Array): number {
  if (penalty.spec.traits.grouped) return blockCertificate(list, null, beta, usable, penalty).penalty;
  const { l1, l2 } = penalty;
  const { value } = penalty.spec.coordinate!;
  let s = 0;
  for (let t = 0; t < list.count; t++) {
    const j = list.data[t];
    s += value(beta[j], l1[j], l2[j], penalty.params.gamma);
  }
  return s;
}
