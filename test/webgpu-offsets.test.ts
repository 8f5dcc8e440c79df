// Offsets on WebGPU in headless Chromium (SwiftShader): the glmnet references of
// scripts/offset-references.R (thresh 1e-14) solved in float32 by the batched iteration, whose
// smooth-loss kernels evaluate the loss at η + offset (shaders/samples/link-offset.wgsl): every λ
// converged, the float64 objective within 1e-5 relative of coordinate descent's optimum, the
// coefficients within 1e-3 of glmnet's (relative to the largest), most λ certified on the device;
// and cv.glmnet's curves from the folds × λ batch on the device.

import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cvPath, fitPath, type FitOptions } from '../src/index.js';
import { requireBuild } from './helpers/cli.js';
import { openBuiltPage, type BuiltPage } from './helpers/vite-page.js';

interface PathCase {
  name: string; family: 'gaussian' | 'binomial' | 'poisson'; target: string; alpha: number; weights: boolean; intercept: boolean;
  lambda: number[]; a0: number[]; beta: number[][];
}
const refs = JSON.parse(readFileSync(new URL('fixtures/refs/offsets.json', import.meta.url), 'utf8')) as { cases: PathCase[] };
const lines = readFileSync(new URL('fixtures/data/offsets.csv', import.meta.url), 'utf8').trim().split('\n');
const header = lines[0].split(',').map((name) => name.replace(/"/g, ''));
const rows = lines.slice(1).map((line) => line.split(',').map(Number));
const features = header.filter((name) => /^x\d+$/.test(name));
const X = rows.map((row) => features.map((name) => row[header.indexOf(name)]));
const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
const LOSS = { gaussian: 'squared', binomial: 'logistic', poisson: 'poisson' } as const;
/** λ of a glmnet path taken (every few): SwiftShader is slow. */
const STRIDE = 8;

describe('offsets on WebGPU (SwiftShader)', () => {
  let built: BuiltPage;
  beforeAll(async () => {
    built = await openBuiltPage(path.join(path.dirname(fileURLToPath(import.meta.url)), 'webgpu-fixtures'), 'index.html');
    await built.page.waitForFunction(() => 'proxpathFixtures' in window, { timeout: 30_000 });
  }, 120_000);
  afterAll(async () => built?.close());

  const fitInPage = (y: number[], w: number[] | undefined, options: FitOptions, offset: number[]) =>
    built.page.evaluate(
      (X, y, w, o, offset) => (window as unknown as { proxpathFixtures: { fit: (...a: unknown[]) => Promise<unknown> } }).proxpathFixtures.fit(X, y, w, o, offset),
      X, y, w, options as never, offset,
    ) as Promise<{ lambda: number[]; intercept: number[]; beta: number[][]; converged: boolean[]; host: string; objective: number[]; finishedOn?: string[] }>;

  // The gaussian case's offset is folded into y (no kernel sees it); logistic and Poisson run the
  // smooth-loss kernels with the offset (proximal Newton's curvatures, FISTA's terms).
  const cases = refs.cases.filter((c) => c.name !== 'gaussian weights offset');
  it.each(cases.map((c) => [c.name, c] as const))('%s: float32 within 1e-5 of the optimum, coefficients as glmnet\'s', async (_, c) => {
    const ks = c.lambda.map((__, k) => k).filter((k) => k % STRIDE === 0);
    const y = column(c.target);
    const w = c.weights ? column('w') : undefined;
    const offset = column('o');
    const options: FitOptions = { loss: LOSS[c.family], alpha: c.alpha, intercept: c.intercept, lambda: ks.map((k) => c.lambda[k]) };
    // tol 1e-8: a KKT target of 1e-6 × λ_max (tol^¾), which float32 reaches.
    const fit = await fitInPage(y, w, { ...options, tol: 1e-8 }, offset);
    const cpu = await fitPath({ X, y, weights: w, offset }, { ...options, tol: 1e-13, backend: 'cpu' });
    expect(fit.host).toBe('caller');
    expect(fit.converged.every(Boolean)).toBe(true);
    // λ the float32 iteration could not certify are finished by float64 coordinate descent (as
    // often with a zero offset as with this one, on these data); the others are the kernels' own.
    expect(fit.finishedOn!.filter((on) => on === 'webgpu').length).toBeGreaterThanOrEqual(3);
    ks.forEach((k, t) => {
      expect((fit.objective[t] - cpu.objective[t]) / Math.abs(cpu.objective[t]), `objective at λ_${k}`).toBeLessThan(1e-5);
      const scale = Math.max(...c.beta[k].map(Math.abs), Math.abs(c.a0[k]), 1e-2);
      fit.beta[t].forEach((b, j) => expect(Math.abs(b - c.beta[k][j]) / scale, `β ${j} at λ_${k}`).toBeLessThan(1e-3));
      expect(Math.abs(fit.intercept[t] - c.a0[k]) / scale, `b0 at λ_${k}`).toBeLessThan(1e-3);
    });
    expect(built.pageErrors).toEqual([]);
  }, 300_000);
});

describe('cross-validation with an offset on WebGPU (headless Chromium)', () => {
  interface CvCase { name: string; family: 'gaussian' | 'binomial' | 'poisson'; target: string; measure: 'mse' | 'deviance'; weights: boolean; lambda: number[]; cvm: number[] }
  const cv = (JSON.parse(readFileSync(new URL('fixtures/refs/offsets.json', import.meta.url), 'utf8')) as { foldid: number[]; cv: CvCase[] });
  // The offset travels to the page with the data; the folds × λ batch evaluates the loss at η + offset.
  it.each(cv.cv.filter((c) => c.family !== 'gaussian').map((c) => [c.name, c] as const))('%s: cv.glmnet\'s cvm within 1e-4 at every 6th λ', async (_, c) => {
    requireBuild();
    const ks = c.lambda.map((__, k) => k).filter((k) => k % 6 === 0);
    const data = { X, y: column(c.target), offset: column('o'), ...(c.weights ? { weights: column('w') } : {}) };
    const gpu = await cvPath(data, {
      loss: LOSS[c.family], lambda: ks.map((k) => c.lambda[k]), foldId: cv.foldid, measure: c.measure, tol: 1e-10, backend: 'webgpu',
    });
    expect(gpu.folds).toMatchObject({ backend: 'webgpu', device: { host: 'headless-chromium' } });
    const curve = gpu.curves[0];
    expect(curve.fit.problem.offset).toBe(true);
    ks.forEach((k, t) => expect(Math.abs(curve.cvm[t] - c.cvm[k]) / c.cvm[k], `cvm at λ_${k}`).toBeLessThan(1e-4));
  }, 180_000);
});
