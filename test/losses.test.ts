// Each loss's scalar functions agree with each other: derivative and curvature are the finite
// differences of the value, the batched quadratic model equals the scalar functions, and the
// null intercept minimizes the null loss.

import { describe, expect, it } from 'vitest';
import { getLoss, supportedLosses } from '../src/losses/registry.js';
import { rng } from './helpers/data.js';

const RESPONSES: Record<string, (u: () => number) => number> = {
  squared: (u) => 4 * u() - 2,
  logistic: (u) => (u() < 0.4 ? 1 : 0),
  poisson: (u) => Math.floor(6 * u()),
  huber: (u) => 6 * u() - 3,
};

describe.each(supportedLosses())('loss %s', (name) => {
  const loss = getLoss(name);
  const u = rng(3);
  const n = 50;
  const y = Float64Array.from({ length: n }, () => RESPONSES[name](u));
  const eta = Float64Array.from({ length: n }, () => 3 * u() - 1.5);
  const wn = Float64Array.from({ length: n }, () => u() / n);

  it('has a derivative equal to finite differences of its value', () => {
    const h = 1e-5;
    for (let i = 0; i < n; i++) {
      const fd1 = (loss.value(y[i], eta[i] + h) - loss.value(y[i], eta[i] - h)) / (2 * h);
      expect(loss.derivative(y[i], eta[i])).toBeCloseTo(fd1, 7);
    }
  });

  if (name === 'huber') {
    it('has an IRLS weight whose quadratic majorizes the loss and touches it', () => {
      for (let i = 0; i < n; i++) {
        const d = loss.derivative(y[i], eta[i]);
        const w = loss.curvature(y[i], eta[i]);
        for (const t of [-3, -1, -0.2, 0.1, 0.7, 2.5]) {
          const model = loss.value(y[i], eta[i]) + d * t + 0.5 * w * t * t;
          expect(loss.value(y[i], eta[i] + t)).toBeLessThanOrEqual(model + 1e-12);
        }
      }
    });
  } else {
    it('has a curvature equal to finite differences of its derivative', () => {
      const h = 1e-5;
      for (let i = 0; i < n; i++) {
        const fd2 = (loss.derivative(y[i], eta[i] + h) - loss.derivative(y[i], eta[i] - h)) / (2 * h);
        expect(loss.curvature(y[i], eta[i])).toBeCloseTo(fd2, 7);
      }
    });
  }

  it('fills the batched quadratic model and mean loss with the scalar functions’ values', () => {
    const W = new Float64Array(n);
    const r = new Float64Array(n);
    const { sumW, value } = loss.quadraticModel(y, eta, wn, W, r);
    let expectedSum = 0;
    let expectedValue = 0;
    for (let i = 0; i < n; i++) {
      expect(W[i]).toBeCloseTo(wn[i] * loss.curvature(y[i], eta[i]), 15);
      expect(r[i]).toBeCloseTo(-wn[i] * loss.derivative(y[i], eta[i]), 15);
      expectedSum += W[i];
      expectedValue += wn[i] * loss.value(y[i], eta[i]);
    }
    expect(sumW).toBeCloseTo(expectedSum, 14);
    expect(value).toBeCloseTo(expectedValue, 14);
  });

  it('has a null intercept where the weighted derivative sums to zero', () => {
    const w = Float64Array.from(wn, (v) => v * n);
    const c = loss.nullEta(y, w);
    const sum = y.reduce((s, yi, i) => s + w[i] * loss.derivative(yi, c), 0);
    expect(Math.abs(sum)).toBeLessThan(1e-10);
  });

  it('has a saturated value no larger than any fitted value', () => {
    for (let i = 0; i < n; i++) expect(loss.saturated(y[i])).toBeLessThanOrEqual(loss.value(y[i], eta[i]) + 1e-12);
  });
});
