// Cross-validation with cv.glmnet's default output (alignment 'fold-paths': every fold on its
// own default λ path, read at the full fit's λ by glmnet's interpolation) against cv.glmnet
// without a λ list at thresh 1e-14 (scripts/cv-fold-paths-references.R); the default alignment
// ('lambda': the folds on the full fit's λ) is glmnet's answer when λ is given (cv-glmnet.test.ts).

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cvPath, type MeasureName } from '../src/index.js';
import { interpolationAt, pathAt } from '../src/cv/lambda-interp.js';
import { readFixtureCsv } from './helpers/data.js';

interface Reference {
  file: string; family: 'gaussian' | 'binomial' | 'poisson'; alpha: number; typeMeasure: MeasureName; nFolds: number;
  foldid: number[]; lambda: number[]; cvm: number[]; cvsd: number[]; indexMin: number; index1se: number;
}
const LOSS = { gaussian: 'squared', binomial: 'logistic', poisson: 'poisson' } as const;
const dir = new URL('fixtures/refs/', import.meta.url);
const cases = readdirSync(dir).filter((f) => f.startsWith('foldpaths_')).map((f) => f.replace(/\.json$/, ''));

describe.each(cases)('cv.glmnet without λ: %s', (name) => {
  const ref = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as Reference;
  const data = readFixtureCsv(ref.file);
  const options = { loss: LOSS[ref.family], alpha: ref.alpha, foldId: ref.foldid, measure: ref.typeMeasure, tol: 1e-14, backend: 'cpu' as const };

  it('alignment fold-paths: the same λ, cvm and cvsd within 1e-5, the same λ_min and λ_1se', async () => {
    const cv = await cvPath({ X: data.X, y: data.y }, { ...options, alignment: 'fold-paths' });
    const curve = cv.curves[0];
    expect(curve.lambda.length).toBe(ref.lambda.length);
    curve.lambda.forEach((l, k) => expect(Math.abs(l - ref.lambda[k]) / ref.lambda[k]).toBeLessThan(1e-12));
    ref.cvm.forEach((m, k) => {
      expect(Math.abs(curve.cvm[k] - m) / m, `cvm at λ_${k}`).toBeLessThan(1e-5);
      expect(Math.abs(curve.cvsd[k] - ref.cvsd[k]), `cvsd at λ_${k}`).toBeLessThan(1e-5 * Math.max(ref.cvsd[k], 1e-3 * m));
    });
    expect(curve.indexMin).toBe(ref.indexMin);
    expect(curve.index1se).toBe(ref.index1se);
  });

  it('the default alignment (folds on the full fit\'s λ) is another curve, close to it', async () => {
    const curve = (await cvPath({ X: data.X, y: data.y }, options)).curves[0];
    const gaps = ref.cvm.map((m, k) => Math.abs(curve.cvm[k] - m) / m);
    expect(Math.max(...gaps)).toBeGreaterThan(1e-5); // what the option is for
    expect(Math.max(...gaps)).toBeLessThan(0.05);
  });
});

describe('glmnet\'s interpolation of a path in λ', () => {
  const lambda = [1, 0.5, 0.25];
  it('is linear between two λ, held at the ends', () => {
    expect(interpolationAt(lambda, 2)).toEqual({ left: 0, right: 0, frac: 1 });
    expect(interpolationAt(lambda, 0.1)).toEqual({ left: 2, right: 2, frac: 1 });
    expect(interpolationAt(lambda, 0.75)).toEqual({ left: 0, right: 1, frac: 0.5 });
    expect(interpolationAt(lambda, 0.5)).toEqual({ left: 0, right: 1, frac: 0 });
    const fit = { lambda, intercept: [0, 1, 2], beta: [[0, 0], [1, 0], [3, -1]], featureNames: ['a', 'b'], df: [0, 1, 2], converged: [true, true, true], iterations: [1, 1, 1], kktViolation: [0, 0, 0], backend: 'cpu' as const };
    const at = pathAt(fit, [0.375, 0.1]);
    expect(at.intercept).toEqual([1.5, 2]);
    expect(at.beta).toEqual([[2, -0.5], [3, -1]]);
  });

  it('refuses an unknown alignment, naming the option', async () => {
    const data = readFixtureCsv('gauss.csv');
    await expect(cvPath({ X: data.X, y: data.y }, { alignment: 'fraction' as never })).rejects.toThrow('option alignment: "fraction" must be lambda or fold-paths');
  });
});
