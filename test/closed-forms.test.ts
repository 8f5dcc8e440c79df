// Closed forms the path must reproduce: ridge regression as the normal equations, the lasso and
// elastic net on an orthogonal design as (clipped) soft thresholds, λ_max as the smallest λ with
// every penalized coefficient 0, and the shape of the default λ sequence.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import type { FitOptions } from '../src/index.js';
import { type CertProblem, objective } from './helpers/certificate.js';
import { normal } from './helpers/data.js';
import {
  choleskySolve,
  orthonormalCenteredColumns,
  softThreshold,
  weightedColumnMeans,
  weightedColumnSds,
} from './helpers/linalg.js';
import { randomFeatures, randomProblem, randomWeights, type TestLoss } from './helpers/problems.js';

/** glmnet's rescaling of penalty factors to sum to p (an excluded feature counts as 1). */
function rescaledFactors(raw: number[]): number[] {
  const p = raw.length;
  const sum = raw.reduce((a, v) => a + (v === Infinity ? 1 : v), 0);
  return raw.map((v) => (v === Infinity ? Infinity : (v * p) / sum));
}

/** max_j |a_j − b_j| / max_j |b_j|: a vector-relative difference. */
function vectorRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let j = 0; j < b.length; j++) {
    num = Math.max(num, Math.abs(a[j] - b[j]));
    den = Math.max(den, Math.abs(b[j]));
  }
  return Number.isNaN(num) ? Infinity : num / den;
}

// ───────────────────────────── ridge = normal equations ─────────────────────────────

interface RidgeCase {
  name: string;
  standardize: boolean;
  intercept: boolean;
  weights: boolean;
  penaltyFactor?: number[];
}

/**
 * The ridge solution of ½(1/n)Σ w_i (y_i − b0 − x_iᵀβ)² + λ/2 Σ v_j s_j² β_j², w summing to n:
 * (X_cᵀ W X_c / n + λ diag(v s²)) β = X_cᵀ W y_c / n, b0 = ȳ_w − x̄_wᵀ β (centering only with an
 * intercept; s_j = 1 unless standardize).
 */
function ridgeReference(
  X: number[][],
  y: number[],
  wRaw: number[] | undefined,
  lambda: number,
  c: RidgeCase,
): { b0: number; beta: number[] } {
  const n = X.length;
  const p = X[0].length;
  const sw = wRaw ? wRaw.reduce((a, b) => a + b, 0) : n;
  const w = wRaw ? wRaw.map((v) => (v * n) / sw) : new Array<number>(n).fill(1);
  const v = rescaledFactors(c.penaltyFactor ?? new Array<number>(p).fill(1));
  const s = c.standardize ? weightedColumnSds(X, w) : new Array<number>(p).fill(1);
  const m = c.intercept ? weightedColumnMeans(X, w) : new Array<number>(p).fill(0);
  const ybar = c.intercept ? y.reduce((a, yi, i) => a + w[i] * yi, 0) / n : 0;
  const A = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const rhs = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const xc = X[i].map((x, j) => x - m[j]);
    const yc = y[i] - ybar;
    for (let j = 0; j < p; j++) {
      rhs[j] += (w[i] * xc[j] * yc) / n;
      for (let k = 0; k <= j; k++) A[j][k] += (w[i] * xc[j] * xc[k]) / n;
    }
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) A[k][j] = A[j][k];
    A[j][j] += lambda * v[j] * s[j] * s[j];
  }
  const beta = choleskySolve(A, rhs);
  const b0 = c.intercept ? ybar - beta.reduce((a, b, j) => a + b * m[j], 0) : 0;
  return { b0, beta };
}

describe('ridge (α = 0, squared loss) equals the normal equations', () => {
  const n = 90;
  const p = 7;
  const X = randomFeatures(11, n, p);
  const z = normal(12);
  const y = X.map((r, i) => 2 + r[0] - 0.5 * r[1] + 0.25 * r[4] + 0.8 * z() + (i % 5 === 0 ? 1 : 0));
  const w = randomWeights(13, n);
  const lambdas = [2, 0.5, 0.1, 0.01, 0.0005];

  const cases: RidgeCase[] = [
    { name: 'standardize false, intercept', standardize: false, intercept: true, weights: false },
    { name: 'standardize true, intercept', standardize: true, intercept: true, weights: false },
    { name: 'standardize false, weights', standardize: false, intercept: true, weights: true },
    { name: 'standardize true, weights', standardize: true, intercept: true, weights: true },
    {
      name: 'standardize true, weights, penalty factors',
      standardize: true,
      intercept: true,
      weights: true,
      penaltyFactor: [1, 2, 0.5, 0, 1, 3, 1],
    },
    { name: 'standardize false, no intercept', standardize: false, intercept: false, weights: false },
    { name: 'standardize true, no intercept, weights', standardize: true, intercept: false, weights: true },
  ];

  const certificate = (c: RidgeCase): CertProblem => ({
    X,
    y,
    w: c.weights ? w : undefined,
    loss: 'squared',
    alpha: 0,
    penaltyFactor: c.penaltyFactor,
    standardize: c.standardize,
    intercept: c.intercept,
  });
  const fitRidge = (c: RidgeCase, tol: number) =>
    fitPath(
      { X, y, weights: c.weights ? w : undefined },
      {
        loss: 'squared',
        alpha: 0,
        lambda: lambdas,
        tol,
        standardize: c.standardize,
        intercept: c.intercept,
        penaltyFactor: c.penaltyFactor,
      },
    );

  // tol is glmnet's thresh: a pass stops when max_j xv_j Δβ_j² < tol · null deviance, so the
  // coefficients are accurate to about sqrt(tol) while the objective is accurate to about tol.
  // At tol 1e-12 the objective must match the closed form to 1e-11 (the threshold is relative to
  // the null deviance, not to the objective) and the coefficients to 1e-6.
  it.each(cases)('$name: objective at tol 1e-12', async (c) => {
    const fit = await fitRidge(c, 1e-12);
    expect(fit.lambda).toEqual(lambdas);
    const P = certificate(c);
    for (let k = 0; k < lambdas.length; k++) {
      const ref = ridgeReference(X, y, c.weights ? w : undefined, lambdas[k], c);
      expect(fit.converged[k], `converged at λ=${lambdas[k]}`).toBe(true);
      const fRef = objective(P, lambdas[k], ref.b0, ref.beta);
      const fFit = objective(P, lambdas[k], fit.intercept[k], fit.beta[k]);
      expect((fFit - fRef) / fRef, `objective above the minimum at λ=${lambdas[k]}`).toBeLessThan(1e-11);
      expect((fFit - fRef) / fRef, `objective below the minimum at λ=${lambdas[k]}`).toBeGreaterThan(-1e-14);
      expect(vectorRelDiff(fit.beta[k], ref.beta), `β at λ=${lambdas[k]}`).toBeLessThan(1e-6);
      if (!c.intercept) expect(fit.intercept[k]).toBe(0);
    }
  });

  // With a tight tol the coefficients themselves must match the normal equations to 1e-8.
  it.each(cases)('$name: coefficients at tol 1e-18', async (c) => {
    const fit = await fitRidge(c, 1e-18);
    expect(fit.lambda).toEqual(lambdas);
    for (let k = 0; k < lambdas.length; k++) {
      const ref = ridgeReference(X, y, c.weights ? w : undefined, lambdas[k], c);
      expect(fit.converged[k], `converged at λ=${lambdas[k]}`).toBe(true);
      expect(vectorRelDiff(fit.beta[k], ref.beta), `β at λ=${lambdas[k]}`).toBeLessThan(1e-8);
      const scale = Math.max(Math.abs(ref.b0), ...ref.beta.map(Math.abs));
      expect(Math.abs(fit.intercept[k] - ref.b0) / scale, `b0 at λ=${lambdas[k]}`).toBeLessThan(1e-8);
      if (!c.intercept) expect(fit.intercept[k]).toBe(0);
    }
  });
});

// ───────────────────────────── orthogonal design ─────────────────────────────

describe('lasso and elastic net on an orthogonal design are soft thresholds', () => {
  const n = 100;
  const p = 8;
  const X = orthonormalCenteredColumns(randomFeatures(21, n, p));
  const e = normal(22);
  const coef = [1.5, -1.0, 0.6, -0.3, 0.15, 0, 0.05, -0.8];
  const y = X.map((r) => 3 + r.reduce((a, x, j) => a + x * coef[j], 0) + 0.3 * e());
  const ybar = y.reduce((a, b) => a + b, 0) / n;
  // z_j = x_jᵀ(y − ȳ)/n: the unpenalized least-squares coefficient of each (orthonormal) column.
  const zeta = Array.from({ length: p }, (_, j) => X.reduce((a, r, i) => a + (r[j] * (y[i] - ybar)) / n, 0));
  const zmax = Math.max(...zeta.map(Math.abs));
  const lambdas = [1.1 * zmax, 0.7 * zmax, 0.4, 0.2, 0.1, 0.03, 0.001, 0];

  it('the design is orthogonal with unit (1/n) norms', () => {
    for (let j = 0; j < p; j++) {
      for (let k = 0; k <= j; k++) {
        const g = X.reduce((a, r) => a + (r[j] * r[k]) / n, 0);
        expect(Math.abs(g - (j === k ? 1 : 0))).toBeLessThan(1e-13);
      }
      expect(Math.abs(X.reduce((a, r) => a + r[j], 0) / n)).toBeLessThan(1e-13);
    }
  });

  interface OrthoCase {
    name: string;
    alpha: number;
    penaltyFactor?: number[];
    lower?: number[];
    upper?: number[];
    standardize?: boolean;
  }
  const cases: OrthoCase[] = [
    { name: 'lasso', alpha: 1 },
    // the columns have unit (1/n) variance, so standardizing must not change anything
    { name: 'lasso, standardize true', alpha: 1, standardize: true },
    { name: 'lasso, penalty factors', alpha: 1, penaltyFactor: [1, 2, 0, 0.5, 1, 1, 3, Infinity] },
    {
      name: 'lasso, bounds',
      alpha: 1,
      lower: [0, -Infinity, -0.3, -0.1, -Infinity, -1, 0, -0.2],
      upper: [1.0, 0, 0.2, Infinity, 0.05, 1, 0, Infinity],
    },
    { name: 'elastic net α = 0.5', alpha: 0.5 },
    { name: 'elastic net α = 0.3, penalty factors', alpha: 0.3, penaltyFactor: [0.5, 1, 1, 2, 0, 1, 1, 1] },
    {
      name: 'elastic net α = 0.7, penalty factors and bounds',
      alpha: 0.7,
      penaltyFactor: [1, 1, 2, 0, 1, Infinity, 1, 0.5],
      lower: [-0.5, 0, -Infinity, -0.05, -Infinity, -1, -1, -0.2],
      upper: [0.5, Infinity, 0, 0.05, 0.1, 1, 1, 0],
    },
    { name: 'ridge α = 0', alpha: 0, penaltyFactor: [1, 2, 3, 1, 1, 0, 1, 1] },
  ];

  it.each(cases)('$name', async (c) => {
    const fit = await fitPath(
      { X, y },
      {
        loss: 'squared',
        alpha: c.alpha,
        lambda: lambdas,
        tol: 1e-12,
        standardize: c.standardize ?? false,
        penaltyFactor: c.penaltyFactor,
        lower: c.lower,
        upper: c.upper,
      },
    );
    const v = rescaledFactors(c.penaltyFactor ?? new Array<number>(p).fill(1));
    for (let k = 0; k < lambdas.length; k++) {
      const lam = lambdas[k];
      const expected = zeta.map((zj, j) => {
        if (v[j] === Infinity) return 0;
        const b = softThreshold(zj, lam * c.alpha * v[j]) / (1 + lam * (1 - c.alpha) * v[j]);
        return Math.min(Math.max(b, c.lower?.[j] ?? -Infinity), c.upper?.[j] ?? Infinity);
      });
      for (let j = 0; j < p; j++) {
        expect(Math.abs(fit.beta[k][j] - expected[j]) / zmax, `β_${j} at λ=${lam}`).toBeLessThan(1e-10);
        const atThreshold = v[j] !== Infinity && Math.abs(Math.abs(zeta[j]) - lam * c.alpha * v[j]) < 1e-6 * zmax;
        if (expected[j] === 0 && !atThreshold) {
          // excluded, inside the threshold or clipped to a bound of 0: exactly zero, not merely small
          expect(fit.beta[k][j], `β_${j} at λ=${lam} is exactly 0`).toBe(0);
        }
      }
      expect(Math.abs(fit.intercept[k] - ybar) / Math.abs(ybar), `b0 at λ=${lam}`).toBeLessThan(1e-10);
      expect(fit.converged[k]).toBe(true);
    }
  });
});

// ───────────────────────────── λ_max and the default sequence ─────────────────────────────

/**
 * λ_max from its definition: the gradient at β = 0 with the intercept fitted is
 * g_j = Σ_i (w_i/n) (x_ij − m_j)/s_j (y_i − ȳ_w) for all three losses (the null mean is ȳ_w),
 * and λ_max = max_j |g_j| / v_j / max(α, 0.001) over penalized, not excluded features.
 */
function lambdaMaxReference(
  X: number[][],
  y: number[],
  wRaw: number[] | undefined,
  alpha: number,
  rawFactors: number[],
  standardize: boolean,
): number {
  const n = X.length;
  const p = X[0].length;
  const sw = wRaw ? wRaw.reduce((a, b) => a + b, 0) : n;
  const w = wRaw ? wRaw.map((v) => (v * n) / sw) : new Array<number>(n).fill(1);
  const v = rescaledFactors(rawFactors);
  const m = weightedColumnMeans(X, w);
  const s = standardize ? weightedColumnSds(X, w) : new Array<number>(p).fill(1);
  const ybar = y.reduce((a, yi, i) => a + w[i] * yi, 0) / n;
  let best = 0;
  for (let j = 0; j < p; j++) {
    if (!(v[j] > 0) || v[j] === Infinity) continue;
    let g = 0;
    for (let i = 0; i < n; i++) g += (w[i] / n) * ((X[i][j] - m[j]) / s[j]) * (y[i] - ybar);
    best = Math.max(best, Math.abs(g) / v[j]);
  }
  return best / Math.max(alpha, 1e-3);
}

describe('λ_max is the smallest λ at which every penalized coefficient is 0', () => {
  const losses: TestLoss[] = ['squared', 'logistic', 'poisson'];
  const variants = [
    { name: 'plain', weights: false, penaltyFactor: undefined, standardize: true },
    { name: 'weights, penalty factors, standardize false', weights: true, penaltyFactor: [1, 2, 0.5, 1, 1, Infinity, 1, 1, 3, 1, 1, 1], standardize: false },
  ];
  const cases = losses.flatMap((loss) => [1, 0.5].flatMap((alpha) => variants.map((variant) => ({ loss, alpha, variant }))));

  it.each(cases)('$loss, α = $alpha, $variant.name', async ({ loss, alpha, variant }) => {
    const { X, y } = randomProblem(loss, 31);
    const p = X[0].length;
    const weights = variant.weights ? randomWeights(32, X.length) : undefined;
    const options: FitOptions = {
      loss,
      alpha,
      penaltyFactor: variant.penaltyFactor,
      standardize: variant.standardize,
      tol: 1e-10,
    };
    const fit = await fitPath({ X, y, weights }, { ...options, nLambda: 10 });
    const lamMax = fit.lambda[0];
    const ref = lambdaMaxReference(X, y, weights, alpha, variant.penaltyFactor ?? new Array<number>(p).fill(1), variant.standardize);
    expect(Math.abs(lamMax - ref) / ref, 'λ_max from its definition').toBeLessThan(1e-10);
    expect(fit.problem.lambdaMax).toBe(lamMax);
    expect(fit.beta[0].every((b) => b === 0), `β at λ_max: ${fit.beta[0]}`).toBe(true);
    expect(fit.df[0]).toBe(0);

    const below = await fitPath({ X, y, weights }, { ...options, lambda: [lamMax * (1 - 1e-3)] });
    expect(below.beta[0].some((b) => b !== 0), 'some coefficient is nonzero just below λ_max').toBe(true);
    expect(below.df[0]).toBeGreaterThan(0);
    // and only just: the entering coefficient is small
    expect(Math.max(...below.beta[0].map(Math.abs))).toBeLessThan(0.05);
  });
});

describe('the default λ sequence', () => {
  function expectLogSpaced(lambda: number[], nLambda: number, ratio: number) {
    expect(lambda.length).toBeGreaterThanOrEqual(Math.min(5, nLambda));
    expect(lambda.length).toBeLessThanOrEqual(nLambda);
    for (let k = 0; k < lambda.length; k++) {
      const expected = lambda[0] * ratio ** (nLambda > 1 ? k / (nLambda - 1) : 0);
      expect(Math.abs(lambda[k] - expected) / expected, `λ_${k}`).toBeLessThan(1e-12);
    }
  }

  it('is log-spaced down to λ_max·1e-4 when n > p', async () => {
    const { X, y } = randomProblem('squared', 41, 120, 12);
    const fit = await fitPath({ X, y }, { nLambda: 20 });
    expectLogSpaced(fit.lambda, 20, 1e-4);
  });

  it('is log-spaced down to λ_max·1e-2 when n ≤ p', async () => {
    const { X, y } = randomProblem('squared', 42, 30, 40);
    const fit = await fitPath({ X, y }, { nLambda: 20 });
    expectLogSpaced(fit.lambda, 20, 1e-2);
    const square = randomProblem('squared', 43, 25, 25);
    const fit2 = await fitPath({ X: square.X, y: square.y }, { nLambda: 20 });
    expectLogSpaced(fit2.lambda, 20, 1e-2);
  });

  it.each(['squared', 'logistic', 'poisson'] as const)('has exactly nLambda values when it cannot stop early (%s)', async (loss) => {
    const { X, y } = randomProblem(loss, 44);
    for (const nLambda of [1, 2, 5]) {
      const fit = await fitPath({ X, y }, { loss, nLambda });
      expect(fit.lambda.length).toBe(nLambda);
      expectLogSpaced(fit.lambda, nLambda, 1e-4);
      if (nLambda > 1) expect(Math.abs(fit.lambda[nLambda - 1] / fit.lambda[0] - 1e-4)).toBeLessThan(1e-15);
    }
  });

  it('defaults to 100 values and respects lambdaMinRatio', async () => {
    const { X, y } = randomProblem('logistic', 45);
    const fit = await fitPath({ X, y }, { loss: 'logistic' });
    expectLogSpaced(fit.lambda, 100, 1e-4);
    const fit2 = await fitPath({ X, y }, { loss: 'logistic', nLambda: 7, lambdaMinRatio: 0.05 });
    expect(fit2.lambda.length).toBe(7);
    expectLogSpaced(fit2.lambda, 7, 0.05);
  });
});
