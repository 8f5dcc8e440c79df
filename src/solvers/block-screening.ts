// The strong rule, the KKT check and the certificate of a grouped penalty, block by block:
// a group enters or leaves the strong set whole; its test is the spec's zero level (the λ
// below which the block leaves 0) and its certificate the block's subdifferential distance.

import type { Groups } from '../penalties/groups.js';
import type { IndexList } from './cd-loop.js';
import type { CoordinatePenalty } from './engine.js';

/** The block of group g: its usable members' values of `source`, in `out` (returns the count). */
function gather(members: Int32Array, usable: Uint8Array, source: Float64Array, out: Float64Array): number {
  let m = 0;
  for (const j of members) if (usable[j]) out[m++] = source[j];
  return m;
}

function addGroup(set: IndexList, members: Int32Array, usable: Uint8Array): void {
  for (const j of members) if (usable[j] && !set.flag[j]) set.add(j);
}

/** The λ-level below which group g (gradient g) leaves 0: the spec's zero level, ∞ when unpenalized. */
function groupZeroLevel(penalty: CoordinatePenalty, members: Int32Array, factor: number, usable: Uint8Array, g: Float64Array, scratch: Float64Array): number {
  const m = gather(members, usable, g, scratch);
  if (m === 0) return 0;
  if (factor === 0) return Infinity;
  return penalty.spec.block!.zeroLevel(scratch.subarray(0, m), penalty.params.alpha, factor * Math.sqrt(members.length), factor);
}

/** λ_max: the largest zero level over the penalized groups. */
export function blockLambdaMax(g: Float64Array, usable: Uint8Array, penalty: CoordinatePenalty): number {
  const groups = penalty.groups!;
  const scratch = new Float64Array(g.length);
  let top = 0;
  groups.members.forEach((members, k) => {
    if (groups.factor[k] > 0) top = Math.max(top, groupZeroLevel(penalty, members, groups.factor[k], usable, g, scratch));
  });
  return top;
}

/** Adds the groups the strong rule keeps: zero level ≥ the spec's cut (2λ − λ_prev). */
export function blockStrongRule(set: IndexList, g: Float64Array, usable: Uint8Array, penalty: CoordinatePenalty, lambdaPrev: number): void {
  const groups = penalty.groups!;
  const cut = penalty.spec.strongCut(penalty.lambda, lambdaPrev, penalty.params);
  const scratch = new Float64Array(g.length);
  groups.members.forEach((members, k) => {
    if (members.every((j) => set.flag[j] || !usable[j])) return;
    if (groupZeroLevel(penalty, members, groups.factor[k], usable, g, scratch) >= cut) addGroup(set, members, usable);
  });
}

/** Adds the groups outside the set that violate the KKT conditions at 0 (zero level > λ). */
export function blockViolators(set: IndexList, g: Float64Array, usable: Uint8Array, penalty: CoordinatePenalty): number {
  const groups = penalty.groups!;
  const scratch = new Float64Array(g.length);
  let violations = 0;
  groups.members.forEach((members, k) => {
    if (members.some((j) => set.flag[j]) || !members.some((j) => usable[j])) return;
    if (groupZeroLevel(penalty, members, groups.factor[k], usable, g, scratch) > penalty.lambda) {
      addGroup(set, members, usable);
      violations++;
    }
  });
  return violations;
}

/** Keeps whole groups in a pruned strong set: adds the rest of every group with a member in it. */
export function completeGroups(set: IndexList, usable: Uint8Array, groups: Groups): void {
  const seen = new Uint8Array(groups.members.length);
  const count = set.count;
  for (let t = 0; t < count; t++) seen[groups.of[set.data[t]]] = 1;
  groups.members.forEach((members, k) => {
    if (seen[k]) addGroup(set, members, usable);
  });
}

/**
 * The penalty value over the groups with a member in the list and, given the gradient g, their
 * largest block distance (0 without g).
 */
export function blockCertificate(list: IndexList, g: Float64Array | null, beta: Float64Array, usable: Uint8Array, penalty: CoordinatePenalty): { kkt: number; penalty: number } {
  const groups = penalty.groups!;
  const block = penalty.spec.block!;
  const gs = new Float64Array(beta.length);
  const bs = new Float64Array(beta.length);
  const seen = new Uint8Array(groups.members.length);
  let kkt = 0;
  let value = 0;
  for (let t = 0; t < list.count; t++) {
    const k = groups.of[list.data[t]];
    if (seen[k]) continue;
    seen[k] = 1;
    const members = groups.members[k];
    const m = gather(members, usable, beta, bs);
    const levels = penalty.spec.blockLevels!(penalty.lambda, penalty.params, groups.factor[k], members.length);
    value += block.value(bs.subarray(0, m), levels.l1, levels.l2, levels.w);
    if (!g) continue;
    gather(members, usable, g, gs);
    kkt = Math.max(kkt, block.distance(gs.subarray(0, m), bs.subarray(0, m), levels.l1, levels.l2, levels.w));
  }
  return { kkt, penalty: value };
}
