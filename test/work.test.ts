// Counted work of batched fits: the host counts what it asks the backend to do (products,
// element-wise ops, readbacks) from the shapes it dispatches. The counts must add up: blocks
// to the whole, iterations to the columns' iterations, flops to at least the products' own.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/api/fit-path.js';
import { cpuBatchBackend } from '../src/solvers/batched/cpu-backend.js';
import { standardize } from '../src/problem/standardize.js';
import { validate } from '../src/problem/validate.js';
import { type BatchBackend, POWER_ITERATIONS } from '../src/solvers/batched/backend.js';
import { solvePathBatched } from '../src/solvers/batched/batched-path.js';
import { workDoubles } from '../src/solvers/engines.js';
import { startPath } from '../src/solvers/path.js';
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
  it('first-order (PDHG, quantile, on its working sets): blocks add up', async () => {
    const { X, y } = problem(60, 30, 3);
    const fit = await fitPath({ X, y }, { backend: 'cpu', solver: 'batched', loss: 'quantile', nLambda: 40 });
    const work = fit.work!;
    expect(work.blocks.length).toBe(Math.ceil(fit.lambda.length / 32));
    expect(work.columnPasses).toBeCloseTo(sum(work.blocks, 'columnPasses'), 9);
    expect(work.iterations).toBe(sum(work.blocks, 'iterations'));
    expect(work.flops).toBeGreaterThanOrEqual(2 * 60 * 31 * work.columnPasses);
    expect(work.readbacks).toBeGreaterThanOrEqual(work.blocks.length);
    expect(work.dispatches).toBeGreaterThan(work.iterations);
    expect(work.submits).toBe(0); // the CPU twin submits nothing
    expect(work.outerIterations).toBe(0);
  });

  it('first-order (PDHG, quantile) over every feature: the step bound\'s power iteration in the first block', async () => {
    const { X, y } = problem(60, 30, 3);
    const data = { X, y };
    const options = { backend: 'cpu' as const, solver: 'batched' as const, loss: 'quantile' as const, nLambda: 40 };
    const prob = validate(data, options);
    const std = standardize(prob, workDoubles(prob));
    try {
      // The CPU twin without backwardFeatures: PDHG's products over every feature.
      const everyFeature: BatchBackend = {
        name: 'cpu, every feature',
        async open(p, s) {
          const ops = await cpuBatchBackend.open(p, s);
          return new Proxy(ops, { get: (target, key) => (key === 'backwardFeatures' ? undefined : Reflect.get(target, key)) });
        },
      };
      const path = await solvePathBatched(prob, std, await startPath(prob, std), {}, { first: { backend: everyFeature } });
      const work = path.work!;
      expect(work.blocks[0].columnPasses).toBeGreaterThanOrEqual(2 * POWER_ITERATIONS);
      // Each column's iteration is at least one product with X̃ and one with X̃ᵀ, 2·n·(p + 1) flops each.
      const columnIterations = path.passes.reduce((s, v) => s + v, 0);
      expect(work.columnPasses - 2 * POWER_ITERATIONS).toBeGreaterThanOrEqual(2 * columnIterations);
    } finally {
      std.heap.release();
    }
  });

  for (const loss of ['logistic', 'huber', 'squared'] as const) {
    it(`proximal Newton (${loss}): rounds are the outer iterations, no power iteration`, async () => {
      const data = problem(80, 30, 4);
      const y = loss === 'logistic' ? data.y.map((v) => (v > 0 ? 1 : 0)) : data.y;
      const fit = await fitPath({ X: data.X, y }, { backend: 'cpu', solver: 'batched', loss, nLambda: 40 });
      const work = fit.work!;
      expect(work.outerIterations).toBeGreaterThan(0);
      expect(work.outerIterations).toBe(work.iterations);
      expect(work.columnPasses).toBeCloseTo(sum(work.blocks, 'columnPasses'), 9);
      expect(work.iterations).toBe(sum(work.blocks, 'iterations'));
      // Each column's round: a full product X̃ᵀD (the KKT check) at least.
      const columnRounds = fit.iterations.reduce((s, v) => s + v, 0);
      expect(work.columnPasses).toBeGreaterThanOrEqual(columnRounds);
      expect(fit.converged.every(Boolean)).toBe(true);
    });
  }

  it('coordinate descent fits have no batched work; the JSON carries it', async () => {
    const { X, y } = problem(50, 5, 4);
    expect((await fitPath({ X, y }, { backend: 'cpu', nLambda: 5 })).work).toBeUndefined();
    const batched = await fitPath({ X, y }, { backend: 'cpu', solver: 'batched', nLambda: 5 });
    expect(JSON.parse(JSON.stringify(batched.toJSON())).work).toEqual(batched.work);
  });
});
