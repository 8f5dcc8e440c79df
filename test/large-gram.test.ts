// Covariance updates on an X too large for the caches (> 8 MiB), where Gram columns are formed
// four at a time: the path is still optimal, with and without observation weights.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { kktViolation } from './helpers/certificate.js';
import { normal, rng } from './helpers/data.js';

describe('batched Gram columns', () => {
  const n = 20_000;
  const p = 60;
  const z = normal(21);
  const X = new Float64Array(n * p);
  const common = Float64Array.from({ length: n }, () => z());
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) X[j * n + i] = z() + 0.7 * common[i];
  const y = Float64Array.from({ length: n }, (_, i) => X[i] - 0.5 * X[3 * n + i] + 0.25 * X[10 * n + i] + z());
  const u = rng(4);
  const weights = Float64Array.from({ length: n }, () => 0.5 + u());
  const data = { X: { data: X, nRows: n, nCols: p, layout: 'column-major' as const }, y };

  it.each([false, true])('gives KKT-certified solutions (weights: %s)', async (weighted) => {
    const fit = await fitPath({ ...data, weights: weighted ? weights : undefined }, { nLambda: 30, tol: 1e-12 });
    expect(fit.device.method).toBe('covariance');
    expect(fit.df.at(-1)).toBeGreaterThan(20);
    for (let k = 0; k < fit.lambda.length; k++) {
      expect(fit.converged[k]).toBe(true);
      expect(fit.kktViolation[k]).toBeLessThan(1e-5);
    }
  });

  it('passes the independent optimality check', async () => {
    const fit = await fitPath({ ...data, weights }, { nLambda: 12, tol: 1e-12 });
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: p }, (_, j) => X[j * n + i]));
    const P = { X: rows, y: [...y], w: [...weights], loss: 'squared' as const, alpha: 1, standardize: true, intercept: true };
    for (const k of [3, 7, 11]) {
      expect(kktViolation(P, fit.lambda[k], fit.intercept[k], fit.beta[k], fit.lambda[0])).toBeLessThan(1e-5);
    }
  });
});
