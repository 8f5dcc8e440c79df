// Robust losses against scikit-learn's reference solutions (QuantileRegressor solved exactly by
// HiGHS; an L-BFGS-B solve of the bound-split Huber problem to gradient tolerance 1e-12), and
// optimal at every λ of a path with every penalty option, by coordinate descent and by the
// batched iteration alike.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { kktViolation, objective } from './helpers/certificate.js';
import { readFixtureCsv, rng } from './helpers/data.js';
import { readFileSync } from 'node:fs';

interface RobustReference {
  loss: 'huber' | 'absolute' | 'quantile';
  delta?: number;
  tau?: number;
  alpha: number;
  standardize: boolean;
  intercept: boolean;
  lambda: number[];
  a0: number[];
  beta: number[][];
  objective: number[];
  file: string;
}

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`fixtures/refs/${name}.json`, import.meta.url), 'utf8')) as RobustReference;

const FIXTURES = [
  'huber_d1.0_lam0.3_a0.3', 'huber_d1.35_lam0.1_a1.0', 'quantile_tau0.5_lam0.1', 'quantile_tau0.75_lam0.05', 'absolute_lam0.2',
];

describe.each(FIXTURES)('scikit-learn fixture %s', (name) => {
  const ref = read(name);
  const data = readFixtureCsv(ref.file);

  it('reaches the reference objective and coefficients', async () => {
    const fit = await fitPath(
      { X: data.X, y: data.y },
      { loss: ref.loss, delta: ref.delta, tau: ref.tau, alpha: ref.alpha, lambda: ref.lambda, standardize: ref.standardize, intercept: ref.intercept, tol: 1e-14 },
    );
    expect(fit.converged[0]).toBe(true);
    expect(Math.abs(fit.objective[0] - ref.objective[0]) / ref.objective[0]).toBeLessThan(1e-6);
    const scale = Math.max(...ref.beta[0].map(Math.abs));
    ref.beta[0].forEach((b, j) => expect(Math.abs(fit.beta[0][j] - b) / scale, `β_${j}`).toBeLessThan(1e-4));
    expect(Math.abs(fit.intercept[0] - ref.a0[0]) / scale).toBeLessThan(1e-4);
    expect(fit.kktViolation[0]).toBeLessThan(1e-6);
  });
});

describe.each([
  ['huber', { delta: 1 }],
  ['absolute', {}],
  ['quantile', { tau: 0.3 }],
] as const)('%s paths', (loss, lossParameter) => {
  const data = readFixtureCsv('robust.csv');
  const p = data.X[0].length;
  const u = rng(6);
  const extras = {
    none: {},
    weights: { weights: data.y.map((_, i) => (i % 9 === 0 ? 0 : 0.5 + u())) },
    'penalty factors': { penaltyFactor: Array.from({ length: p }, (_, j) => (j === 0 ? 0 : j === 1 ? Infinity : 1 + (j % 3))) },
    bounds: { lower: Array.from({ length: p }, (_, j) => (j % 2 ? -0.1 : -Infinity)), upper: Array.from({ length: p }, (_, j) => (j % 3 ? 0.3 : Infinity)) },
  } as const;

  const cases = [1, 0.5, 0].flatMap((alpha) => (Object.keys(extras) as (keyof typeof extras)[]).map((extra) => [alpha, extra] as const));
  for (const [alpha, extra] of cases) {
    it(`α = ${alpha}, ${extra}: converged and KKT-optimal at every λ`, async () => {
      const { weights, ...options } = extras[extra] as { weights?: number[]; penaltyFactor?: number[]; lower?: number[]; upper?: number[] };
      const fit = await fitPath({ X: data.X, y: data.y, weights }, { loss, ...lossParameter, alpha, nLambda: 15, tol: 1e-12, ...options });
      const P = { X: data.X, y: data.y, w: weights, loss, ...lossParameter, alpha, standardize: true, intercept: true, ...options };
      for (let k = 0; k < fit.lambda.length; k++) {
        expect(fit.converged[k], `converged at λ_${k}`).toBe(true);
        expect(kktViolation(P, fit.lambda[k], fit.intercept[k], fit.beta[k], fit.lambda[0]), `KKT at λ_${k}`).toBeLessThan(1e-5);
        expect(Math.abs(fit.objective[k] - objective(P, fit.lambda[k], fit.intercept[k], fit.beta[k])) / fit.objective[k]).toBeLessThan(1e-9);
      }
      // The batched iteration (the GPU's, in float64) reaches the same optimum on the same λ.
      const batched = await fitPath(
        { X: data.X, y: data.y, weights },
        { loss, ...lossParameter, alpha, lambda: fit.lambda, tol: 1e-12, solver: 'batched', ...options },
      );
      for (let k = 0; k < fit.lambda.length; k++) {
        expect(batched.converged[k], `batched converged at λ_${k}`).toBe(true);
        expect(Math.abs(batched.objective[k] - fit.objective[k]) / fit.objective[k], `objective at λ_${k}`).toBeLessThan(1e-8);
      }
    });
  }
});
