// The reference fixtures (R glmnet at thresh 1e-14; scikit-learn's exact QuantileRegressor and
// L-BFGS-B Huber) solved on WebGPU in headless Chromium (SwiftShader): every loss with the
// fixtures' penalty options, every λ converged, the objective at every λ within 1e-5 relative of
// the reference's in float32, and (two fixtures) within 1e-7 after the float64 polish.

import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FitOptions } from '../src/index.js';
import { type CertProblem, objective } from './helpers/certificate.js';
import { inf, normal, readFixtureCsv, readReference, rng } from './helpers/data.js';
import { orthonormalCenteredColumns } from './helpers/linalg.js';
import { fitPath } from '../src/api/fit-path.js';
import { openBuiltPage, type BuiltPage } from './helpers/vite-page.js';

/** The fixtures also polished (the float64 finish of a float32 fit; the rest is its CPU path's). */
const POLISHED = new Set(['gauss_enet_weights_pf_bounds', 'quantile_tau0.75_lam0.05']);
const GLMNET = ['gauss_lasso', 'gauss_ridge_raw', 'gauss_enet_weights_pf_bounds', 'wide_lasso', 'logistic_lasso', 'logistic_enet', 'poisson_lasso'];
const ROBUST = ['huber_d1.0_lam0.3_a0.3', 'huber_d1.35_lam0.1_a1.0', 'quantile_tau0.5_lam0.1', 'quantile_tau0.75_lam0.05', 'absolute_lam0.2'];
const LOSS = { gaussian: 'squared', binomial: 'logistic', poisson: 'poisson' } as const;
/** λ of a glmnet path taken (every few): SwiftShader is slow. */
const STRIDE = 6;

/** ±∞ as ±1e308 for the trip into the page (puppeteer turns infinities inside arrays into null). */
const finite = (v: number[] | undefined) => v?.map((x) => (x === Infinity ? 1e308 : x === -Infinity ? -1e308 : x));

interface Case { P: CertProblem; options: FitOptions; lambda: number[]; reference: number[] }

function glmnetCase(name: string): Case {
  const ref = readReference(name);
  const data = readFixtureCsv(ref.file);
  const P: CertProblem = {
    X: data.X, y: data.y, w: ref.weights ? data.w : undefined, loss: LOSS[ref.family!], alpha: ref.alpha,
    penaltyFactor: inf(ref.penaltyFactor), lower: inf(ref.lower), upper: inf(ref.upper), standardize: ref.standardize, intercept: ref.intercept,
  };
  const ks = ref.lambda.map((_, k) => k).filter((k) => k % STRIDE === 0);
  return {
    P,
    options: { loss: P.loss, alpha: P.alpha, penaltyFactor: P.penaltyFactor, lower: P.lower, upper: P.upper, standardize: P.standardize, intercept: P.intercept },
    lambda: ks.map((k) => ref.lambda[k]),
    reference: ks.map((k) => objective(P, ref.lambda[k], ref.a0[k], ref.beta[k])),
  };
}

function robustCase(name: string): Case {
  const ref = JSON.parse(readFileSync(new URL(`fixtures/refs/${name}.json`, import.meta.url), 'utf8'));
  const data = readFixtureCsv(ref.file);
  const P: CertProblem = { X: data.X, y: data.y, loss: ref.loss, delta: ref.delta, tau: ref.tau, alpha: ref.alpha, standardize: ref.standardize, intercept: ref.intercept };
  return {
    P,
    options: { loss: ref.loss, delta: ref.delta, tau: ref.tau, alpha: ref.alpha, standardize: ref.standardize, intercept: ref.intercept },
    lambda: ref.lambda,
    reference: ref.objective,
  };
}

describe('reference fixtures on WebGPU (SwiftShader)', () => {
  let built: BuiltPage;
  beforeAll(async () => {
    built = await openBuiltPage(path.join(path.dirname(fileURLToPath(import.meta.url)), 'webgpu-fixtures'), 'index.html');
    await built.page.waitForFunction(() => 'proxpathFixtures' in window, { timeout: 30_000 });
  }, 120_000);
  afterAll(async () => built?.close());

  const fitInPage = (c: Case, extra: FitOptions) =>
    built.page.evaluate(
      (X, y, w, o) => (window as unknown as { proxpathFixtures: { fit: (...a: unknown[]) => Promise<unknown> } }).proxpathFixtures.fit(X, y, w, o),
      c.P.X, c.P.y, c.P.w as number[] | undefined,
      { ...c.options, lower: finite(c.P.lower), upper: finite(c.P.upper), lambda: c.lambda, ...extra } as never,
    ) as Promise<{
      lambda: number[]; intercept: number[]; beta: number[][]; converged: boolean[]; host: string; objective: number[];
      finishedOn?: string[]; outerIterations?: number;
    }>;

  const cases: [string, () => Case][] = [...GLMNET.map((n) => [n, () => glmnetCase(n)] as [string, () => Case]), ...ROBUST.map((n) => [n, () => robustCase(n)] as [string, () => Case])];
  it.each(cases)('%s: float32 within 1e-5 of the reference (polished within 1e-7)', async (name, make) => {
    const c = make();
    const runs: [FitOptions, number][] = [[{ tol: 1e-10 }, 1e-5], [{ tol: 1e-12, polish: true }, 1e-7]];
    for (const [extra, bound] of POLISHED.has(name) ? runs : runs.slice(0, 1)) {
      const fit = await fitInPage(c, extra);
      expect(fit.host).toBe('caller'); // the page's one device (main.ts)
      expect(fit.converged.every(Boolean)).toBe(true);
      fit.lambda.forEach((lambda, k) => {
        const mine = objective(c.P, lambda, fit.intercept[k], fit.beta[k]);
        expect((mine - c.reference[k]) / c.reference[k], `${extra.polish ? 'polished' : 'float32'} objective at λ = ${lambda}`).toBeLessThan(bound);
      });
    }
    expect(built.pageErrors).toEqual([]);
  }, 300_000);

  // Closed forms on an orthonormal design (centred columns, XᵀX/n = I, standardize on): MCP's
  // firm thresholding and SCAD's three pieces, solved in float32 on WebGPU, to 1e-5.
  it.each([
    ['mcp', 3, (z: number, l: number, g: number) => (Math.abs(z) <= l ? 0 : Math.abs(z) <= g * l ? (Math.sign(z) * (Math.abs(z) - l)) / (1 - 1 / g) : z)],
    ['scad', 3.7, (z: number, l: number, g: number) => {
      const a = Math.abs(z);
      if (a <= 2 * l) return Math.sign(z) * Math.max(a - l, 0);
      return a <= g * l ? ((g - 1) * z - Math.sign(z) * g * l) / (g - 2) : z;
    }],
  ] as const)('%s: the closed form on an orthonormal design, on WebGPU, to 1e-5', async (name, gamma, threshold) => {
    const draw = normal(31);
    const X = orthonormalCenteredColumns(Array.from({ length: 80 }, () => Array.from({ length: 9 }, draw)));
    const y = X.map((row) => row.reduce((a, x, j) => a + x * (j % 3 === 0 ? 0 : (j % 2 ? 1 : -1) * (0.05 + 0.4 * j)), 0.3) + 0.3 * draw());
    const ybar = y.reduce((a, b) => a + b, 0) / y.length;
    const z = X[0].map((_, j) => X.reduce((a, row, i) => a + row[j] * (y[i] - ybar), 0) / y.length);
    const lambda = [1.5, 0.8, 0.5, 0.3, 0.2, 0.1, 0.04];
    const c: Case = { P: { X, y, loss: 'squared', alpha: 1, standardize: true, intercept: true }, options: { loss: 'squared', penalty: { name, gamma } }, lambda, reference: [] };
    // tol 1e-8: a KKT target of 1e-6 × λ_max (tol^¾), which float32 reaches.
    const fit = await fitInPage(c, { tol: 1e-8 });
    expect(fit.converged.every(Boolean)).toBe(true);
    expect(fit.finishedOn ?? []).not.toContain('cpu-cd'); // the float32 iteration certified every λ itself
    fit.lambda.forEach((l, k) => fit.beta[k].forEach((b, j) => expect(Math.abs(b - threshold(z[j], l, gamma)), `λ ${l}, x${j + 1}`).toBeLessThan(1e-5)));
    expect(built.pageErrors).toEqual([]);
  }, 300_000);

  // Group soft-thresholding (1 − λ√|g|/‖z_g‖)₊ z_g and the sparse group's soft-threshold then
  // shrink, on the same orthonormal design, by FISTA's block prox in float32 on WebGPU, to 1e-5.
  const soft = (v: number, t: number) => Math.sign(v) * Math.max(Math.abs(v) - t, 0);
  it.each([
    ['group', 1, (zs: number[], l: number) => zs.map((v) => v * Math.max(0, 1 - (l * Math.sqrt(zs.length)) / Math.hypot(...zs)))],
    ['sparse-group', 0.6, (zs: number[], l: number) => {
      const s = zs.map((v) => soft(v, 0.6 * l));
      const norm = Math.hypot(...s);
      return s.map((v) => (norm === 0 ? 0 : v * Math.max(0, 1 - (0.4 * l * Math.sqrt(zs.length)) / norm)));
    }],
  ] as const)('%s lasso: the closed form on an orthonormal design, on WebGPU, to 1e-5', async (name, alpha, threshold) => {
    const draw = normal(37);
    const X = orthonormalCenteredColumns(Array.from({ length: 80 }, () => Array.from({ length: 9 }, draw)));
    const y = X.map((row) => row.reduce((a, x, j) => a + x * (j % 3 === 0 ? 0 : (j % 2 ? 1 : -1) * (0.05 + 0.4 * j)), 0.3) + 0.3 * draw());
    const ybar = y.reduce((a, b) => a + b, 0) / y.length;
    const z = X[0].map((_, j) => X.reduce((a, row, i) => a + row[j] * (y[i] - ybar), 0) / y.length);
    const groups = ['a', 'a', 'b', 'b', 'b', 'c', 'd', 'd', 'd'];
    const members = (label: string) => groups.flatMap((g, j) => (g === label ? [j] : []));
    const lambda = [1.5, 0.8, 0.5, 0.3, 0.2, 0.1, 0.04];
    const c: Case = { P: { X, y, loss: 'squared', alpha, standardize: true, intercept: true }, options: { loss: 'squared', alpha, penalty: { name, groups } }, lambda, reference: [] };
    const fit = await fitInPage(c, { tol: 1e-8 });
    expect(fit.converged.every(Boolean)).toBe(true);
    expect(fit.finishedOn ?? []).not.toContain('cpu-cd'); // the float32 iteration certified every λ itself
    fit.lambda.forEach((l, k) => fit.beta[k].forEach((b, j) => {
      const idx = members(groups[j]);
      const expected = threshold(idx.map((i) => z[i]), l)[idx.indexOf(j)];
      expect(Math.abs(b - expected), `λ ${l}, x${j + 1}`).toBeLessThan(1e-5);
    }));
    expect(built.pageErrors).toEqual([]);
  }, 300_000);

  // Real data that stress conditioning (not in the references): pixels with constant and
  // near-constant columns, features on scales 1e-3…1e3, p ≫ n. The optimum is coordinate
  // descent's at tol 1e-13; every λ must come back converged (finished in float64 on the CPU
  // where float32 could not certify it, and said so), within 1e-5 relative of it.
  const realCases: [string, () => { X: number[][]; y: number[] }, FitOptions][] = [
    ['diabetes, lasso', () => dataCsv('diabetes.csv'), { loss: 'squared' }],
    ['breast cancer (scales 1e-3…1e3), logistic lasso', () => dataCsv('breast-cancer.csv'), { loss: 'logistic' }],
    ['breast cancer, logistic elastic net α = 0.9', () => dataCsv('breast-cancer.csv'), { loss: 'logistic', alpha: 0.9 }],
    ['digits 3 vs 8 (constant pixel columns), logistic α = 0.9', () => dataCsv('digits-3-vs-8.csv'), { loss: 'logistic', alpha: 0.9 }],
    ['p ≫ n (80 × 600), lasso', () => wide(80, 600), { loss: 'squared' }],
  ];
  it.each(realCases)('%s: every λ converged, within 1e-5 of the optimum', async (_, make, options) => {
    const data = make();
    const reference = await fitPath(data, { ...options, backend: 'cpu', tol: 1e-13 });
    // Every 20th λ of the path (5 λ): SwiftShader is slow, and the Newton blocks warm-start anyway.
    const lambda = reference.lambda.filter((_, k) => k % 20 === 0);
    const c: Case = { P: { X: data.X, y: data.y, loss: options.loss!, alpha: options.alpha ?? 1, standardize: true, intercept: true }, options, lambda, reference: [] };
    const fit = await fitInPage(c, {});
    expect(fit.host).toBe('caller'); // the page's one device (main.ts)
    expect(fit.converged.every(Boolean)).toBe(true);
    expect(fit.finishedOn ?? []).not.toContain(undefined);
    fit.lambda.forEach((l, k) => {
      const optimum = reference.objective[reference.lambda.indexOf(l)];
      expect((fit.objective[k] - optimum) / Math.abs(optimum), `objective at λ = ${l}`).toBeLessThan(1e-5);
    });
    expect(built.pageErrors).toEqual([]);
  }, 300_000);
});

/** A data/ CSV (y the column named y) as rows. */
function dataCsv(file: string): { X: number[][]; y: number[] } {
  const text = readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8').trim().split('\n');
  const header = text[0].split(',');
  const yCol = header.indexOf('y');
  const rows = text.slice(1).map((line) => line.split(',').map(Number));
  return { X: rows.map((r) => r.filter((_, c) => c !== yCol)), y: rows.map((r) => r[yCol]) };
}

/** n × p Gaussian features (seeded), y from the first five. */
function wide(n: number, p: number): { X: number[][]; y: number[] } {
  const random = rng(80);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => random() - 0.5));
  return { X, y: X.map((r) => r[0] - r[1] + r[2] - 0.5 * r[3] + 0.5 * r[4] + 0.1 * (random() - 0.5)) };
}
