// Offsets (glmnet's `offset`, η = offset + b0 + xβ) against R glmnet 4.1 at thresh 1e-14
// (scripts/offset-references.R): λ sequences, coefficients, dev.ratio and nulldev of gaussian,
// binomial and poisson paths with an offset (with weights, without intercept), predictions with
// new offsets, and cv.glmnet's curves with the offset; the residual losses' offset as the fit of
// y − offset; and the errors.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cvPath, fitPath, loadModel, type FitOptions, type PathFit } from '../src/index.js';
import { batchedFolds } from '../src/cv/batched-folds.js';
import { cpuBatchBackend } from '../src/solvers/batched/cpu-backend.js';
import { normalGenerator } from '../src/random.js';

type Family = 'gaussian' | 'binomial' | 'poisson';
interface PathCase {
  name: string; family: Family; target: 'y' | 'yb' | 'yc'; alpha: number; weights: boolean; intercept: boolean;
  lambda: number[]; a0: number[]; beta: number[][]; df: number[]; devRatio: number[]; nulldev: number;
  predict: { lambda: number[]; newoffset: number[]; link: number[][]; response: number[][] };
}
interface CvCase {
  name: string; family: Family; target: 'y' | 'yb' | 'yc'; measure: 'mse' | 'deviance'; weights: boolean;
  lambda: number[]; cvm: number[]; cvsd: number[]; indexMin: number; index1se: number;
}

const refs = JSON.parse(readFileSync(new URL('fixtures/refs/offsets.json', import.meta.url), 'utf8')) as {
  foldid: number[]; cases: PathCase[]; cv: CvCase[];
};
const lines = readFileSync(new URL('fixtures/data/offsets.csv', import.meta.url), 'utf8').trim().split('\n');
const header = lines[0].split(',').map((name) => name.replace(/"/g, ''));
const rows = lines.slice(1).map((line) => line.split(',').map(Number));
const features = header.filter((name) => /^x\d+$/.test(name));
const X = rows.map((row) => features.map((name) => row[header.indexOf(name)]));
const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
const offset = column('o');
const LOSS = { gaussian: 'squared', binomial: 'logistic', poisson: 'poisson' } as const;

const datasetOf = (c: { target: string; weights: boolean }) => ({
  X, y: column(c.target), offset, featureNames: features, ...(c.weights ? { weights: column('w') } : {}),
});
const optionsOf = (c: PathCase): FitOptions => ({ loss: LOSS[c.family], alpha: c.alpha, intercept: c.intercept, tol: 1e-14, backend: 'cpu' });
/** glmnet's nulldev is in the user's weights; proxpath's in weights normalized to sum to n. */
const weightTotal = (c: { weights: boolean }) => (c.weights ? column('w').reduce((s, v) => s + v, 0) / rows.length : 1);

function expectPathAgrees(fit: PathFit, c: PathCase, betaTol: number): void {
  expect(fit.lambda.length).toBe(c.lambda.length);
  fit.lambda.forEach((l, k) => expect(Math.abs(l - c.lambda[k]) / c.lambda[k], `λ ${k}`).toBeLessThan(1e-9));
  expect(Math.abs(fit.nullDeviance * weightTotal(c) - c.nulldev) / c.nulldev).toBeLessThan(1e-9);
  for (let k = 0; k < c.lambda.length; k++) {
    const scale = Math.max(...c.beta[k].map(Math.abs), Math.abs(c.a0[k]), 1e-3);
    fit.beta[k].forEach((b, j) => expect(Math.abs(b - c.beta[k][j]) / scale, `β ${j} at λ ${k}`).toBeLessThan(betaTol));
    expect(Math.abs(fit.intercept[k] - c.a0[k]) / scale, `b0 at λ ${k}`).toBeLessThan(betaTol);
    expect(Math.abs(fit.devRatio[k] - c.devRatio[k]), `dev.ratio at λ ${k}`).toBeLessThan(1e-8);
  }
}

describe('offsets as glmnet', () => {
  for (const c of refs.cases) {
    for (const solver of ['cd', 'batched'] as const) {
      it(`${c.name} (${solver}): glmnet's λ, coefficients, dev.ratio and nulldev`, async () => {
        const fit = await fitPath(datasetOf(c), { ...optionsOf(c), solver });
        expectPathAgrees(fit, c, 1e-7);
        expect(fit.problem.offset).toBe(true);
      });
    }

    it(`${c.name}: predicts with new offsets as glmnet's predict(newoffset)`, async () => {
      const fit = await fitPath(datasetOf(c), optionsOf(c));
      const newX = X.slice(0, 6);
      c.predict.lambda.forEach((lambda, t) => {
        const link = fit.predict(newX, { lambda, offset: c.predict.newoffset });
        const response = fit.predict(newX, { lambda, type: 'response', offset: c.predict.newoffset });
        link.forEach((v, i) => expect(Math.abs(v - c.predict.link[t][i]), `link row ${i}`).toBeLessThan(1e-7 * Math.max(1, Math.abs(v))));
        response.forEach((v, i) => expect(Math.abs(v - c.predict.response[t][i]), `response row ${i}`).toBeLessThan(1e-7 * Math.max(1, Math.abs(v))));
      });
      // The saved model keeps the flag, and so still asks for the offsets.
      const loaded = loadModel(JSON.stringify(fit.toJSON())) as PathFit;
      expect(loaded.predict(newX, { offset: c.predict.newoffset })).toEqual(fit.predict(newX, { offset: c.predict.newoffset }));
      expect(() => loaded.predict(newX)).toThrow('predict: the model was fit with an offset');
    });
  }
});

describe('cross-validation with an offset as cv.glmnet', () => {
  for (const c of refs.cv) {
    it(`${c.name}: cvm, cvsd, λ_min and λ_1se`, async () => {
      const cv = await cvPath(datasetOf(c), {
        loss: LOSS[c.family], lambda: c.lambda, foldId: refs.foldid, measure: c.measure, tol: 1e-14, backend: 'cpu', workers: 1,
      });
      const curve = cv.curves[0];
      c.cvm.forEach((m, k) => {
        expect(Math.abs(curve.cvm[k] - m) / m, `cvm at λ_${k}`).toBeLessThan(1e-6);
        expect(Math.abs(curve.cvsd[k] - c.cvsd[k]), `cvsd at λ_${k}`).toBeLessThan(1e-6 * Math.max(c.cvsd[k], 1e-3 * m));
      });
      expect(curve.indexMin).toBe(c.indexMin);
      expect(curve.index1se).toBe(c.index1se);
      expect(() => cv.predict(X.slice(0, 3))).toThrow('predict: the model was fit with an offset');
      expect(cv.predict(X.slice(0, 3), { offset: offset.slice(0, 3) }).length).toBe(3);
    });
  }
});

describe('the folds × λ batch with an offset', () => {
  for (const c of refs.cv) {
    it(`${c.name}: the float64 batch of folds gives cv.glmnet's curve`, async () => {
      const cv = await cvPath(datasetOf(c), {
        loss: LOSS[c.family], lambda: c.lambda, foldId: refs.foldid, measure: c.measure, tol: 1e-14, backend: 'cpu',
        workers: 2, foldRunner: batchedFolds(cpuBatchBackend, 'cpu'),
      });
      const curve = cv.curves[0];
      c.cvm.forEach((m, k) => expect(Math.abs(curve.cvm[k] - m) / m, `cvm at λ_${k}`).toBeLessThan(1e-6));
      expect(curve.indexMin).toBe(c.indexMin);
    });
  }
});

/** Seeded data for the residual losses: y, an offset, weights. */
function residualData() {
  const normal = normalGenerator(7);
  const n = 80;
  const p = 5;
  const Xr = Array.from({ length: n }, () => Array.from({ length: p }, () => normal()));
  const off = Array.from({ length: n }, () => 2 * normal());
  const y = Xr.map((row, i) => off[i] + row[0] - 0.5 * row[1] + normal());
  const weights = Array.from({ length: n }, (_, i) => 0.5 + (i % 3));
  return { X: Xr, y, offset: off, weights };
}

/** τ-quantile of v with weights w: the smallest value whose cumulative weight reaches τ of the total. */
function weightedQuantile(v: number[], w: number[], tau: number): number {
  const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
  const total = w.reduce((s, x) => s + x, 0);
  let sum = 0;
  for (const i of order) {
    sum += w[i];
    if (sum >= tau * total) return v[i];
  }
  return v[order[order.length - 1]];
}

describe('residual losses: an offset is the fit of y − offset', () => {
  const data = residualData();
  const shifted = data.y.map((v, i) => v - data.offset[i]);
  const CASES: FitOptions[] = [
    { loss: 'squared', alpha: 0.5 }, { loss: 'huber', delta: 1 }, { loss: 'absolute' }, { loss: 'quantile', tau: 0.3 },
  ];
  for (const options of CASES) {
    it(`${options.loss}: the same path as on y − offset, its predictions shifted by the offset`, async () => {
      const withOffset = await fitPath(data, { ...options, nLambda: 12, backend: 'cpu' });
      const onShifted = await fitPath({ X: data.X, y: shifted, weights: data.weights }, { ...options, nLambda: 12, backend: 'cpu' });
      expect(withOffset.lambda).toEqual(onShifted.lambda);
      expect(withOffset.beta).toEqual(onShifted.beta);
      expect(withOffset.intercept).toEqual(onShifted.intercept);
      expect(withOffset.devRatio).toEqual(onShifted.devRatio);
      expect(withOffset.nullDeviance).toBe(onShifted.nullDeviance);
      const newOffset = [1, -2, 3];
      const link = withOffset.predict(data.X.slice(0, 3), { offset: newOffset });
      const plain = onShifted.predict(data.X.slice(0, 3));
      link.forEach((v, i) => expect(v).toBeCloseTo(plain[i] + newOffset[i], 12));
    });
  }

  it('the null model at λ_max: the weighted τ-quantile (absolute: median) of y − offset', async () => {
    for (const [loss, tau] of [['absolute', 0.5], ['quantile', 0.3]] as const) {
      const fit = await fitPath(data, { loss, tau, nLambda: 3, backend: 'cpu' });
      expect(fit.beta[0].every((b) => b === 0)).toBe(true);
      expect(fit.intercept[0]).toBeCloseTo(weightedQuantile(shifted, data.weights, tau), 12);
    }
    const squared = await fitPath(data, { nLambda: 3, backend: 'cpu' });
    const total = data.weights.reduce((s, w) => s + w, 0);
    expect(squared.intercept[0]).toBeCloseTo(shifted.reduce((s, v, i) => s + data.weights[i] * v, 0) / total, 12);
  });
});

describe('offset errors', () => {
  const data = { X: X.slice(0, 10), y: column('y').slice(0, 10) };
  it.each([
    [[1, 2, 3], 'offset: 3 values given, expected 10 (one per row)'],
    [[0, 0, Number.NaN, 0, 0, 0, 0, 0, 0, 0], 'offset: row 3 is NaN, not a finite number'],
    [[0, Infinity, 0, 0, 0, 0, 0, 0, 0, 0], 'offset: row 2 is Infinity, not a finite number'],
    [[0, 0, 0, '1', 0, 0, 0, 0, 0, 0], 'offset: row 4 is "1", not a finite number'],
    ['1', 'offset: "1" is not a list of numbers (one per row)'],
  ] as [unknown, string][])('offset %j: %s', async (value, message) => {
    await expect(fitPath({ ...data, offset: value as number[] }, {})).rejects.toThrow(message);
  });

  it('predict: a new offset exactly when the fit had one, one finite number per row', async () => {
    const withOffset = await fitPath({ ...data, offset: offset.slice(0, 10) }, { nLambda: 5 });
    const without = await fitPath(data, { nLambda: 5 });
    const newX = X.slice(0, 4);
    expect(() => withOffset.predict(newX)).toThrow("predict: the model was fit with an offset: give the new rows' offsets (option offset, one per row)");
    expect(() => withOffset.predict(newX, { offset: [1, 2] })).toThrow('predict: offset has 2 values, expected 4 (one per row of X)');
    expect(() => withOffset.predict(newX, { offset: [1, 2, Number.NaN, 4] })).toThrow('predict: offset row 3 is NaN, not a finite number');
    expect(() => without.predict(newX, { offset: [1, 2, 3, 4] })).toThrow('predict: offset given, but the model was fit without an offset');
    expect(without.problem.offset).toBeUndefined();
  });

  it('a saved model whose offset flag is not true or false does not load', async () => {
    const fit = await fitPath({ ...data, offset: offset.slice(0, 10) }, { nLambda: 5 });
    const json = fit.toJSON();
    expect(() => loadModel(JSON.stringify({ ...json, problem: { ...json.problem, offset: 'yes' } }), 'm.json')).toThrow('m.json: field problem.offset "yes" must be true or false');
  });
});
