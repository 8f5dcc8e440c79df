// Wide, strongly correlated data, where the strong set would fill with features that never
// move and is restarted from the moved ones: every λ stays optimal, for each loss.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { kktViolation } from './helpers/certificate.js';
import { normal, rng } from './helpers/data.js';

describe('strong-set restarts on wide correlated data', () => {
  const n = 60;
  const p = 800;
  const z = normal(17);
  const u = rng(17);
  const common = Array.from({ length: n }, () => z());
  const X = Array.from({ length: n }, (_, i) => Array.from({ length: p }, () => z() + 3 * common[i]));
  const signal = X.map((r) => r[0] - r[1] + 0.5 * r[2]);
  const responses = {
    squared: signal.map((s) => s + 0.3 * z()),
    logistic: signal.map((s) => (u() < 1 / (1 + Math.exp(-s / 3)) ? 1 : 0)),
    poisson: signal.map((s) => Math.floor(Math.exp(0.05 * s) * 3 * u() * 2)),
  };

  it.each(['squared', 'logistic', 'poisson'] as const)('%s: converged and KKT-optimal at every λ', async (loss) => {
    const y = responses[loss];
    const fit = await fitPath({ X, y }, { loss, nLambda: 25, tol: 1e-12 });
    const P = { X, y, loss, alpha: 1, standardize: true, intercept: true };
    for (let k = 0; k < fit.lambda.length; k++) {
      expect(fit.converged[k]).toBe(true);
      expect(kktViolation(P, fit.lambda[k], fit.intercept[k], fit.beta[k], fit.lambda[0]), `λ_${k}`).toBeLessThan(1e-5);
    }
  });
});
