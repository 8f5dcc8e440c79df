// The float64 polish of batched solutions: each λ again by coordinate descent, started from the
// batched coefficients. Run here on the CPU's batched iteration (the WebGPU one is polished the
// same way, in test/webgpu-host.test.ts): the polished path must be coordinate descent's answer
// at the same λ, for every engine that can move to a given point (covariance, naive, IRLS) and
// for the piecewise-linear losses, which continue from the previous λ instead.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/api/fit-path.js';
import type { FitOptions, LossName } from '../src/problem/types.js';
import { readFixtureCsv, rng } from './helpers/data.js';
import { randomProblem } from './helpers/problems.js';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/**
 * Objectives are float64 values at the returned coefficients, so a lower one is closer to the
 * optimum: the polished path must be no worse than coordinate descent's, and, where the
 * problem is well conditioned (n > p) and both are accurate, equal to it.
 */
async function compare(data: { X: number[][]; y: number[] }, options: FitOptions, twoSided = true): Promise<void> {
  const polished = await fitPath(data, { ...options, backend: 'cpu', solver: 'batched', polish: true });
  expect(polished.device.polished).toBe(true);
  expect(polished.converged.every(Boolean)).toBe(true);
  // Coordinate descent on exactly the polished λ.
  const cd = await fitPath(data, { ...options, backend: 'cpu', solver: 'cd', lambda: polished.lambda });
  polished.objective.forEach((objective, k) => {
    expect((objective - cd.objective[k]) / cd.objective[k], `λ ${k}`).toBeLessThan(1e-9);
    if (twoSided) expect(relative(objective, cd.objective[k]), `λ ${k}`).toBeLessThan(1e-9);
  });
  expect(Math.max(...polished.kktViolation)).toBeLessThan(Math.max(1e-6, 10 * Math.max(...cd.kktViolation)));
}

describe('polish', () => {
  const tol = 1e-10;
  it.each(['squared', 'logistic', 'poisson'] as const)('%s: covariance or IRLS engine, lasso and elastic net', async (loss) => {
    const { X, y } = randomProblem(loss, 7, 150, 12);
    for (const alpha of [1, 0.4]) await compare({ X, y }, { loss, alpha, nLambda: 30, tol });
  });

  it('squared with p ≥ 500: the residual (naive) engine', async () => {
    // n ≪ p: coordinate descent's objective converges slowly at small λ (1e-5 relative above the
    // optimum at this tol), and the polish, starting closer, ends lower.
    const { X, y } = randomProblem('squared', 8, 60, 520);
    await compare({ X, y }, { loss: 'squared', nLambda: 12, tol }, false);
  });

  it.each(['huber', 'quantile'] as LossName[])('%s on the robust fixture, with bounds', async (loss) => {
    const { X, y } = readFixtureCsv('robust.csv');
    await compare({ X, y }, { loss, alpha: 1, nLambda: 15, upper: 0.5, tol });
  });
});

describe('λ the batched iteration leaves unconverged are finished by float64 coordinate descent', () => {
  it('only those λ, each said in device.finishedOn, all converged and optimal', async () => {
    const random = rng(31);
    const n = 120;
    const p = 10;
    const X = Array.from({ length: n }, () => Array.from({ length: p }, () => random() - 0.5));
    const y = X.map((row) => row[0] - row[5] + 0.3 * (random() - 0.5));
    // Quantile regression by PDHG with an iteration cap it cannot meet at the small λ.
    const options = { backend: 'cpu' as const, loss: 'quantile' as const, tau: 0.3, nLambda: 20, maxIter: 200 };
    const batched = await fitPath({ X, y }, { ...options, solver: 'batched' });
    const cd = await fitPath({ X, y }, { ...options, solver: 'cd' });
    const finishedOn = batched.device.finishedOn as string[];
    expect(finishedOn).toHaveLength(batched.lambda.length);
    expect(finishedOn).toContain('cpu-cd');
    expect(finishedOn).toContain('cpu-batched');
    expect(batched.device.polished).toBe(false);
    expect(batched.converged.every(Boolean)).toBe(true);
    expect(batched.warnings.filter((w) => /did not converge/.test(w))).toEqual([]);
    for (let k = 0; k < batched.lambda.length; k++) {
      expect(Math.abs(batched.objective[k] - cd.objective[k])).toBeLessThan(1e-9 * Math.max(1, cd.objective[k]));
    }
  });
});
