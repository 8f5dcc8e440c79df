// The exact solvers of absolute and quantile losses with a ridge part: the primal active-set
// method, its perturbed form for tied data, and the dense solve with a kernel vector they use.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { solveOrKernel } from '../src/solvers/dense-solve.js';
import { kktViolation, objective } from './helpers/certificate.js';
import { normal, rng } from './helpers/data.js';

describe('solveOrKernel', () => {
  it('solves a nonsingular system', () => {
    const A = Float64Array.from([4, 1, 0, 1, 3, 1, 0, 1, 2]);
    const b = Float64Array.from([1, 2, 3]);
    expect(solveOrKernel(A.slice(), b, 3).solved).toBe(true);
    const [x, y, z] = b;
    expect(4 * x + y).toBeCloseTo(1, 14);
    expect(x + 3 * y + z).toBeCloseTo(2, 14);
    expect(y + 2 * z).toBeCloseTo(3, 14);
  });

  it('returns a kernel vector of a singular system', () => {
    // Column 2 = column 0 + 2·column 1; column 3 independent.
    const rows = [[1, 0, 1, 5], [2, 1, 4, 0], [0, 3, 6, 1], [1, 1, 3, 2]];
    const A = Float64Array.from(rows.flat());
    const outcome = solveOrKernel(A, new Float64Array(4), 4);
    expect(outcome.solved).toBe(false);
    if (outcome.solved) return;
    const v = outcome.kernel;
    expect(Math.max(...v.map(Math.abs))).toBeGreaterThan(0.5);
    for (const row of rows) expect(Math.abs(row.reduce((s, a, k) => s + a * v[k], 0))).toBeLessThan(1e-12);
  });
});

describe('active-set paths (α < 1)', () => {
  const certify = async (X: number[][], y: number[], options: Record<string, unknown>) => {
    const fit = await fitPath({ X, y }, { nLambda: 20, tol: 1e-12, ...options });
    const P = { X, y, standardize: true, intercept: true, ...options } as Parameters<typeof objective>[0];
    for (let k = 0; k < fit.lambda.length; k++) {
      expect(fit.converged[k], `converged at λ_${k}`).toBe(true);
      expect(kktViolation(P, fit.lambda[k], fit.intercept[k], fit.beta[k], fit.lambda[0]), `KKT at λ_${k}`).toBeLessThan(1e-8);
      expect(Math.abs(fit.objective[k] - objective(P, fit.lambda[k], fit.intercept[k], fit.beta[k])) / fit.objective[k]).toBeLessThan(1e-10);
    }
    return fit;
  };

  it('quantile with unpenalized features and heavy-tailed noise: optimal at every λ', async () => {
    const z = normal(31);
    const u = rng(32);
    const n = 400;
    const p = 12;
    const X = Array.from({ length: n }, () => Array.from({ length: p }, () => z()));
    const y = X.map((r) => r[0] - 2 * r[3] + 0.5 * r[5] + Math.tan(Math.PI * (u() - 0.5)));
    const penaltyFactor = Array.from({ length: p }, (_, j) => (j < 2 ? 0 : 1));
    await certify(X, y, { loss: 'quantile', tau: 0.8, alpha: 0.3, penaltyFactor });
  });

  it('absolute loss on data with duplicated rows (ties at the kink): optimal at every λ', async () => {
    const u = rng(33);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 120; i++) {
      const row = Array.from({ length: 8 }, () => u() - 0.5);
      const target = row[0] - row[1] + u();
      for (let copy = 0; copy < 2; copy++) {
        X.push(row.slice());
        y.push(target);
      }
    }
    await certify(X, y, { loss: 'absolute', alpha: 0.6 });
  });

  it('integer data (ties everywhere): certified, and no worse than the batched solver at tol 1e-12', async () => {
    const n = 200;
    const p = 10;
    const u = rng(n + p);
    const X = Array.from({ length: n }, () => Array.from({ length: p }, () => Math.floor(u() * 4)));
    const y = X.map((r) => Math.floor(r[0] + r[1] + 3 * u()));
    const options = { loss: 'quantile' as const, tau: 0.3, alpha: 0.2, penaltyFactor: X[0].map((_, j) => (j < 2 ? 0 : 1)) };
    const fit = await fitPath({ X, y }, options);
    // The independent certificate's least-squares kink slopes are not determined on such data:
    // the batched iteration's optimum is the reference instead.
    const batched = await fitPath({ X, y }, { ...options, lambda: fit.lambda, solver: 'batched', tol: 1e-12 });
    for (let k = 0; k < fit.lambda.length; k++) {
      expect(fit.converged[k], `converged at λ_${k}`).toBe(true);
      expect(fit.kktViolation[k]).toBeLessThan(1e-12);
      expect((fit.objective[k] - batched.objective[k]) / batched.objective[k], `objective at λ_${k}`).toBeLessThan(1e-10);
    }
  });
});
