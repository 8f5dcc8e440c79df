// The WebGPU layout arithmetic (no device needed): padding, row blocks within the binding limit,
// the backward product's chunks, product dispatches that cover every tile exactly once, and the
// weighted Gram plan's dispatches replayed entry by entry and row by row.

import { describe, expect, it } from 'vitest';
import { columnStride, DISPATCH_FLOPS, GRAM_TILE, MAX_GROUPS, planGeometry, planGram, planProducts, ROW_TILE } from '../src/gpu/layout.js';

describe('WebGPU layout', () => {
  it('pads to the tiles and splits X̃₁ into row blocks that fit the binding', () => {
    const g = planGeometry(1000, 70, 64 * 128 * 4 * 3);
    expect(g.nPad).toBe(1024);
    expect(g.pPad).toBe(128);
    expect(g.blocks.map((b) => b.rows)).toEqual([192, 192, 192, 192, 192, 64]);
    g.blocks.forEach((b, i) => {
      expect(b.rows % ROW_TILE).toBe(0);
      expect(b.rows * g.pPad * 4).toBeLessThanOrEqual(64 * 128 * 4 * 3);
      expect(b.start).toBe(i * 192);
    });
    expect(() => planGeometry(10, 70, 1000)).toThrow(/exceeds the largest buffer binding/);
    expect(columnStride(1)).toBe(4);
    expect(columnStride(4)).toBe(8);
  });

  it('plans product dispatches that cover every row tile and chunk once, within the flop budget', () => {
    const g = planGeometry(5000, 300, 640 * 320 * 4);
    const plan = planProducts(g, columnStride(32), 2 ** 27, 2 ** 24);
    const tiles = new Map<string, number>();
    for (const d of plan.forward) {
      expect(2 * 64 * d.tiles * g.pPad * plan.stride <= 2 ** 24 || d.tiles === 1).toBe(true);
      for (let t = d.tileBase; t < d.tileBase + d.tiles; t++) tiles.set(`${d.block}:${t}`, (tiles.get(`${d.block}:${t}`) ?? 0) + 1);
    }
    expect(tiles.size).toBe(g.nPad / 64);
    expect([...tiles.values()].every((c) => c === 1)).toBe(true);
    let chunk = 0;
    let rows = 0;
    for (const d of plan.backward) {
      expect(d.chunkBase).toBe(chunk);
      chunk += d.chunks;
      const block = g.blocks[d.block];
      for (let c = d.tileBase; c < d.tileBase + d.chunks; c++) rows += Math.min(plan.chunkRows, block.rows - c * plan.chunkRows);
    }
    expect(chunk).toBe(plan.nChunks);
    expect(rows).toBe(g.nPad);
    expect(plan.chunkRows % 64).toBe(0);
  });

  it('grows the chunks until the partial sums fit, and says when they cannot', () => {
    const g = planGeometry(4096, 1000, 2 ** 30);
    const plan = planProducts(g, columnStride(32), 1024 * 36 * 4 * 4);
    expect(plan.nChunks * g.pPad * plan.stride * 4).toBeLessThanOrEqual(1024 * 36 * 4 * 4);
    const blocked = planGeometry(4096, 1000, 64 * 1024 * 4);
    expect(() => planProducts(blocked, columnStride(32), 1024 * 36 * 4 * 4)).toThrow(/partial sums/);
  });
});

// The weighted Gram plan, checked by replaying its dispatches the way products/gram.wgsl reads
// them (workgroup (x, y, z) = (tile pair, slot of the group, chunk of the dispatch)): every
// ordered pair (a, b) of the working set with a's tile ≥ b's tile (gram-reduce mirrors the rest)
// gets every row of X̃₁ exactly once for every active column, the partial sums' writes stay in
// their buffer, and no count exceeds a device limit.

/** triangle_tile of gram.wgsl, in float32 as the shader estimates it, with its two corrections. */
function triangleTile(t: number): [number, number] {
  let ta = Math.trunc(Math.fround(Math.fround(Math.sqrt(Math.fround(Math.fround(8 * t) + 1)) - 1) * 0.5));
  if (((ta + 1) * (ta + 2)) / 2 <= t) ta += 1;
  if ((ta * (ta + 1)) / 2 > t) ta -= 1;
  return [ta, t - (ta * (ta + 1)) / 2];
}

interface GramCase {
  label: string;
  nSamples: number;
  nFeatures: number;
  /** The working set: coefficient rows, ascending (nFeatures is the intercept's ones column). */
  features: number[];
  slots: number;
  maxBlockBytes: number;
  maxBindingBytes: number;
  dispatchFlops?: number;
  maxGroupSlots?: number;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, j) => from + j);

function replayGram(c: GramCase) {
  const g = planGeometry(c.nSamples, c.nFeatures, c.maxBlockBytes);
  const size = c.features.length;
  const dispatchFlops = c.dispatchFlops ?? DISPATCH_FLOPS;
  const plan = planGram(g, size, c.slots, c.maxBindingBytes, dispatchFlops, c.maxGroupSlots);
  const tiles = Math.ceil(size / GRAM_TILE);
  expect(plan.mPad).toBe(tiles * GRAM_TILE);
  expect(plan.mPad - size).toBeLessThan(GRAM_TILE);

  // Limits: workgroups per dimension, group size, the partial sums within one binding.
  expect(plan.tilePairs).toBeLessThanOrEqual(MAX_GROUPS);
  expect(plan.groupSlots).toBeGreaterThanOrEqual(1);
  expect(plan.groupSlots).toBeLessThanOrEqual(Math.min(c.slots, c.maxGroupSlots ?? MAX_GROUPS, MAX_GROUPS));
  expect(plan.partialBytes).toBe(4 * plan.nChunks * plan.groupSlots * plan.mPad * plan.mPad);
  expect(plan.partialBytes).toBeLessThanOrEqual(c.maxBindingBytes);
  // Chunks: whole steps of 16 rows (the kernel has no bounds checks inside), within a block.
  expect(plan.chunkRows % 16).toBe(0);
  expect(plan.chunkRows).toBeLessThanOrEqual(Math.max(...g.blocks.map((b) => b.rows)));

  // The tile pairs of x = 0 … tilePairs − 1: the lower triangle of tiles, each once.
  const pairs = new Set<string>();
  for (let t = 0; t < plan.tilePairs; t++) {
    const [ta, tb] = triangleTile(t);
    expect(tb).toBeGreaterThanOrEqual(0);
    expect(tb).toBeLessThanOrEqual(ta);
    expect(ta).toBeLessThan(tiles);
    pairs.add(`${ta},${tb}`);
  }
  expect(pairs.size).toBe((tiles * (tiles + 1)) / 2);

  // Entries: each ordered pair of working-set entries in exactly one tile pair, or none when
  // a's tile is below b's (the mirrored half); the columns they gather lie within X̃₁'s pPad.
  const entryCount = new Uint8Array(size * size);
  for (let t = 0; t < plan.tilePairs; t++) {
    const [ta, tb] = triangleTile(t);
    for (let a = ta * GRAM_TILE; a < Math.min(size, (ta + 1) * GRAM_TILE); a++) {
      for (let b = tb * GRAM_TILE; b < Math.min(size, (tb + 1) * GRAM_TILE); b++) entryCount[a * size + b]++;
    }
  }
  for (let a = 0; a < size; a++) {
    expect(c.features[a]).toBeLessThan(g.pPad);
    for (let b = 0; b < size; b++) {
      const expected = Math.floor(a / GRAM_TILE) >= Math.floor(b / GRAM_TILE) ? 1 : 0;
      if (entryCount[a * size + b] !== expected) throw new Error(`entry (${a}, ${b}) is computed ${entryCount[a * size + b]} times, not ${expected}`);
    }
  }

  // Rows and columns: for every group of slots, every row of every block once, each chunk's
  // partial sums in their own slice of the buffer.
  for (let slotBase = 0; slotBase < c.slots; slotBase += plan.groupSlots) {
    const group = Math.min(plan.groupSlots, c.slots - slotBase);
    const rowCount = new Uint8Array(g.nPad);
    const chunkUsed = new Uint8Array(plan.nChunks);
    for (const d of plan.dispatches) {
      const block = g.blocks[d.block];
      expect(d.chunks).toBeGreaterThanOrEqual(1);
      expect(d.chunks).toBeLessThanOrEqual(MAX_GROUPS);
      expect(2 * d.chunks * plan.chunkRows * plan.tilePairs * GRAM_TILE * GRAM_TILE * group <= dispatchFlops || d.chunks === 1).toBe(true);
      for (let z = 0; z < d.chunks; z++) {
        const rowStart = (d.tileBase + z) * plan.chunkRows;
        const rowEnd = Math.min(rowStart + plan.chunkRows, block.rows);
        expect(rowStart).toBeLessThan(block.rows);
        for (let r = rowStart; r < rowEnd; r++) rowCount[block.start + r]++;
        const chunk = d.chunkBase + z;
        expect(chunk).toBeLessThan(plan.nChunks);
        chunkUsed[chunk]++;
        // The last float a workgroup of this chunk writes: slot group − 1, entry (mPad − 1, mPad − 1).
        const last = ((chunk * group + group - 1) * plan.mPad + plan.mPad - 1) * plan.mPad + plan.mPad - 1;
        expect(4 * (last + 1)).toBeLessThanOrEqual(plan.partialBytes);
      }
    }
    expect(rowCount.every((count) => count === 1)).toBe(true);
    expect(chunkUsed.every((count) => count === 1)).toBe(true);
  }
  return { g, plan };
}

describe('weighted Gram plan (planGram)', () => {
  const MiB = 2 ** 20;
  const cases: GramCase[] = [
    { label: 'one feature', nSamples: 100, nFeatures: 1, features: [0], slots: 1, maxBlockBytes: 128 * MiB, maxBindingBytes: 128 * MiB },
    { label: 'the intercept alone', nSamples: 100, nFeatures: 5, features: [5], slots: 3, maxBlockBytes: 128 * MiB, maxBindingBytes: 128 * MiB },
    { label: '31 features and the intercept: one full tile', nSamples: 1000, nFeatures: 31, features: range(0, 32), slots: 7, maxBlockBytes: 128 * MiB, maxBindingBytes: 128 * MiB },
    { label: '32 features and the intercept: a second tile of one', nSamples: 1000, nFeatures: 32, features: range(0, 33), slots: 5, maxBlockBytes: 128 * MiB, maxBindingBytes: 128 * MiB },
    { label: 'a sparse working set, not a multiple of the tile, with the intercept', nSamples: 3001, nFeatures: 500, features: [...range(0, 97).map((j) => 5 * j + 2), 500], slots: 20, maxBlockBytes: 128 * MiB, maxBindingBytes: 128 * MiB },
    { label: 'several row blocks, small dispatches', nSamples: 5000, nFeatures: 70, features: range(0, 71), slots: 9, maxBlockBytes: 64 * 128 * 4 * 3, maxBindingBytes: 128 * MiB, dispatchFlops: 2 ** 24 },
    { label: 'groups of slots capped by the device', nSamples: 777, nFeatures: 40, features: range(0, 41), slots: 10, maxBlockBytes: 128 * MiB, maxBindingBytes: 128 * MiB, maxGroupSlots: 3 },
    { label: 'groups of slots capped by the binding', nSamples: 4096, nFeatures: 200, features: range(0, 150), slots: 33, maxBlockBytes: 128 * MiB, maxBindingBytes: 4 * 160 * 160 * 6 },
    { label: 'one sample', nSamples: 1, nFeatures: 3, features: [0, 1, 2, 3], slots: 2, maxBlockBytes: 128 * MiB, maxBindingBytes: 128 * MiB },
  ];

  it.each(cases)('$label: covers every pair and row once, within the limits', (c) => {
    replayGram(c);
  });

  it('splits the columns into groups when one group\'s partial sums would not fit', () => {
    const { plan } = replayGram(cases[7]);
    expect(plan.groupSlots).toBeLessThan(33);
    const capped = replayGram(cases[6]).plan;
    expect(capped.groupSlots).toBe(3);
  });

  it('says when a working set cannot be planned: too many tiles, or partial sums over the binding', () => {
    const g = planGeometry(1000, 20_000, 2 ** 31);
    // 362 tiles of 32 features make 65 703 tile pairs, over 65 535 workgroups.
    expect(() => planGram(g, 362 * GRAM_TILE, 1, 2 ** 31)).toThrow(/tiles, over 65535 workgroups/);
    expect(planGram(g, 361 * GRAM_TILE, 1, 2 ** 31).tilePairs).toBe((361 * 362) / 2);
    const small = planGeometry(1000, 100, 2 ** 30);
    expect(() => planGram(small, 64, 1, 4 * 64 * 64 - 4)).toThrow(/exceed the largest buffer binding/);
  });
});
