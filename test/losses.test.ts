// Each loss's scalar functions agree with each other: derivative and curvature are the finite
// differences of the value, the batched quadratic model equals the scalar functions, and the
// null intercept minimizes the null loss.

import { describe, expect, it } from 'vitest';
import { getLoss, LOSS_NAMES } from '../src/losses/registry.js';
import { smoothed } from '../src/losses/smoothed.js';
import type { SmoothLoss } from '../src/losses/types.js';
import { rng } from './helpers/data.js';

const RESPONSES: Record<string, (u: () => number) => number> = {
  squared: (u) => 4 * u() - 2,
  logistic: (u) => (u() < 0.4 ? 1 : 0),
  poisson: (u) => Math.floor(6 * u()),
  huber: (u) => 6 * u() - 3,
};

/** The smooth losses, and the smoothed quantile loss the piecewise-linear solver minimizes. */
const SMOOTH: [string, SmoothLoss][] = [
  ...LOSS_NAMES.flatMap((name) => {
    const loss = getLoss(name);
    return loss.smooth ? [[name, loss] as [string, SmoothLoss]] : [];
  }),
  ['smoothed quantile', smoothed(getLoss('quantile', { delta: 1, tau: 0.3 }) as never, 0.5)],
];
RESPONSES['smoothed quantile'] = RESPONSES.huber;

describe.each(SMOOTH)('loss %s', (name, loss) => {
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

  if (name === 'huber' || name === 'smoothed quantile') {
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

describe.each([
  ['absolute', getLoss('absolute')],
  ['quantile', getLoss('quantile', { delta: 1, tau: 0.3 })],
] as const)('piecewise-linear loss %s', (name, loss) => {
  const u = rng(4);
  const n = 41;
  const y = Float64Array.from({ length: n }, () => 6 * u() - 3);
  const w = Float64Array.from({ length: n }, () => (u() < 0.1 ? 0 : 2 * u()));
  if (loss.smooth) throw new Error(`${name} should be piecewise linear`);
  const { below, above } = loss.slopes;

  it('has the slopes of its value on each side of the kink', () => {
    expect(loss.value(1, 0)).toBeCloseTo(above, 15);
    expect(loss.value(-1, 0)).toBeCloseTo(-below, 15);
    expect(loss.derivative(2, 1)).toBe(-above);
    expect(loss.derivative(1, 2)).toBe(-below);
  });

  it('has a null intercept that minimizes the weighted loss (no better constant nearby)', () => {
    const c = loss.nullEta(y, w);
    const total = (t: number) => y.reduce((s, yi, i) => s + w[i] * loss.value(yi, t), 0);
    for (const h of [1e-6, 1e-3, 0.1]) {
      expect(total(c)).toBeLessThanOrEqual(total(c + h) + 1e-12);
      expect(total(c)).toBeLessThanOrEqual(total(c - h) + 1e-12);
    }
  });

  it('is approached by its Moreau envelope within μ·max(below², above²)/2', () => {
    const mu = 0.01;
    const env = smoothed(loss, mu);
    for (let i = 0; i < n; i++) {
      const eta = 4 * u() - 2;
      const gap = loss.value(y[i], eta) - env.value(y[i], eta);
      expect(gap).toBeGreaterThanOrEqual(-1e-15);
      expect(gap).toBeLessThanOrEqual((mu * Math.max(below * below, above * above)) / 2 + 1e-15);
    }
  });
});
