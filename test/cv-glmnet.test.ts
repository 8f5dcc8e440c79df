// Cross-validation against cv.glmnet (thresh 1e-14) with the same foldid and λ sequence
// (references made by scripts/cv-references.R): cvm and cvsd per λ, λ_min and λ_1se.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cvPath, type MeasureName } from '../src/index.js';
import { readFixtureCsv } from './helpers/data.js';

interface CvReference {
  case: string;
  file: string;
  family: 'gaussian' | 'binomial' | 'poisson';
  alpha: number;
  typeMeasure: MeasureName;
  weights: boolean;
  nFolds: number;
  foldid: number[];
  lambda: number[];
  cvm: number[];
  cvsd: number[];
  nzero: number[];
  indexMin: number;
  index1se: number;
}

const LOSS = { gaussian: 'squared', binomial: 'logistic', poisson: 'poisson' } as const;
const dir = new URL('fixtures/refs/', import.meta.url);
const cases = readdirSync(dir).filter((f) => f.startsWith('cv_')).map((f) => f.replace(/\.json$/, ''));

describe.each(cases)('cv.glmnet reference %s', (name) => {
  const ref = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as CvReference;
  const data = readFixtureCsv(ref.file);

  it('matches cvm, cvsd, nonzeros, λ_min and λ_1se', async () => {
    const cv = await cvPath(
      { X: data.X, y: data.y, weights: ref.weights ? data.w : undefined },
      { loss: LOSS[ref.family], alpha: ref.alpha, lambda: ref.lambda, foldId: ref.foldid, measure: ref.typeMeasure, tol: 1e-14 },
    );
    const curve = cv.curves[0];
    expect(curve.lambda.length).toBe(ref.lambda.length);
    const discrete = ref.typeMeasure === 'class';
    ref.cvm.forEach((m, k) => {
      // Misclassification rates are step functions of the fit: equal, not merely close.
      if (discrete) expect(curve.cvm[k], `cvm at λ_${k}`).toBeCloseTo(m, 12);
      else expect(Math.abs(curve.cvm[k] - m) / m, `cvm at λ_${k}`).toBeLessThan(1e-5);
      expect(Math.abs(curve.cvsd[k] - ref.cvsd[k]), `cvsd at λ_${k}`).toBeLessThan(1e-5 * Math.max(ref.cvsd[k], 1e-3 * m));
    });
    // At the first λ (glmnet's λ_max, given back to us) the exact solution is 0 and either side
    // may keep a coefficient of rounding size (1e-16): count nonzeros from the second λ on.
    expect(curve.nzero.slice(1)).toEqual(ref.nzero.slice(1));
    expect(curve.indexMin).toBe(ref.indexMin);
    expect(curve.index1se).toBe(ref.index1se);
  });
});
