// Fits reuse one block of WebAssembly memory: whatever a fit leaves there must not change the
// next one. The same fit before and after unrelated fits gives the same bits.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { normal, rng } from './helpers/data.js';

describe('memory reuse between fits', () => {
  const z = normal(8);
  const u = rng(8);
  const X = Array.from({ length: 80 }, () => Array.from({ length: 12 }, () => z()));
  const y = X.map((r) => r[0] - r[5] + z());
  const counts = X.map((r) => (u() < 1 / (1 + Math.exp(-r[1])) ? 1 : 0));
  const options = { penaltyFactor: [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2], lower: -0.4, alpha: 0.7, nLambda: 15 };

  it('gives identical results whatever ran before', async () => {
    const first = (await fitPath({ X, y }, options)).toJSON();
    await fitPath({ X, y: counts }, { loss: 'logistic', nLambda: 30 });
    await fitPath({ X: X.map((r) => r.map((v) => 1e3 * v)), y }, { lambda: [1e6, 5e5], alpha: 0.2 });
    const again = (await fitPath({ X, y }, options)).toJSON();
    expect(again.beta).toEqual(first.beta);
    expect(again.intercept).toEqual(first.intercept);
    expect(again.lambda).toEqual(first.lambda);
  });
});
