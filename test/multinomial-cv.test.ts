// Cross-validation of multinomial paths against R cv.glmnet 4.1 (scripts/multinomial-references.R):
// the synthetic 3-class set with weights, a fixed foldid and the full fit's λ, ungrouped and
// grouped, measures deviance, class, mse and mae: cvm, cvsd and the λ choices.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cvPath, type MultinomialMeasure } from '../src/index.js';

interface CvRef {
  type: 'ungrouped' | 'grouped'; measure: MultinomialMeasure; lambda: number[]; cvm: number[]; cvsd: number[]; indexMin: number; index1se: number;
}
const refs = JSON.parse(readFileSync(new URL('fixtures/refs/multinomial.json', import.meta.url), 'utf8')) as { foldid: number[]; cv: CvRef[] };
const lines = readFileSync(new URL('fixtures/data/multinomial.csv', import.meta.url), 'utf8').trim().split('\n');
const header = lines[0].split(',').map((name) => name.replace(/"/g, ''));
const rows = lines.slice(1).map((line) => line.split(',').map((v) => v.replace(/"/g, '')));
const features = header.flatMap((name, j) => (name === 'y' || name === 'w' ? [] : [j]));
const X = rows.map((row) => features.map((j) => Number(row[j])));
const y = rows.map((row) => row[header.indexOf('y')]);
const weights = rows.map((row) => Number(row[header.indexOf('w')]));

describe('multinomial cross-validation as cv.glmnet', () => {
  for (const ref of refs.cv) {
    it(`${ref.type}, measure ${ref.measure}: cvm, cvsd, λ_min and λ_1se`, async () => {
      const cv = await cvPath({ X, y, weights }, {
        loss: 'multinomial', multinomial: ref.type, lambda: ref.lambda, foldId: refs.foldid, measure: ref.measure, tol: 1e-12,
      });
      expect(cv.lambda).toEqual(ref.lambda);
      // class counts whole rows (exact); the smooth measures move with glmnet's folds' own
      // convergence (its grouped solver's is the looser, ~1e-6).
      const tol = ref.measure === 'class' ? 1e-12 : 1e-5;
      cv.cvm.forEach((m, k) => expect(Math.abs(m - ref.cvm[k]) / Math.max(ref.cvm[k], 1e-3), `cvm at λ ${k}`).toBeLessThan(tol));
      cv.cvsd.forEach((s, k) => expect(Math.abs(s - ref.cvsd[k]) / Math.max(ref.cvsd[k], 1e-3), `cvsd at λ ${k}`).toBeLessThan(ref.measure === 'class' ? 1e-12 : 1e-5));
      expect([cv.indexMin, cv.index1se]).toEqual([ref.indexMin, ref.index1se]);
    });
  }

  it('random folds deal every class evenly; measures are checked', async () => {
    const cv = await cvPath({ X, y }, { loss: 'multinomial', folds: 4, nLambda: 5, measure: 'class' });
    for (const label of ['setosa', 'versicolor', 'virginica']) {
      const counts = [1, 2, 3, 4].map((f) => cv.foldId.filter((id, i) => id === f && y[i] === label).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    await expect(cvPath({ X, y }, { loss: 'multinomial', measure: 'auc' as never })).rejects.toThrow('option measure: "auc" must be one of deviance, class, mse, mae');
  });
});
