// Cross-validation, prediction and saved models in the library: folds, measures, the choice of
// λ, the α grid, parallel = serial, predict/coef and the JSON round trip.

import { describe, expect, it } from 'vitest';
import { cvPath, fitPath, InputError, loadModel, type CvFit, PathFit } from '../src/index.js';
import { randomFolds } from '../src/cv/folds.js';
import { chooseLambda, foldStatistics, weightedAuc } from '../src/cv/measures.js';
import { readFixtureCsv, rng } from './helpers/data.js';

describe('folds', () => {
  it('random folds are a shuffled 1…K, balanced, reproducible from the seed', () => {
    const a = randomFolds(103, 10, 7);
    expect(Array.from(a)).toEqual(Array.from(randomFolds(103, 10, 7)));
    expect(Array.from(a)).not.toEqual(Array.from(randomFolds(103, 10, 8)));
    const sizes = new Array(11).fill(0);
    a.forEach((f) => sizes[f]++);
    expect(sizes.slice(1).sort()).toEqual([10, 10, 10, 10, 10, 10, 10, 11, 11, 11]);
  });

  it('stratified folds give each fold its share of each class', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 23 ? 1 : 0));
    const folds = randomFolds(100, 5, 3, y);
    for (let f = 1; f <= 5; f++) {
      const positives = y.filter((v, i) => v === 1 && folds[i] === f).length;
      expect(positives === 4 || positives === 5).toBe(true);
    }
  });
});

describe('measures', () => {
  it('AUC: Mann–Whitney with ties counted half, weighted', () => {
    expect(weightedAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4], [1, 1, 1, 1])).toBe(1);
    expect(weightedAuc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4], [1, 1, 1, 1])).toBe(0);
    // One tie between a positive and a negative: (3 + 0.5) / 4.
    expect(weightedAuc([0, 1, 0, 1], [0.1, 0.5, 0.5, 0.9], [1, 1, 1, 1])).toBe(3.5 / 4);
    // Weight 2 on a row = the row twice.
    expect(weightedAuc([0, 1, 0, 1], [0.3, 0.2, 0.1, 0.4], [2, 1, 1, 1])).toBeCloseTo(weightedAuc([0, 0, 1, 0, 1], [0.3, 0.3, 0.2, 0.1, 0.4], [1, 1, 1, 1, 1]), 15);
    expect(weightedAuc([1, 1], [0.1, 0.2], [1, 1])).toBeNaN();
  });

  it('fold statistics: weighted mean and glmnet’s standard error; λ_min and λ_1se', () => {
    const stats = foldStatistics([[1, 4, 2], [3, 2, 2], [2, 3, 5]], [1, 1, 2], 3);
    expect(stats.cvm).toEqual([2, 3, 3.5]);
    // Σw (e − m)² / Σw / (N − 1) = (1 + 1 + 0) / 4 / 2.
    expect(stats.cvsd[0]).toBeCloseTo(Math.sqrt(2 / 4 / 2), 15);
    const { indexMin, index1se } = chooseLambda({ cvm: [5, 3, 2.2, 2, 2.5], cvsd: [1, 1, 1, 0.3, 1] }, [5, 4, 3, 2, 1], false);
    expect(indexMin).toBe(3);
    expect(index1se).toBe(2); // 2.2 ≤ 2 + 0.3, 3 > 2.3
    expect(chooseLambda({ cvm: [0.6, 0.9, 0.8], cvsd: [0.1, 0.05, 0.1] }, [3, 2, 1], true)).toEqual({ indexMin: 1, index1se: 1 });
  });
});

describe('cvPath', () => {
  const data = readFixtureCsv('logistic.csv');

  it('the α grid shares the folds, each α matches its own run, and the best is the lowest cvm', async () => {
    const grid = await cvPath({ X: data.X, y: data.y }, { loss: 'logistic', alphas: [0.3, 1], folds: 5, seed: 4 });
    for (const [a, alpha] of [0.3, 1].entries()) {
      const single = await cvPath({ X: data.X, y: data.y }, { loss: 'logistic', alpha, foldId: grid.foldId });
      expect(grid.curves[a].cvm).toEqual(single.curves[0].cvm);
      expect(grid.curves[a].indexMin).toBe(single.curves[0].indexMin);
    }
    const best = grid.best;
    for (const c of grid.curves) expect(best.cvm).toBeLessThanOrEqual(c.cvm[c.indexMin]);
  });

  it('stratified logistic folds; AUC is maximized', async () => {
    const cv = await cvPath({ X: data.X, y: data.y }, { loss: 'logistic', folds: 4, stratify: true, measure: 'auc' });
    const c = cv.curves[0];
    expect(Math.max(...c.cvm.filter((v) => !Number.isNaN(v)))).toBe(c.cvm[c.indexMin]);
    expect(c.cvm[c.indexMin]).toBeGreaterThan(0.5);
  });

  it('the deviance of a Huber CV uses the fit’s δ, its default included', async () => {
    const g = readFixtureCsv('gauss.csv');
    const cv = (delta?: number) => cvPath({ X: g.X, y: g.y }, { loss: 'huber', delta, folds: 4, nLambda: 10 });
    const [byDefault, explicit, one] = await Promise.all([cv(), cv(1.35), cv(1)]);
    expect(byDefault.curves[0].cvm).toEqual(explicit.curves[0].cvm);
    expect(byDefault.curves[0].cvm).not.toEqual(one.curves[0].cvm);
  });

  it('rejects bad folds, measures and α', async () => {
    const d = { X: data.X, y: data.y };
    const n = data.y.length;
    await expect(cvPath(d, { loss: 'logistic', folds: 2 })).rejects.toThrow(/folds: 2 must be an integer from 3/);
    await expect(cvPath(d, { loss: 'logistic', folds: n + 1 })).rejects.toThrow(InputError);
    await expect(cvPath(d, { loss: 'logistic', folds: n + 1 })).rejects.toThrow(`folds: ${n + 1} must be an integer from 3 to the number of rows (${n})`);
    for (const folds of [2.5, NaN, -4, 0]) {
      await expect(cvPath(d, { loss: 'logistic', folds })).rejects.toThrow(new RegExp(`^option folds: ${Number.isNaN(folds) ? 'NaN' : folds} must be an integer`));
    }
    await expect(cvPath(d, { loss: 'logistic', foldId: [1, 2, 3] })).rejects.toThrow(/3 values for 300 rows/);
    await expect(cvPath(d, { loss: 'logistic', foldId: data.y.map((_, i) => (i % 4 === 2 ? 4 : (i % 4) + 1)) })).rejects.toThrow(/fold 3 of 1…4 has no rows/);
    await expect(cvPath(d, { loss: 'logistic', foldId: data.y.map((_, i) => (i % 2) + 1) })).rejects.toThrow(/2 folds; cross-validation needs at least 3/);
    await expect(cvPath(d, { loss: 'logistic', measure: 'r2' as never })).rejects.toThrow(/unknown measure "r2"/);
    await expect(cvPath({ X: data.X, y: data.X.map((r) => r[0]) }, { measure: 'auc' })).rejects.toThrow(/auc needs a binary response/);
    await expect(cvPath({ X: data.X, y: data.X.map((r) => r[0]) }, { stratify: true })).rejects.toThrow(/stratify/);
    await expect(cvPath(d, { loss: 'logistic', alphas: [0.5, 2] })).rejects.toThrow(/alphas: 2 is not in \[0, 1\]/);
  });

  it('rejects a workers count that is not a positive integer or auto, naming it', async () => {
    const d = { X: data.X, y: data.y };
    for (const [workers, shown] of [[0, '0'], [-2, '-2'], [1.5, '1.5'], [NaN, 'NaN'], [Infinity, 'Infinity'], ['2', '"2"'], ['all', '"all"']] as const) {
      const run = cvPath(d, { loss: 'logistic', folds: 3, workers: workers as never });
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(`option workers: ${shown} must be a positive integer or 'auto'`);
    }
  });
});

describe('prediction and saved models', () => {
  const data = readFixtureCsv('poisson.csv');
  const u = rng(12);
  const Xnew = Array.from({ length: 9 }, () => data.X[0].map(() => u() - 0.5));

  it('predicts X·β + b0 at fitted λ, glmnet’s interpolation between them, and the response scale', async () => {
    const fit = await fitPath({ X: data.X, y: data.y }, { loss: 'poisson' });
    const k = 7;
    const eta = fit.predict(Xnew, { lambda: fit.lambda[k] });
    Xnew.forEach((row, i) => expect(eta[i]).toBeCloseTo(fit.intercept[k] + row.reduce((s, x, j) => s + x * fit.beta[k][j], 0), 12));
    const mid = 0.25 * fit.lambda[k] + 0.75 * fit.lambda[k + 1];
    const between = fit.predict(Xnew, { lambda: mid });
    const right = fit.predict(Xnew, { lambda: fit.lambda[k + 1] });
    between.forEach((v, i) => expect(v).toBeCloseTo(0.25 * eta[i] + 0.75 * right[i], 12));
    const mean = fit.predict(Xnew, { lambda: mid, type: 'response' });
    mean.forEach((v, i) => expect(v).toBeCloseTo(Math.exp(between[i]), 12));
    expect(() => fit.predict(Xnew, { type: 'class' })).toThrow(/class needs loss logistic/);
  });

  it('a saved and reloaded fit and CV result predict the same bits', async () => {
    const fit = await fitPath({ X: data.X, y: data.y }, { loss: 'poisson' });
    const back = loadModel(JSON.stringify(fit)) as PathFit;
    expect(back).toBeInstanceOf(PathFit);
    const lambda = 0.5 * (fit.lambda[3] + fit.lambda[4]);
    expect(Array.from(back.predict(Xnew, { lambda, type: 'response' }))).toEqual(Array.from(fit.predict(Xnew, { lambda, type: 'response' })));

    const cv = await cvPath({ X: data.X, y: data.y }, { loss: 'poisson', folds: 3, alphas: [0.5, 1] });
    const cvBack = loadModel(JSON.parse(JSON.stringify(cv))) as CvFit;
    for (const lambda of ['lambdaMin', 'lambda1se'] as const) {
      expect(Array.from(cvBack.predict(Xnew, { lambda }))).toEqual(Array.from(cv.predict(Xnew, { lambda })));
    }
    expect(cvBack.best).toEqual(cv.best);
    // CV predicts with its full-data fit at λ_1se by default, as cv.glmnet.
    const c = cv.curves[cv.best.curve];
    expect(Array.from(cv.predict(Xnew))).toEqual(Array.from(c.fit.predict(Xnew, { lambda: c.lambda1se })));
  });

  it('rejects what is not a proxpath model, a newer format, and inconsistent files', async () => {
    const fit = await fitPath({ X: data.X, y: data.y }, { loss: 'poisson', nLambda: 5 });
    const json = fit.toJSON();
    expect(() => loadModel('{"lambda": [1]', 'm.json')).toThrow(/m.json: not valid JSON/);
    expect(() => loadModel({ hello: 1 }, 'm.json')).toThrow(/m.json: not a proxpath model/);
    expect(() => loadModel({ ...json, formatVersion: 99 })).toThrow(/newer than this proxpath reads/);
    expect(() => loadModel({ ...json, beta: json.beta.slice(1) })).toThrow(/one row per λ/);
    expect(() => loadModel({ ...json, beta: json.beta.map((b) => b.slice(1)) })).toThrow(/beta\[0\] must have/);
    expect(() => loadModel({ ...json, problem: { ...json.problem, loss: 'hinge' } })).toThrow(/problem.loss/);
  });
});
