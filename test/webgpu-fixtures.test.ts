// The reference fixtures (R glmnet at thresh 1e-14; scikit-learn's exact QuantileRegressor and
// L-BFGS-B Huber) solved on WebGPU in headless Chromium (SwiftShader): every loss with the
// fixtures' penalty options, the objective at every λ within 1e-5 relative of the reference's
// in float32, and within 1e-7 after the float64 polish.

import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FitOptions } from '../src/index.js';
import { type CertProblem, objective } from './helpers/certificate.js';
import { inf, readFixtureCsv, readReference } from './helpers/data.js';
import { openBuiltPage, type BuiltPage } from './helpers/vite-page.js';

const GLMNET = ['gauss_lasso', 'gauss_enet_weights_pf_bounds', 'wide_lasso', 'logistic_enet', 'poisson_lasso'];
const ROBUST = ['huber_d1.0_lam0.3_a0.3', 'quantile_tau0.75_lam0.05', 'absolute_lam0.2'];
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
    ) as Promise<{ lambda: number[]; intercept: number[]; beta: number[][]; converged: boolean[]; host: string }>;

  const cases: [string, () => Case][] = [...GLMNET.map((n) => [n, () => glmnetCase(n)] as [string, () => Case]), ...ROBUST.map((n) => [n, () => robustCase(n)] as [string, () => Case])];
  it.each(cases)('%s: float32 within 1e-5 of the reference, polished within 1e-7', async (_, make) => {
    const c = make();
    for (const [extra, bound] of [[{ tol: 1e-10 }, 1e-5], [{ tol: 1e-12, polish: true }, 1e-7]] as [FitOptions, number][]) {
      const fit = await fitInPage(c, extra);
      expect(fit.host).toBe('browser');
      fit.lambda.forEach((lambda, k) => {
        const mine = objective(c.P, lambda, fit.intercept[k], fit.beta[k]);
        expect((mine - c.reference[k]) / c.reference[k], `${extra.polish ? 'polished' : 'float32'} objective at λ = ${lambda}`).toBeLessThan(bound);
      });
    }
    expect(built.pageErrors).toEqual([]);
  }, 300_000);
});
