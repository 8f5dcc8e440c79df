// Residual updates that converge slowly on tall, strongly correlated data (n > p ≥ 500) hand
// over to covariance updates mid-path; the path stays optimal across the handover.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { normal } from './helpers/data.js';

describe('naive → covariance handover', () => {
  it('keeps every λ optimal and says which methods ran', async () => {
    const n = 1500;
    const p = 520;
    const z = normal(33);
    const common = Float64Array.from({ length: n }, () => z());
    const X = new Float64Array(n * p);
    for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) X[j * n + i] = z() + 3 * common[i];
    const y = Float64Array.from({ length: n }, (_, i) => {
      let s = 0;
      for (let j = 0; j < 30; j++) s += (j % 2 ? 1 : -1) * Math.exp(-j / 10) * X[j * n + i];
      return s + 0.5 * z();
    });
    const fit = await fitPath({ X: { data: X, nRows: n, nCols: p, layout: 'column-major' }, y }, { nLambda: 40, tol: 1e-12 });
    expect(fit.device.method).toBe('naive-then-covariance');
    for (let k = 0; k < fit.lambda.length; k++) {
      expect(fit.converged[k]).toBe(true);
      expect(fit.kktViolation[k]).toBeLessThan(1e-5);
    }
  });
});
