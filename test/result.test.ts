// PathFit's coefficients between fitted λ values follow glmnet's linear interpolation in λ,
// and predictions are b0 + Xβ.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { normal } from './helpers/data.js';

describe('PathFit interpolation and prediction', async () => {
  const z = normal(11);
  const X = Array.from({ length: 60 }, () => Array.from({ length: 5 }, () => z()));
  const y = X.map((r) => r[0] - 2 * r[3] + 0.5 * z());
  const fit = await fitPath({ X, y }, { nLambda: 10 });

  it('is exact at fitted λ and linear in λ between them', () => {
    const k = 4;
    expect(fit.coefAt(fit.lambda[k]).beta).toEqual(fit.beta[k]);
    const mid = 0.25 * fit.lambda[k] + 0.75 * fit.lambda[k + 1];
    const { intercept, beta } = fit.coefAt(mid);
    beta.forEach((b, j) => expect(b).toBeCloseTo(0.25 * fit.beta[k][j] + 0.75 * fit.beta[k + 1][j], 14));
    expect(intercept).toBeCloseTo(0.25 * fit.intercept[k] + 0.75 * fit.intercept[k + 1], 14);
  });

  it('uses the end fits beyond the path', () => {
    expect(fit.coefAt(10 * fit.lambda[0]).beta).toEqual(fit.beta[0]);
    expect(fit.coefAt(0).beta).toEqual(fit.beta[fit.lambda.length - 1]);
  });

  it('predicts b0 + Xβ, from rows or a row-major typed array', () => {
    const k = 6;
    const eta = fit.predict(X, fit.lambda[k]);
    X.forEach((row, i) => {
      const expected = fit.intercept[k] + row.reduce((s, x, j) => s + x * fit.beta[k][j], 0);
      expect(eta[i]).toBeCloseTo(expected, 12);
    });
    const flat = { data: Float64Array.from(X.flat()), nRows: X.length, nCols: 5, layout: 'row-major' as const };
    expect(Array.from(fit.predict(flat, fit.lambda[k]))).toEqual(Array.from(eta));
  });

  it('rejects a negative λ and a matrix with the wrong number of columns', () => {
    expect(() => fit.coefAt(-1)).toThrow(/lambda -1/);
    expect(() => fit.predict([[1, 2]])).toThrow(/2 columns, expected 5/);
  });
});
