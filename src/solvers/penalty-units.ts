// The per-coordinate penalty levels per unit λ, written once: l1Unit_j = α·v_j and
// l2Unit_j = (1−α)·v_j for the separable penalties (l1 = λ·l1Unit_j, l2 = λ·l2Unit_j), and the
// spec's coordinate functions with γ bound, for the batched solvers and their device twins.
// Grouped penalties: the coefficient rows as blocks (`penaltyBlocks`), the layout the float64
// twin and the WebGPU kernels (shaders/coefs/*-blocks.wgsl) share.

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

/**
 * Every coefficient row 0 … nFeatures (the intercept's included) in exactly one block: a group's
 * usable members, in feature order; each unusable feature alone, closed (fixed at 0); a feature
 * in no group (the Gram reduction's intercept column) alone, at its own factor; the intercept row
 * alone, free (zero levels), or closed without an intercept. CSR: block b has the rows
 * rows[start[b] … start[b + 1]). Levels per unit λ, the spec's blockLevels at λ = 1 with the
 * group's factor and size (its members, usable or not: grpreg's √|g|).
 */
export interface PenaltyBlocks {
  count: number;
  start: Int32Array;
  rows: Int32Array;
  l1Unit: Float64Array;
  l2Unit: Float64Array;
  wUnit: Float64Array;
  /** 1: the block's rows take the prox; 0: they stay 0. */
  open: Uint8Array;
}

/** The blocks of a grouped penalty (null for a separable one); `usable` per feature. */
export function penaltyBlocks(problem: Problem, usable: Uint8Array): PenaltyBlocks | null {
  const { spec, groups } = problem.penalty;
  if (!groups || !spec.blockLevels) return null;
  const p = problem.nFeatures;
  const lists: { rows: number[]; factor: number; size: number; open: boolean }[] = [];
  groups.members.forEach((members, g) => {
    const rows = Array.from(members).filter((j) => usable[j]);
    if (rows.length > 0) lists.push({ rows, factor: groups.factor[g], size: members.length, open: true });
  });
  for (let j = 0; j < p; j++) {
    if (!usable[j]) lists.push({ rows: [j], factor: 0, size: 1, open: false });
    else if (j >= groups.of.length) lists.push({ rows: [j], factor: problem.penaltyFactor[j], size: 1, open: true });
  }
  lists.push({ rows: [p], factor: 0, size: 1, open: problem.intercept });
  const count = lists.length;
  const blocks: PenaltyBlocks = {
    count, start: new Int32Array(count + 1), rows: new Int32Array(p + 1),
    l1Unit: new Float64Array(count), l2Unit: new Float64Array(count), wUnit: new Float64Array(count), open: new Uint8Array(count),
  };
  const params = { alpha: problem.alpha, gamma: problem.penalty.gamma };
  lists.forEach((list, b) => {
    blocks.rows.set(list.rows, blocks.start[b]);
    blocks.start[b + 1] = blocks.start[b] + list.rows.length;
    const levels = spec.blockLevels!(1, params, list.factor, list.size);
    [blocks.l1Unit[b], blocks.l2Unit[b], blocks.wUnit[b], blocks.open[b]] = [levels.l1, levels.l2, levels.w, list.open ? 1 : 0];
  });
  return blocks;
}
