// The relaxed lasso (option relax) against R glmnet 4.1 with relax = TRUE at thresh 1e-14
// (scripts/relax-references.R): the refits of every λ (glmnet's fit$relaxed), coef(fit, s, gamma)
// on and between the grid's λ, glmnet's maxp = n − 3 rule, and cv.glmnet(relax = TRUE)'s per-γ
// curves and (γ, λ) choices. glmnet's blend floors γ at 1e-5 (blend.relaxed's epsilon): its
// γ = 0 is compared with proxpath's γ = 1e-5. Then closed forms (γ = 0 is least squares on the
// support, an LP optimum for the absolute and quantile losses), the other penalties and
// backends, saved models, and the errors.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cvPath, fitPath, loadModel, type MeasureName } from '../src/index.js';
import { foldsRoute } from '../src/cv/folds-route.js';
import type { SharedBackend } from '../src/gpu/lent-backend.js';
import { PENALTIES } from '../src/penalties/registry.js';
import type { FitOptions } from '../src/problem/types.js';
import { inf, normal, readFixtureCsv } from './helpers/data.js';
import { choleskySolve } from './helpers/linalg.js';
import { randomFeatures, randomProblem, randomWeights } from './helpers/problems.js';

interface FitCase {
  case: string; file: string; family: 'gaussian' | 'binomial' | 'poisson'; alpha: number; standardize: boolean; intercept: boolean;
  weights?: boolean; 'penalty.factor'?: number[]; 'lower.limits'?: number[]; 'upper.limits'?: number[];
  lambda: number[]; df: number[]; devRatio: number[];
  relaxed: { lambda: number[]; a0: number[]; beta: number[][]; devRatio: number[] };
  blends: { s: number; gamma: number; a0: number; beta: number[] }[];
}
interface CvCase {
  case: string; file: string; family: FitCase['family']; alpha: number; typeMeasure: MeasureName; nFolds: number; givenLambda: boolean;
  foldid: number[]; lambda: number[]; nzero: number[]; gamma: number[];
  statlist: { lambda: number[]; cvm: number[]; cvsd: number[] }[];
  lambdaMin: number; gammaMin: number; lambda1se: number; gamma1se: number; indexMin: [number, number]; index1se: [number, number];
  plain: { cvm: number[]; cvsd: number[]; indexMin: number; index1se: number };
}
const refs = JSON.parse(readFileSync(new URL('fixtures/refs/relax.json', import.meta.url), 'utf8')) as { fits: FitCase[]; cvs: CvCase[] };
const LOSS = { gaussian: 'squared', binomial: 'logistic', poisson: 'poisson' } as const;
/** glmnet's blend.relaxed floors γ at this. */
const GLMNET_GAMMA_FLOOR = 1e-5;

function fitOptions(c: FitCase): FitOptions {
  return {
    loss: LOSS[c.family], alpha: c.alpha, standardize: c.standardize, intercept: c.intercept, tol: 1e-14, maxIter: 1e6, backend: 'cpu',
    penaltyFactor: c['penalty.factor'], lower: inf(c['lower.limits']), upper: inf(c['upper.limits']),
  };
}

/** Largest difference of (a0, β) from the reference, relative to the reference's largest magnitude (at least 1e-3). */
function coefDifference(mine: { intercept: number; beta: number[] }, a0: number, beta: number[]): number {
  const scale = Math.max(Math.abs(a0), ...beta.map(Math.abs), 1e-3);
  return Math.max(Math.abs(mine.intercept - a0), ...beta.map((b, j) => Math.abs(mine.beta[j] - b))) / scale;
}

/** Least squares (weighted, with or without an intercept) on the columns `support`, by the normal equations. */
function leastSquares(X: number[][], y: number[], w: number[], support: number[], intercept: boolean): { intercept: number; beta: number[] } {
  const row = (i: number) => [...(intercept ? [1] : []), ...support.map((j) => X[i][j])];
  const m = support.length + (intercept ? 1 : 0);
  const A = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const b = new Array<number>(m).fill(0);
  X.forEach((_, i) => {
    const z = row(i);
    for (let a = 0; a < m; a++) {
      b[a] += w[i] * z[a] * y[i];
      for (let c = 0; c < m; c++) A[a][c] += w[i] * z[a] * z[c];
    }
  });
  const x = choleskySolve(A, b);
  const beta = new Array<number>(X[0].length).fill(0);
  support.forEach((j, t) => (beta[j] = x[t + (intercept ? 1 : 0)]));
  return { intercept: intercept ? x[0] : 0, beta };
}

const supportOf = (beta: number[]) => beta.flatMap((b, j) => (b !== 0 ? [j] : []));

describe.each(refs.fits)('glmnet relax = TRUE: $case', (c) => {
  const data = readFixtureCsv(c.file);
  const dataset = { X: data.X, y: data.y, weights: c.weights ? data.w : undefined };
  const bounded = c['lower.limits'] !== undefined || c['upper.limits'] !== undefined;

  it('refits every λ as glmnet (its maxp = n − 3 rule too), and blends on and between the grid as coef(fit, s, gamma)', async () => {
    // glmnet's own default path, as it fitted: at a λ_max given back to us the exact solution is
    // 0 and either side may keep a coefficient of rounding size (1e-16), whose refit is not 0.
    const fit = await fitPath(dataset, { ...fitOptions(c), relax: true });
    const relaxed = fit.relaxed!;
    expect(fit.lambda.length).toBe(c.lambda.length);
    fit.lambda.forEach((l, k) => expect(Math.abs(l - c.lambda[k]) / c.lambda[k]).toBeLessThan(1e-12));
    expect(fit.df).toEqual(c.df);
    // glmnet's relaxed fit keeps the λ it refit: those whose support has at most n − 3 features.
    expect(c.lambda.filter((_, k) => relaxed.refit[k])).toEqual(c.relaxed.lambda);
    // glmnet's distance from least squares, per λ of its relaxed fit (0 where there is no closed form).
    const glmnetError = new Array<number>(c.lambda.length).fill(0);
    c.relaxed.lambda.forEach((_, r) => {
      const k = c.lambda.indexOf(c.relaxed.lambda[r]);
      const mine = { intercept: relaxed.intercept[k], beta: relaxed.beta[k] };
      // Least squares has a closed form: glmnet's coordinate descent stops short of it by up to
      // 1e-4 relative where the support nearly fills the rows (wide_maxp); proxpath's reaches it.
      const exact = c.family === 'gaussian' && !bounded && k > 0 ? leastSquares(data.X, data.y, data.y.map(() => 1), supportOf(fit.beta[k]), c.intercept) : null;
      if (exact) {
        glmnetError[k] = coefDifference(exact, c.relaxed.a0[r], c.relaxed.beta[r]);
        expect(coefDifference(mine, exact.intercept, exact.beta), `least squares at λ_${k + 1}`).toBeLessThan(1e-7);
      }
      expect(coefDifference(mine, c.relaxed.a0[r], c.relaxed.beta[r]), `refit at λ_${k + 1}`).toBeLessThan(1e-7 + 1.01 * glmnetError[k]);
      expect(Math.abs(relaxed.devRatio[k] - c.relaxed.devRatio[r]), `deviance ratio of the refit at λ_${k + 1}`).toBeLessThan(1e-7);
    });
    // A λ not refit is held at the last refit, and so is glmnet's error there.
    const lastRefit = relaxed.refit.lastIndexOf(true);
    const errorAt = (k: number) => glmnetError[relaxed.refit[k] ? k : lastRefit];
    // The blends: γ = 1 is the penalized path, glmnet's agreeing with proxpath's to 1e-7, except at
    // the p > n cases' last λ (supports near n − 3, ill-conditioned), where glmnet's stops 1e-6 – 1e-4
    // short of proxpath's KKT-certified one (4e-5 at tiny_maxp's last, 11 features on 12 rows); a blend is off by γ times that and (1 − γ) times the refit's.
    const penalizedError = new Map<number, number>();
    for (const b of c.blends.filter((blend) => blend.gamma === 1)) {
      const error = coefDifference(fit.coefAt(b.s), b.a0, b.beta);
      penalizedError.set(b.s, error);
      expect(error, `coef at s = ${b.s}, γ = 1`).toBeLessThan(c.case.endsWith('_maxp') ? 1e-4 : 1e-7);
    }
    for (const b of c.blends) {
      const gamma = Math.max(b.gamma, GLMNET_GAMMA_FLOOR);
      const mine = fit.coefAt(b.s, { gamma });
      const right = Math.max(c.lambda.findIndex((l) => l <= b.s), 0);
      const refitError = Math.max(errorAt(right), errorAt(Math.max(right - 1, 0)));
      const tolerance = 1e-7 + 1.1 * (gamma * penalizedError.get(b.s)! + (1 - gamma) * refitError);
      expect(coefDifference(mine, b.a0, b.beta), `coef at s = ${b.s}, γ = ${b.gamma}`).toBeLessThan(tolerance);
    }
    expect(Math.max(...fit.kktViolation), 'the penalized path is optimal').toBeLessThan(1e-7);
  });
});

describe.each(refs.cvs)('cv.glmnet relax = TRUE: $case', (c) => {
  const data = readFixtureCsv(c.file);

  it('gives the curve of every γ, and the (γ, λ) choices, as cv.glmnet', async () => {
    const cv = await cvPath({ X: data.X, y: data.y }, {
      loss: LOSS[c.family], alpha: c.alpha, foldId: c.foldid, measure: c.typeMeasure, tol: 1e-14, maxIter: 1e6, backend: 'cpu', workers: 1,
      relax: true, gammaRelax: c.gamma.map((g) => Math.max(g, GLMNET_GAMMA_FLOOR)),
      ...(c.givenLambda ? { lambda: c.lambda } : { alignment: 'fold-paths' as const }),
    });
    const curve = cv.curves[0];
    const relaxed = curve.relaxed!;
    expect(curve.lambda.length).toBe(c.lambda.length);
    let worst = 0;
    c.statlist.forEach((s, g) => {
      s.cvm.forEach((m, k) => {
        worst = Math.max(worst, Math.abs(relaxed.cvm[g][k] - m) / m, Math.abs(relaxed.cvsd[g][k] - s.cvsd[k]) / m);
      });
    });
    // cv_wide_mse's folds (32 rows) reach supports of up to 29 features at the path's end, where
    // glmnet's coordinate descent is ill-conditioned: its penalized fold fits there stop short of
    // proxpath's (KKT-certified) ones, and its refits of least squares (see wide_maxp above), by up
    // to 1e-4: the curves agree to 8.9e-5 there (γ = 1 included), to 2e-8 in the other cases.
    expect(worst, 'cvm and cvsd, relative to cvm').toBeLessThan(c.case === 'cv_wide_mse' ? 2e-4 : 1e-6);
    c.plain.cvm.forEach((m, k) => expect(Math.abs(curve.cvm[k] - m) / m, `γ = 1 cvm at λ_${k}`).toBeLessThan(c.case === 'cv_wide_mse' ? 2e-4 : 1e-6));
    expect([relaxed.indexMin, relaxed.gammaIndexMin]).toEqual(c.indexMin);
    expect([relaxed.index1se, relaxed.gammaIndex1se]).toEqual(c.index1se);
    expect([curve.indexMin, curve.index1se]).toEqual([c.plain.indexMin, c.plain.index1se]);
    expect(curve.nzero.slice(1)).toEqual(c.nzero.slice(1));
  });
});

/** Solves the square system A x = b by Gaussian elimination with partial pivoting. */
function solveSquare(A: number[][], b: number[]): number[] {
  const m = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < m; c++) {
    const pivot = M.slice(c).reduce((best, row, t) => (Math.abs(row[c]) > Math.abs(M[best][c]) ? c + t : best), c);
    [M[c], M[pivot]] = [M[pivot], M[c]];
    for (let r = c + 1; r < m; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= m; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let r = m - 1; r >= 0; r--) {
    let s = M[r][m];
    for (let k = r + 1; k < m; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/**
 * The largest step outside [−τ, 1 − τ] (quantile; [−1, 1] scaled for absolute) that the dual
 * slopes of the zero-residual rows need for Σ w_i g_i (1, x_iS) = 0: ≤ 0 at an optimum of the
 * unpenalized quantile regression on the support S (an LP vertex: |S| + 1 rows on their kink).
 */
function quantileCertificate(X: number[][], y: number[], tau: number, intercept: number, beta: number[]): number {
  const S = supportOf(beta);
  const z = (i: number) => [1, ...S.map((j) => X[i][j])];
  const r = X.map((row, i) => y[i] - row.reduce((s, x, j) => s + x * beta[j], intercept));
  const kink = r.map((v, i) => (Math.abs(v) < 1e-9 * (1 + Math.abs(y[i])) ? i : -1)).filter((i) => i >= 0);
  expect(kink.length, 'rows on their kink at the vertex').toBe(S.length + 1);
  const rhs = new Array<number>(S.length + 1).fill(0);
  r.forEach((v, i) => {
    if (kink.includes(i)) return;
    const g = v > 0 ? -tau : 1 - tau;
    z(i).forEach((zi, a) => (rhs[a] -= g * zi));
  });
  const A = rhs.map((_, a) => kink.map((i) => z(i)[a]));
  const g = solveSquare(A, rhs);
  return Math.max(...g.map((v) => Math.max(-tau - v, v - (1 - tau))));
}

describe('relaxed fits: closed forms and exact refits', () => {
  it('γ = 0 is weighted least squares on each λ\'s support, and a blend between grid λ is the blend of both parts', async () => {
    const { X, y } = randomProblem('squared', 11, 80, 10);
    const weights = randomWeights(12, 80);
    const fit = await fitPath({ X, y, weights }, { relax: true, tol: 1e-14, nLambda: 30 });
    const relaxed = fit.relaxed!;
    fit.lambda.forEach((_, k) => {
      const support = supportOf(fit.beta[k]);
      if (support.length === 0) return;
      const exact = leastSquares(X, y, weights, support, true);
      // tol 1e-14 bounds the squared coordinate steps: the coefficients converge to ~1e-8.
      expect(coefDifference(fit.coefAt(fit.lambda[k], { gamma: 0 }), exact.intercept, exact.beta), `λ_${k + 1}`).toBeLessThan(1e-7);
      expect(supportOf(relaxed.beta[k])).toEqual(support);
    });
    const s = Math.sqrt(fit.lambda[10] * fit.lambda[11]);
    const t = (fit.lambda[10] - s) / (fit.lambda[10] - fit.lambda[11]);
    const half = fit.coefAt(s, { gamma: 0.5 });
    const at = (k: number) => 0.5 * (fit.intercept[k] + relaxed.intercept[k]);
    expect(half.intercept).toBeCloseTo((1 - t) * at(10) + t * at(11), 12);
    expect(fit.coefAt(s, { gamma: 1 })).toEqual(fit.coefAt(s));
    expect(fit.relaxed!.gamma).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it.each([
    ['absolute', {}],
    ['quantile', { tau: 0.3 }],
  ] as const)('the %s loss: each refit is an optimal vertex of the unpenalized linear program (its dual slopes certify it)', async (loss, params) => {
    const { X, y } = randomProblem('squared', 21, 60, 6);
    const fit = await fitPath({ X, y }, { loss, ...params, relax: true, nLambda: 12 });
    const tau = loss === 'absolute' ? 0.5 : 0.3;
    let checked = 0;
    fit.lambda.forEach((_, k) => {
      if (!fit.relaxed!.refit[k] || supportOf(fit.beta[k]).length === 0) return;
      const { intercept, beta } = fit.coefAt(fit.lambda[k], { gamma: 0 });
      expect(quantileCertificate(X, y, tau, intercept, beta), `λ_${k + 1}`).toBeLessThan(1e-9);
      checked++;
    });
    expect(checked).toBeGreaterThan(3);
    expect(fit.relaxed!.converged.every(Boolean)).toBe(true);
  });

  it('MCP, SCAD and the group lasso relax the natural way: least squares on the support (the penalty plays no part at λ = 0)', async () => {
    const { X, y } = randomProblem('squared', 31, 70, 8);
    const ones = y.map(() => 1);
    const penalties: FitOptions['penalty'][] = ['mcp', 'scad', { name: 'group', groups: [1, 1, 2, 2, 3, 3, 4, 4] }];
    for (const penalty of penalties) {
      const fit = await fitPath({ X, y }, { penalty, relax: true, tol: 1e-14, nLambda: 15 });
      fit.lambda.forEach((_, k) => {
        const support = supportOf(fit.beta[k]);
        if (support.length === 0) return;
        const exact = leastSquares(X, y, ones, support, true);
        expect(coefDifference(fit.coefAt(fit.lambda[k], { gamma: 0 }), exact.intercept, exact.beta), `${JSON.stringify(penalty)} λ_${k + 1}`).toBeLessThan(1e-7);
      });
    }
  });

  it('the batched solver\'s path is refit by the CPU\'s coordinate descent: least squares on its supports', async () => {
    const { X, y } = randomProblem('squared', 41, 90, 8);
    const fit = await fitPath({ X, y }, { relax: true, solver: 'batched', backend: 'cpu', tol: 1e-13, nLambda: 12 });
    expect(fit.device.method).toBe('batched');
    fit.lambda.forEach((_, k) => {
      const support = supportOf(fit.beta[k]);
      if (support.length === 0) return;
      const exact = leastSquares(X, y, y.map(() => 1), support, true);
      expect(coefDifference(fit.coefAt(fit.lambda[k], { gamma: 0 }), exact.intercept, exact.beta)).toBeLessThan(1e-7);
    });
  });

  it('a support the logistic loss separates has no finite refit: said in a warning', async () => {
    const X = randomFeatures(51, 40, 4);
    const y = X.map((row) => (row[0] > 0.1 ? 1 : 0));
    const fit = await fitPath({ X, y }, { loss: 'logistic', relax: true, nLambda: 10 });
    expect(fit.warnings.some((w) => w.startsWith('relax: ') && w.includes('deviance ratio above 0.999'))).toBe(true);
    expect(fit.relaxed!.beta.flat().every(Number.isFinite)).toBe(true);
  });

  it('a support of more than n − 3 features is not refit: held at the last refit (glmnet\'s maxp), with a warning', async () => {
    const X = randomFeatures(61, 12, 30);
    const noise = normal(62);
    const y = X.map((row) => row[0] - 2 * row[3] + noise());
    const lambda = Array.from({ length: 40 }, (_, k) => 2 * 0.8 ** k);
    const fit = await fitPath({ X, y }, { relax: true, lambda });
    const relaxed = fit.relaxed!;
    const held = relaxed.refit.flatMap((r, k) => (r ? [] : [k]));
    expect(held.length).toBeGreaterThan(0);
    const last = relaxed.refit.lastIndexOf(true);
    for (const k of held) {
      expect(fit.df[k]).toBeGreaterThan(9);
      expect(relaxed.beta[k]).toEqual(relaxed.beta[last]);
    }
    expect(fit.warnings.some((w) => w.includes(`more than n − 3 = 9 features`))).toBe(true);
  });
});

describe('relaxed fits and cross-validations: saved, loaded, predicted; and the errors', () => {
  const { X, y } = randomProblem('squared', 71, 90, 8);

  it('a relaxed fit round-trips through its JSON: the same refits, coefficients and predictions at any (λ, γ)', async () => {
    const fit = await fitPath({ X, y }, { relax: true, nLambda: 20, gammaRelax: [0.5, 0, 0.5] });
    expect(fit.relaxed!.gamma).toEqual([0, 0.5]);
    const loaded = loadModel(JSON.stringify(fit)) as typeof fit;
    expect(loaded.relaxed).toEqual(fit.relaxed);
    const s = 0.7 * fit.lambda[6] + 0.3 * fit.lambda[7];
    expect(loaded.coefAt(s, { gamma: 0.3 })).toEqual(fit.coefAt(s, { gamma: 0.3 }));
    const eta = fit.predict(X, { lambda: s, gamma: 0 });
    expect(loaded.predict(X, { lambda: s, gamma: 0 })).toEqual(eta);
    const { intercept, beta } = fit.coefAt(s, { gamma: 0 });
    expect(eta[0]).toBeCloseTo(X[0].reduce((sum, x, j) => sum + x * beta[j], intercept), 12);
    const broken = { ...fit.toJSON(), relaxed: { ...fit.relaxed!, beta: fit.relaxed!.beta.slice(1) } };
    expect(() => loadModel(JSON.stringify(broken), 'fit.json')).toThrow(`fit.json: field relaxed.beta must have one row per λ (${fit.lambda.length})`);
  });

  it('a relaxed cross-validation predicts at its (λ, γ) choices, as cv.glmnet\'s predict, and round-trips', async () => {
    const cv = await cvPath({ X, y }, { relax: true, folds: 5, nLambda: 20, workers: 1 });
    const curve = cv.curves[0];
    const relaxed = curve.relaxed!;
    expect(relaxed.cvm.length).toBe(5);
    expect(cv.best).toMatchObject({ lambdaMin: relaxed.lambdaMin, gammaMin: relaxed.gammaMin, lambda1se: relaxed.lambda1se, gamma1se: relaxed.gamma1se });
    expect(cv.best.cvm).toBe(relaxed.cvm[relaxed.gammaIndexMin][relaxed.indexMin]);
    // The 1se choice is the default; lambdaMin brings gammaMin; a λ value takes gamma1se.
    expect(cv.coef()).toEqual(curve.fit.coefAt(relaxed.lambda1se, { gamma: relaxed.gamma1se }));
    expect(cv.coef({ lambda: 'lambdaMin' })).toEqual(curve.fit.coefAt(relaxed.lambdaMin, { gamma: relaxed.gammaMin }));
    expect(cv.coef({ lambda: 0.05 })).toEqual(curve.fit.coefAt(0.05, { gamma: relaxed.gamma1se }));
    expect(cv.coef({ lambda: 'lambdaMin', gamma: 0.25 })).toEqual(curve.fit.coefAt(relaxed.lambdaMin, { gamma: 0.25 }));
    expect(cv.predict(X, { lambda: 'lambdaMin' })).toEqual(curve.fit.predict(X, { lambda: relaxed.lambdaMin, gamma: relaxed.gammaMin }));
    // Every γ's curve is the cross-validation of the folds blended at that γ: γ = 1 is the penalized path's.
    expect(relaxed.cvm[4]).toEqual(curve.cvm);
    const loaded = loadModel(JSON.stringify(cv)) as typeof cv;
    expect(loaded.curves[0].relaxed).toEqual(relaxed);
    expect(loaded.predict(X)).toEqual(cv.predict(X));
    const json = cv.toJSON();
    json.curves[0].relaxed = { ...relaxed, gammaMin: 0.3 };
    expect(() => loadModel(json, 'cv.json')).toThrow('cv.json (curve 0): relaxed.lambdaMin / gammaMin do not match their indices');
  });

  it('relax on WebGPU: the folds are fitted one by one on the CPU, with their refits (the fold batch has none)', () => {
    const route = foldsRoute({ kind: 'webgpu' } as unknown as SharedBackend, 'webgpu', PENALTIES.enet, { relaxed: true });
    expect(route.kind).toBe('cpu');
    expect(route.folds.method).toContain('relax');
  });

  it.each([
    [{ relax: true, gammaRelax: [0, 1.5] }, 'option gammaRelax: γ = 1.5 is not in [0, 1]'],
    [{ relax: true, gammaRelax: [] }, 'option gammaRelax: [] is not a non-empty list of γ values in [0, 1]'],
    [{ gammaRelax: [0.5] }, 'option gammaRelax: the γ grid of the relaxed fit needs relax: true'],
    [{ relax: 'yes' }, 'option relax: "yes" is not true or false'],
    [{ relax: true, loss: 'absolute', breakpoints: true }, "option relax: the refits are made at the grid's λ, where breakpoints trace the path between them: use one or the other"],
  ] as [FitOptions, string][])('%j: %s', async (options, message) => {
    await expect(fitPath({ X, y }, options)).rejects.toThrow(message);
    await expect(cvPath({ X, y }, { ...options, folds: 3 })).rejects.toThrow(message);
  });

  it('γ out of [0, 1], or γ ≠ 1 of a fit without refits, is refused', async () => {
    const plain = await fitPath({ X, y }, { nLambda: 5 });
    const relaxed = await fitPath({ X, y }, { nLambda: 5, relax: true });
    expect(() => relaxed.coefAt(0.1, { gamma: 2 })).toThrow('coefAt: gamma 2 must be in [0, 1]');
    expect(() => relaxed.predict(X, { gamma: -0.5 })).toThrow('coefAt: gamma -0.5 must be in [0, 1]');
    expect(() => plain.coefAt(0.1, { gamma: 0.5 })).toThrow('coefAt: gamma 0.5 needs a relaxed fit (option relax)');
    expect(plain.coefAt(0.1, { gamma: 1 })).toEqual(plain.coefAt(0.1));
    const cv = await cvPath({ X, y }, { folds: 3, nLambda: 5, workers: 1 });
    expect(() => cv.coef({ gamma: 'gammaMin' })).toThrow('gamma "gammaMin" needs a relaxed cross-validation (option relax)');
  });
});
