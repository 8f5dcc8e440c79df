// Edge cases of the public surface: degenerate data (constant features, constant response,
// duplicated columns), the three ways of passing X, maxIter, AbortSignal, onProgress, predict,
// and the invariance of a fit to the scale of the weights.

import { describe, expect, it } from 'vitest';
import { AbortError, fitPath } from '../src/index.js';
import type { DenseMatrix, FitOptions, PathFit } from '../src/index.js';
import { type CertProblem, kktViolation, objective } from './helpers/certificate.js';
import { randomFeatures, randomProblem, randomWeights, type TestLoss } from './helpers/problems.js';

const LOSSES: TestLoss[] = ['squared', 'logistic', 'poisson'];

/** Every number a fit reports is finite (no NaN, no ±∞). */
function expectAllFinite(fit: PathFit) {
  const numbers: number[] = [
    ...fit.lambda,
    ...fit.intercept,
    ...fit.beta.flat(),
    ...fit.objective,
    ...fit.kktViolation,
    ...fit.devRatio,
    ...fit.df,
    ...fit.iterations,
    fit.nullDeviance,
    fit.problem.lambdaMax,
  ];
  const bad = numbers.filter((v) => !Number.isFinite(v));
  expect(bad, 'non-finite numbers in the fit').toEqual([]);
  expect(fit.beta.length).toBe(fit.lambda.length);
  expect(fit.intercept.length).toBe(fit.lambda.length);
}

/** max |a − b| / max(max |b|, floor). */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-12): number {
  expect(a.length).toBe(b.length);
  let num = 0;
  let den = floor;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return Number.isNaN(num) ? Infinity : num / den;
}

function expectSameFit(a: PathFit, b: PathFit, tolerance: number) {
  expect(a.lambda.length).toBe(b.lambda.length);
  expect(relDiff(a.lambda, b.lambda), 'λ').toBeLessThanOrEqual(tolerance);
  for (let k = 0; k < b.lambda.length; k++) {
    expect(relDiff([a.intercept[k], ...a.beta[k]], [b.intercept[k], ...b.beta[k]]), `coefficients at λ_${k}`).toBeLessThanOrEqual(tolerance);
    expect(relDiff([a.objective[k]], [b.objective[k]]), `objective at λ_${k}`).toBeLessThanOrEqual(tolerance);
  }
}

// ───────────────────────────── degenerate data ─────────────────────────────

describe('a constant feature', () => {
  const cases = LOSSES.flatMap((loss) => [true, false].map((standardize) => ({ loss, standardize })));
  it.each(cases)('gets coefficient exactly 0 and no NaN ($loss, standardize $standardize)', async ({ loss, standardize }) => {
    const { X: X0, y } = randomProblem(loss, 700, 100, 8);
    // column 3 constant 2.5, column 6 all zeros
    const X = X0.map((r) => r.map((v, j) => (j === 3 ? 2.5 : j === 6 ? 0 : v)));
    // The optimality conditions of the other features are those of the problem without the
    // constant columns (with an intercept they carry nothing): check them there, since a constant
    // column's rounded (1/n) standard deviation is not exactly 0 and would blow up its scaled
    // gradient in the certificate.
    const keep = [0, 1, 2, 4, 5, 7];
    const P: CertProblem = { X: X.map((r) => keep.map((j) => r[j])), y, loss, alpha: 1, standardize, intercept: true };
    for (const options of [{ nLambda: 30 }, { lambda: [0.1, 0.01, 0.001, 0] }] as FitOptions[]) {
      const fit = await fitPath({ X, y }, { loss, standardize, tol: 1e-12, ...options });
      expectAllFinite(fit);
      const scale = options.lambda ? 1 : fit.lambda[0];
      for (let k = 0; k < fit.lambda.length; k++) {
        expect(fit.beta[k][3], `constant β_3 at λ_${k}`).toBe(0);
        expect(fit.beta[k][6], `zero column β_6 at λ_${k}`).toBe(0);
        expect(fit.converged[k]).toBe(true);
        const reduced = keep.map((j) => fit.beta[k][j]);
        expect(kktViolation(P, fit.lambda[k], fit.intercept[k], reduced, scale), `KKT at λ_${k}`).toBeLessThanOrEqual(1e-5);
      }
      // the other features are fitted: the path is not trivially empty
      expect(Math.max(...fit.df)).toBeGreaterThan(3);
    }
  });
});

describe('a constant response (squared loss)', () => {
  const { X } = randomProblem('squared', 710, 60, 5);
  const y = new Array<number>(60).fill(3.7);
  it.each([
    { name: 'default sequence', options: {} as FitOptions },
    { name: 'user λ list', options: { lambda: [1, 0.1, 0] } as FitOptions },
    { name: 'ridge, standardize false', options: { alpha: 0, standardize: false, lambda: [1, 0.01] } as FitOptions },
  ])('gives an intercept-only path ($name)', async ({ options }) => {
    const fit = await fitPath({ X, y }, { loss: 'squared', ...options });
    expectAllFinite(fit);
    expect(fit.lambda.length).toBeGreaterThan(0);
    for (let k = 0; k < fit.lambda.length; k++) {
      expect(fit.beta[k].every((b) => b === 0), `β at λ_${k}: ${fit.beta[k]}`).toBe(true);
      expect(fit.df[k], `df at λ_${k}`).toBe(0);
      expect(Math.abs(fit.intercept[k] - 3.7) / 3.7, `intercept at λ_${k}`).toBeLessThan(1e-14);
      expect(Math.abs(fit.objective[k]), `objective at λ_${k}`).toBeLessThan(1e-20);
    }
  });
});

describe('duplicated columns', () => {
  const cases = (['squared', 'logistic'] as const).flatMap((loss) => [1, 0.5, 0].map((alpha) => ({ loss, alpha })));
  it.each(cases)('do not break the fit ($loss, α = $alpha)', async ({ loss, alpha }) => {
    const { X: X0, y } = randomProblem(loss, 720, 100, 8);
    // column 8 duplicates column 1, column 9 duplicates column 4 scaled by −3
    const X = X0.map((r) => [...r, r[1], -3 * r[4]]);
    const P: CertProblem = { X, y, loss, alpha, standardize: true, intercept: true };
    const fit = await fitPath({ X, y }, { loss, alpha, nLambda: 30, tol: 1e-12 });
    expectAllFinite(fit);
    for (let k = 0; k < fit.lambda.length; k++) {
      expect(fit.converged[k], `converged at λ_${k}`).toBe(true);
      expect(kktViolation(P, fit.lambda[k], fit.intercept[k], fit.beta[k], fit.lambda[0]), `KKT at λ_${k}`).toBeLessThanOrEqual(1e-5);
      const f = objective(P, fit.lambda[k], fit.intercept[k], fit.beta[k]);
      expect(Math.abs(fit.objective[k] - f) / Math.abs(f)).toBeLessThanOrEqual(1e-9);
    }
  });

  it('share the weight equally when the penalty is strictly convex (ridge)', async () => {
    const { X: X0, y } = randomProblem('squared', 721, 100, 6);
    const X = X0.map((r) => [...r, r[2]]);
    const fit = await fitPath({ X, y }, { alpha: 0, lambda: [1, 0.3, 0.1], tol: 1e-14 });
    for (let k = 0; k < fit.lambda.length; k++) {
      const scale = Math.max(...fit.beta[k].map(Math.abs));
      expect(Math.abs(fit.beta[k][2] - fit.beta[k][6]) / scale, `β_2 = β_6 at λ_${k}`).toBeLessThan(1e-5);
    }
  });
});

// ───────────────────────────── the ways of passing X ─────────────────────────────

describe('X as number[][], row-major and column-major typed arrays', () => {
  it.each(LOSSES)('gives the same result (%s)', async (loss) => {
    const n = 80;
    const p = 6;
    const { X: X0, y } = randomProblem(loss, 730, n, p);
    // values representable in float32, so that all layouts carry the very same numbers
    const X = X0.map((r) => r.map(Math.fround));
    const rowMajor64 = new Float64Array(n * p);
    const rowMajor32 = new Float32Array(n * p);
    const colMajor32 = new Float32Array(n * p);
    const colMajor64 = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        rowMajor64[i * p + j] = X[i][j];
        rowMajor32[i * p + j] = X[i][j];
        colMajor32[j * n + i] = X[i][j];
        colMajor64[j * n + i] = X[i][j];
      }
    }
    const options: FitOptions = { loss, nLambda: 15, tol: 1e-10 };
    const reference = await fitPath({ X, y }, options);
    const dense: DenseMatrix[] = [
      { data: rowMajor64, nRows: n, nCols: p, layout: 'row-major' },
      { data: colMajor32, nRows: n, nCols: p, layout: 'column-major' },
      { data: rowMajor32, nRows: n, nCols: p, layout: 'row-major' },
      { data: colMajor64, nRows: n, nCols: p, layout: 'column-major' },
      { data: Array.from(colMajor64), nRows: n, nCols: p, layout: 'column-major' },
    ];
    for (const D of dense) {
      const fit = await fitPath({ X: D, y }, options);
      expectSameFit(fit, reference, 1e-12);
    }
    // and a transposed layout really is read as transposed: a wrong layout gives another fit
    const wrong = await fitPath({ X: { data: rowMajor64, nRows: n, nCols: p, layout: 'column-major' }, y }, options);
    expect(relDiff(wrong.beta[wrong.beta.length - 1], reference.beta[reference.beta.length - 1])).toBeGreaterThan(1e-3);
  });
});

// ───────────────────────────── control: maxIter, abort, progress ─────────────────────────────

describe('maxIter', () => {
  it.each(LOSSES)('maxIter: 1 reports non-convergence and warns, without throwing (%s)', async (loss) => {
    const { X, y } = randomProblem(loss, 740, 120, 12);
    const fit = await fitPath({ X, y }, { loss, maxIter: 1, nLambda: 20, tol: 1e-12 });
    expect(fit.lambda.length).toBeGreaterThan(0);
    expect(fit.converged.some((c) => !c), `converged: ${fit.converged}`).toBe(true);
    expect(fit.warnings.some((w) => w.includes('maxIter')), `warnings: ${JSON.stringify(fit.warnings)}`).toBe(true);
    expect(fit.problem.maxIter).toBe(1);
    expectAllFinite(fit);
    // without the limit the same problem converges everywhere and warns of nothing about it
    const full = await fitPath({ X, y }, { loss, nLambda: 20, tol: 1e-12 });
    expect(full.converged.every((c) => c)).toBe(true);
    expect(full.warnings.some((w) => w.includes('maxIter'))).toBe(false);
  });
});

describe('AbortSignal', () => {
  const { X, y } = randomProblem('squared', 750, 100, 10);

  it('an already aborted signal makes fitPath reject with an AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    let promise: Promise<PathFit> | undefined;
    // a rejection, not a synchronous throw
    expect(() => {
      promise = fitPath({ X, y }, { signal: controller.signal });
    }).not.toThrow();
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    await expect(fitPath({ X, y }, { loss: 'logistic', signal: controller.signal }).catch((e) => e)).resolves.toBeInstanceOf(Error);
  });

  it('aborting during the path stops it with an AbortError', async () => {
    const controller = new AbortController();
    const solved: number[] = [];
    const error = await fitPath(
      { X, y },
      {
        nLambda: 50,
        signal: controller.signal,
        onProgress: (e) => {
          solved.push(e.solved);
          if (e.solved === 3) controller.abort();
        },
      },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('AbortError');
    expect(error).toBeInstanceOf(AbortError);
    expect(solved.length).toBeLessThan(50);
    expect(solved.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('a signal that is never aborted changes nothing', async () => {
    const controller = new AbortController();
    const a = await fitPath({ X, y }, { nLambda: 10, signal: controller.signal });
    const b = await fitPath({ X, y }, { nLambda: 10 });
    expectSameFit(a, b, 0);
  });
});

describe('onProgress', () => {
  it.each(LOSSES)('is called once per λ with solved counting up to total (%s, user λ list)', async (loss) => {
    const { X, y } = randomProblem(loss, 760, 100, 8);
    const lambda = [0.3, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.001];
    const events: { solved: number; total: number; lambda: number; iterations?: number }[] = [];
    const fit = await fitPath({ X, y }, { loss, lambda, onProgress: (e) => events.push({ ...e }) });
    expect(events.length).toBe(lambda.length);
    events.forEach((e, k) => {
      expect(e.solved).toBe(k + 1);
      expect(e.total).toBe(lambda.length);
      expect(e.lambda).toBe(fit.lambda[k]);
      // Iterations so far: the fit's own per-λ counts, summed.
      expect(e.iterations).toBe(fit.iterations.slice(0, k + 1).reduce((a, b) => a + b, 0));
    });
  });

  it('counts the batched iteration per λ column too', async () => {
    const { X, y } = randomProblem('squared', 762, 60, 6);
    const events: { iterations?: number }[] = [];
    const fit = await fitPath({ X, y }, { nLambda: 8, solver: 'batched', onProgress: (e) => events.push({ ...e }) });
    expect(events.map((e) => e.iterations)).toEqual(fit.iterations.map((_, k) => fit.iterations.slice(0, k + 1).reduce((a, b) => a + b, 0)));
  });

  it.each(LOSSES)('is called once per λ of a default path (%s)', async (loss) => {
    const { X, y } = randomProblem(loss, 761, 100, 8);
    const events: { solved: number; total: number; lambda: number }[] = [];
    const fit = await fitPath({ X, y }, { loss, nLambda: 5, onProgress: (e) => events.push({ ...e }) });
    expect(fit.lambda.length).toBe(5);
    expect(events.map((e) => e.solved)).toEqual([1, 2, 3, 4, 5]);
    expect(events.every((e) => e.total === 5)).toBe(true);
    expect(events.map((e) => e.lambda)).toEqual(fit.lambda);

    const longer: { solved: number; total: number }[] = [];
    const fit2 = await fitPath({ X, y }, { loss, nLambda: 40, onProgress: (e) => longer.push({ ...e }) });
    expect(longer.length).toBe(fit2.lambda.length);
    longer.forEach((e, k) => {
      expect(e.solved).toBe(k + 1);
      expect(e.total).toBeGreaterThanOrEqual(e.solved);
      expect(e.total).toBeLessThanOrEqual(40);
    });
  });
});

// ───────────────────────────── predict ─────────────────────────────

describe('predict', () => {
  it.each(LOSSES)('equals b0 + Xβ at a fitted λ (%s)', async (loss) => {
    const { X, y } = randomProblem(loss, 770, 100, 8);
    const fit = await fitPath({ X, y }, { loss, nLambda: 20, penaltyFactor: [1, 1, 0, 1, 1, 2, 1, 1] });
    const Xnew = randomFeatures(771, 25, 8);
    const rowMajor = Float64Array.from(Xnew.flat());
    for (const k of [0, 3, fit.lambda.length - 1]) {
      const expected = Xnew.map((r) => r.reduce((a, x, j) => a + x * fit.beta[k][j], fit.intercept[k]));
      const got = fit.predict(Xnew, fit.lambda[k]);
      expect(got.length).toBe(25);
      expect(relDiff(got, expected), `predict at λ_${k}`).toBeLessThan(1e-12);
      const gotDense = fit.predict({ data: rowMajor, nRows: 25, nCols: 8, layout: 'row-major' }, fit.lambda[k]);
      expect(relDiff(gotDense, expected), `predict (row-major) at λ_${k}`).toBeLessThan(1e-12);
    }
    // without λ: the last λ of the path
    const last = fit.lambda.length - 1;
    const expectedLast = Xnew.map((r) => r.reduce((a, x, j) => a + x * fit.beta[last][j], fit.intercept[last]));
    expect(relDiff(fit.predict(Xnew), expectedLast)).toBeLessThan(1e-12);
    // on the training rows at the last λ the squared-loss residuals average to 0 (intercept fitted)
    if (loss === 'squared') {
      const eta = fit.predict(X, fit.lambda[last]);
      const meanResidual = y.reduce((a, yi, i) => a + yi - eta[i], 0) / y.length;
      expect(Math.abs(meanResidual)).toBeLessThan(1e-6);
    }
  });
});

// ───────────────────────────── weights ─────────────────────────────

describe('weights', () => {
  it.each(LOSSES)('all equal give the same fit as no weights (%s)', async (loss) => {
    const { X, y } = randomProblem(loss, 780, 100, 8);
    const options: FitOptions = { loss, nLambda: 20, alpha: 0.7, tol: 1e-12 };
    const plain = await fitPath({ X, y }, options);
    for (const c of [1, 2.5, 1e-3]) {
      const weighted = await fitPath({ X, y, weights: new Array<number>(100).fill(c) }, options);
      expectSameFit(weighted, plain, 1e-10);
    }
  });

  it.each(LOSSES)('scaled by 7 change nothing (%s)', async (loss) => {
    const { X, y } = randomProblem(loss, 790, 100, 8);
    const w = randomWeights(791, 100);
    const options: FitOptions = { loss, nLambda: 20, tol: 1e-12, standardize: true };
    const a = await fitPath({ X, y, weights: w }, options);
    const b = await fitPath({ X, y, weights: w.map((v) => 7 * v) }, options);
    expectSameFit(b, a, 1e-10);
    // and weights really matter: the unweighted fit is a different one
    const c = await fitPath({ X, y }, options);
    expect(relDiff(c.beta[c.beta.length - 1], a.beta[a.beta.length - 1])).toBeGreaterThan(1e-3);
  });

  it('integer weights equal repeated rows (squared loss, user λ list)', async () => {
    const { X, y } = randomProblem('squared', 800, 60, 6);
    const w = X.map((_, i) => 1 + (i % 3));
    const Xrep: number[][] = [];
    const yrep: number[] = [];
    X.forEach((r, i) => {
      for (let t = 0; t < w[i]; t++) {
        Xrep.push(r);
        yrep.push(y[i]);
      }
    });
    const lambda = [0.2, 0.05, 0.01];
    const a = await fitPath({ X, y, weights: w }, { lambda, tol: 1e-14 });
    const b = await fitPath({ X: Xrep, y: yrep }, { lambda, tol: 1e-14 });
    for (let k = 0; k < lambda.length; k++) {
      expect(relDiff([a.intercept[k], ...a.beta[k]], [b.intercept[k], ...b.beta[k]]), `λ_${k}`).toBeLessThan(1e-6);
    }
  });
});

describe('values that are not numbers', () => {
  const X = [[1, 2], [3, 1], [2, 5], [4, 4]];
  const y = [1, 2, 3, 4];
  // Number(null) is 0 and Number('2') is 2: such values are refused, not coerced.
  it.each([
    [{ lower: [null, null] }, 'option lower: null for feature x1 is not a number'],
    [{ upper: [1, '2'] }, 'option upper: "2" for feature x2 is not a number'],
    [{ penaltyFactor: [1, null] }, 'option penaltyFactor: null for feature x2 is not a number'],
    [{ lambda: [1, null] }, 'option lambda: value 2 is null, not a number'],
  ])('%j is refused', async (options, message) => {
    await expect(fitPath({ X, y }, options as unknown as FitOptions)).rejects.toThrow(message);
  });

  it('in y and in the weights too', async () => {
    await expect(fitPath({ X, y: [1, null, 3, 4] as unknown as number[] })).rejects.toThrow('y: row 2 is null, not a finite number');
    await expect(fitPath({ X, y, weights: [1, 1, '1', 1] as unknown as number[] })).rejects.toThrow('weights: row 3 has weight "1", not a number');
  });
});
