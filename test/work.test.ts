// Counted work of batched fits: the host counts what it asks the backend to do (products,
// element-wise ops, readbacks) from the shapes it dispatches. The counts must add up: blocks
// to the whole, iterations to the columns' iterations, flops to at least the products' own.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/fit.js';
import { POWER_ITERATIONS } from '../src/solvers/batched/backend.js';
import type { WorkCount } from '../src/problem/types.js';
import { rng } from './helpers/data.js';

function problem(n: number, p: number, seed: number) {
  const random = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => random() - 0.5));
  const y = X.map((row) => row[0] - row[1] + 0.2 * (random() - 0.5));
  return { X, y };
}

const sum = (blocks: WorkCount[], key: keyof WorkCount) => blocks.reduce((s, b) => s + b[key], 0);

describe('counted work of a batched fit', () => {
  for (const [name, n, p, loss] of [
    ['direct products (n < 4p): logistic', 60, 30, 'logistic'],
    ['direct products: Huber', 60, 30, 'huber'],
    ['Gram mode (n ≫ p): squared', 400, 10, 'squared'],
  ] as const) {
    it(name, async () => {
      const data = problem(n, p, 3);
      const y = loss === 'logistic' ? data.y.map((v) => (v > 0 ? 1 : 0)) : data.y;
      const fit = await fitPath({ X: data.X, y }, { backend: 'cpu', solver: 'batched', loss, nLambda: 40 });
      const work = fit.work!;
      expect(work).toBeDefined();
      // 40 λ in blocks of 32: two blocks (the path may stop early, then fewer).
      expect(work.blocks.length).toBe(Math.ceil(fit.lambda.length / 32));
      // Everything but the step-size power iteration (and the Gram formation) belongs to a block.
      const gram = loss === 'squared' ? 1 : 0;
      expect(work.columnPasses - sum(work.blocks, 'columnPasses')).toBe(2 * POWER_ITERATIONS + gram);
      expect(work.iterations).toBe(sum(work.blocks, 'iterations'));
      // Each column's iteration is at least one product with X̃ and one with X̃ᵀ.
      const columnIterations = fit.iterations.reduce((s, v) => s + v, 0);
      expect(sum(work.blocks, 'columnPasses')).toBeGreaterThanOrEqual(2 * columnIterations);
      // Products cost 2·rows·(p + 1) flops per column (rows: n, or p + 1 pseudo-samples in Gram mode).
      const rows = loss === 'squared' ? p + 1 : n;
      expect(work.flops).toBeGreaterThanOrEqual(2 * rows * (p + 1) * work.columnPasses - (gram ? n * (p + 1) ** 2 : 0));
      expect(work.readbacks).toBeGreaterThanOrEqual(work.blocks.length);
      expect(work.dispatches).toBeGreaterThan(work.iterations);
      expect(work.submits).toBe(0); // the CPU twin submits nothing
      expect(work.outerIterations).toBe(0);
    });
  }

  it('coordinate descent fits have no batched work; the JSON carries it', async () => {
    const { X, y } = problem(50, 5, 4);
    expect((await fitPath({ X, y }, { backend: 'cpu', nLambda: 5 })).work).toBeUndefined();
    const batched = await fitPath({ X, y }, { backend: 'cpu', solver: 'batched', nLambda: 5 });
    expect(JSON.parse(JSON.stringify(batched.toJSON())).work).toEqual(batched.work);
  });
});
