// The WebGPU layout arithmetic (no device needed): padding, row blocks within the binding limit,
// the backward product's chunks, and product dispatches that cover every tile exactly once.

import { describe, expect, it } from 'vitest';
import { columnStride, planGeometry, planProducts, ROW_TILE } from '../src/gpu/layout.js';

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
