// The float64 twin of the grouped penalties' kernels (shaders/coefs/*-blocks.wgsl): the proximal
// gradient step, the KKT violation and the penalty value of one coefficient column, block by
// block (penaltyBlocks: every row in one block, the spec's block functions at λ times the
// block's unit levels). Rows of a closed block are 0.

import type { BlockFunctions } from '../../penalties/types.js';
import type { PenaltyBlocks } from '../penalty-units.js';

/** A column's data: its coefficient rows at `base` of `data`. */
interface Column {
  data: Float64Array;
  base: number;
}

/** Scratch for one block's values (the largest block's size). */
export class BlockScratch {
  readonly z: Float64Array;
  readonly g: Float64Array;
  readonly out: Float64Array;
  constructor(blocks: PenaltyBlocks) {
    let largest = 0;
    for (let b = 0; b < blocks.count; b++) largest = Math.max(largest, blocks.start[b + 1] - blocks.start[b]);
    [this.z, this.g, this.out] = [new Float64Array(largest), new Float64Array(largest), new Float64Array(largest)];
  }
}

/** Block b's rows of `column` into `into` (returns its view of the block's size). */
function gather(blocks: PenaltyBlocks, b: number, column: Column, into: Float64Array): Float64Array {
  const from = blocks.start[b];
  const m = blocks.start[b + 1] - from;
  for (let i = 0; i < m; i++) into[i] = column.data[column.base + blocks.rows[from + i]];
  return into.subarray(0, m);
}

const levelsOf = (blocks: PenaltyBlocks, b: number, lambda: number) =>
  ({ l1: lambda * blocks.l1Unit[b], l2: lambda * blocks.l2Unit[b], w: lambda * blocks.wUnit[b] });

/**
 * out = prox_{t·P}(Z + t·G) over every block of one column, and the sums of FISTA's step test:
 * ⟨G, out − Z⟩, ‖out − Z‖², ⟨Z − out, out − X⟩ (0 without X).
 */
export function blockProxColumn(
  blocks: PenaltyBlocks, fns: BlockFunctions, scratch: BlockScratch,
  Z: Column, G: Column, X: Column | null, out: Column, t: number, lambda: number,
): { gradDot: number; stepSquared: number; restartDot: number } {
  let gradDot = 0, stepSquared = 0, restartDot = 0;
  for (let b = 0; b < blocks.count; b++) {
    const z = gather(blocks, b, Z, scratch.z);
    const g = gather(blocks, b, G, scratch.g);
    const m = z.length;
    const moved = scratch.out.subarray(0, m);
    if (blocks.open[b]) {
      for (let i = 0; i < m; i++) z[i] += t * g[i];
      const { l1, l2, w } = levelsOf(blocks, b, lambda);
      fns.prox(z, t, l1, l2, w, moved);
    } else moved.fill(0);
    for (let i = 0; i < m; i++) {
      const row = blocks.rows[blocks.start[b] + i];
      const dz = moved[i] - Z.data[Z.base + row];
      out.data[out.base + row] = moved[i];
      gradDot += g[i] * dz;
      stepSquared += dz * dz;
      if (X) restartDot -= dz * (moved[i] - X.data[X.base + row]);
    }
  }
  return { gradDot, stepSquared, restartDot };
}

/** The largest block distance of G (minus the gradient) from ∂P(B) over one column's open blocks. */
export function blockKktColumn(blocks: PenaltyBlocks, fns: BlockFunctions, scratch: BlockScratch, G: Column, B: Column, lambda: number): number {
  let worst = 0;
  for (let b = 0; b < blocks.count; b++) {
    if (!blocks.open[b]) continue;
    const { l1, l2, w } = levelsOf(blocks, b, lambda);
    worst = Math.max(worst, fns.distance(gather(blocks, b, G, scratch.g), gather(blocks, b, B, scratch.z), l1, l2, w));
  }
  return worst;
}

/** P(B) over one column's open blocks (the free intercept's levels are 0). */
export function blockValueColumn(blocks: PenaltyBlocks, fns: BlockFunctions, scratch: BlockScratch, B: Column, lambda: number): number {
  let value = 0;
  for (let b = 0; b < blocks.count; b++) {
    if (!blocks.open[b]) continue;
    const { l1, l2, w } = levelsOf(blocks, b, lambda);
    value += fns.value(gather(blocks, b, B, scratch.z), l1, l2, w);
  }
  return value;
}
