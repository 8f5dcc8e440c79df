// PDHG on a working set (absolute and quantile losses) on p ≫ n data, on the float64 twin: every
// λ certified by the batched solver itself (no float64 polish), optimal by an independent KKT
// check and at the exact solver's objective; and the counted passes over the data per λ below
// those of the same iteration over every feature (a backend without the working-set products).

import { describe, expect, it } from 'vitest';
import { cpuBatchBackend } from '../src/solvers/batched/cpu-backend.js';
import { fitPath } from '../src/api/fit-path.js';
import { standardize } from '../src/problem/standardize.js';
import type { FitOptions } from '../src/problem/types.js';
import { validate } from '../src/problem/validate.js';
import type { BatchBackend } from '../src/solvers/batched/backend.js';
import { solvePathBatched } from '../src/solvers/batched/batched-path.js';
import { workDoubles } from '../src/solvers/engines.js';
import { startPath } from '../src/solvers/path.js';
import { type CertProblem, kktViolation } from './helpers/certificate.js';
import { normal, rng } from './helpers/data.js';

const N_SAMPLES = 40;
const N_FEATURES = 1000;

/** Gaussian features, five of them in the response, heavy-tailed noise. */
function wideProblem(seed: number): { X: number[][]; y: number[] } {
  const gauss = normal(seed);
  const u = rng(seed + 1);
  const X = Array.from({ length: N_SAMPLES }, () => Array.from({ length: N_FEATURES }, () => gauss()));
  const y = X.map((row) => 2 * row[0] - 1.5 * row[3] + row[10] + 0.8 * row[50] - row[120] + Math.tan(Math.PI * (u() - 0.5)) * 0.3);
  return { X, y };
}

const CASES: [string, FitOptions][] = [
  ['absolute', { loss: 'absolute', alpha: 1 }],
  ['quantile τ = 0.3', { loss: 'quantile', tau: 0.3, alpha: 1 }],
];
/** λ from λ_max down to λ_max / 5: the part of the path where PDHG on every feature still converges in seconds. */
const PATH: FitOptions = { nLambda: 8, lambdaMinRatio: 0.2, tol: 1e-12 };

/** The CPU twin without backwardFeatures: PDHG over every feature, with the full step bound. */
const allFeatures: BatchBackend = {
  name: 'cpu (float64), every feature',
  async open(problem, std) {
    const ops = await cpuBatchBackend.open(problem, std);
    return new Proxy(ops, { get: (target, key) => (key === 'backwardFeatures' ? undefined : Reflect.get(target, key)) });
  },
};

/** Passes over the data per λ of the batched path on `backend`, and its objectives. */
async function countedPasses(data: { X: number[][]; y: number[] }, options: FitOptions, backend: BatchBackend) {
  const problem = validate(data, { ...options, backend: 'cpu', solver: 'batched' });
  const std = standardize(problem, workDoubles(problem));
  try {
    const start = await startPath(problem, std);
    const solution = await solvePathBatched(problem, std, start, {}, { first: { backend } });
    return {
      passes: solution.work!.columnPasses / solution.lambda.length,
      converged: solution.converged,
      objective: solution.lossValue.map((l, k) => l + solution.penaltyValue[k]),
    };
  } finally {
    std.heap.release();
  }
}

describe('PDHG on a working set, p ≫ n (40 × 1000)', () => {
  CASES.forEach(([name, options], c) => {
    const data = wideProblem(40 + c);

    it(`${name}: every λ certified by the batched solver, optimal, at the exact solver's objective`, async () => {
      const exact = await fitPath(data, { ...options, ...PATH, backend: 'cpu', solver: 'cd' });
      const batched = await fitPath(data, { ...options, ...PATH, lambda: exact.lambda, backend: 'cpu', solver: 'batched' });
      expect(batched.device.finishedOn, 'no λ left to the float64 polish').toBeUndefined();
      expect(batched.converged.every(Boolean)).toBe(true);
      const cert: CertProblem = {
        ...data, loss: options.loss as 'absolute' | 'quantile', tau: options.tau, alpha: options.alpha!, standardize: true, intercept: true,
      };
      for (let k = 0; k < exact.lambda.length; k++) {
        const f = exact.objective[k];
        expect(Math.abs(batched.objective[k] - f) / f, `λ ${k} objective`).toBeLessThan(1e-9);
        expect(kktViolation(cert, exact.lambda[k], batched.intercept[k], batched.beta[k], exact.lambda[0]), `λ ${k} KKT`).toBeLessThan(1e-7);
      }
      // Sparse solutions: a working set is worth having.
      expect(Math.max(...batched.df)).toBeLessThan(N_SAMPLES);
    }, 120_000);

    it(`${name}: fewer counted passes per λ than over every feature, the same answers`, async () => {
      const exact = await fitPath(data, { ...options, ...PATH, backend: 'cpu', solver: 'cd' });
      const path = { ...options, ...PATH, lambda: exact.lambda };
      const working = await countedPasses(data, path, cpuBatchBackend);
      const every = await countedPasses(data, path, allFeatures);
      expect(working.converged.every(Boolean) && every.converged.every(Boolean)).toBe(true);
      working.objective.forEach((f, k) => expect(Math.abs(f - every.objective[k]) / every.objective[k], `λ ${k}`).toBeLessThan(1e-9));
      expect(working.passes).toBeLessThan(0.75 * every.passes);
    }, 240_000);
  });
});
