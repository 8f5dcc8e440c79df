// The folds × λ batch (one X̃, per-column weights and penalty scales) in float64 on the CPU twin,
// against each fold fitted on its own training rows by fitPath (coordinate descent), at a tight
// tolerance: the change of coordinates in src/cv/fold-problems.ts is exact, so the batch's fold
// solutions are the fold fits' up to the solvers' convergence (both KKT ≲ 1e-10 λ_max here).

import { describe, expect, it } from 'vitest';
import { cpuBatchBackend } from '../src/solvers/batched/cpu-backend.js';
import { batchedFolds } from '../src/cv/batched-folds.js';
import { fitFold, type FoldData, type FoldJob } from '../src/cv/fold-runner.js';
import { refitStopped } from '../src/cv/folds-route.js';
import { randomFolds } from '../src/cv/folds.js';
import { fitPath } from '../src/api/fit-path.js';
import type { FitOptions, LossName } from '../src/problem/types.js';
import { normalGenerator } from '../src/random.js';
import { rng } from './helpers/data.js';

const N = 90;
const P = 7;
const FOLDS = 4;
/** Largest |batch − fold fit| over max |fold fit| of each λ's coefficients and intercept. */
const TOLERANCE = 1e-7;

/** Seeded data whose last feature (in the model) is nonzero only in fold 1: constant where fold 1 is held out. */
function problemData(loss: LossName, seed: number) {
  const normal = normalGenerator(seed);
  const uniform = rng(seed + 1);
  const foldId = randomFolds(N, FOLDS, seed);
  const X = new Float64Array(N * P); // column-major
  for (let j = 0; j < P; j++) {
    for (let i = 0; i < N; i++) X[j * N + i] = j === P - 1 ? (foldId[i] === 1 ? normal() : 0) : normal() * (1 + j);
  }
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const eta = 0.8 * X[i] - 0.5 * X[N + i] / 2 + 0.3 * X[2 * N + i] / 3 + 0.7 * X[(P - 1) * N + i];
    if (loss === 'logistic') y[i] = uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    else if (loss === 'poisson') y[i] = Math.floor(Math.exp(0.5 * eta) * 2 * uniform() + uniform());
    else y[i] = 2 * eta + normal();
  }
  const weights = Float64Array.from({ length: N }, () => 0.3 + 1.5 * uniform());
  const data: FoldData<Float64Array> = {
    X, y, weights, featureNames: Array.from({ length: P }, (_, j) => `x${j + 1}`), nRows: N, nCols: P, hasWeights: true,
  };
  return { data, foldId };
}

/**
 * The fold fits run coordinate descent, except Huber's: its IRLS stops at KKT ~1e-7 λ_max even at
 * tol 1e-14, so there the fold fits run fitPath's float64 batched solver (KKT ≲ 1e-11 λ_max).
 */
const CASES: { loss: LossName; options: FitOptions; name: string }[] = [
  { loss: 'squared', name: 'lasso', options: { alpha: 1 } },
  {
    loss: 'squared', name: 'elastic net with penalty factors (0, 2, ∞) and bounds',
    options: { alpha: 0.6, penaltyFactor: [0, 2, 1, Infinity, 1, 1, 1], lower: [-Infinity, -0.1, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity], upper: [Infinity, Infinity, 0.2, Infinity, Infinity, Infinity, Infinity] },
  },
  { loss: 'squared', name: 'no intercept, no standardization', options: { alpha: 0.8, intercept: false, standardize: false } },
  { loss: 'logistic', name: 'elastic net', options: { alpha: 0.5 } },
  { loss: 'poisson', name: 'lasso', options: { alpha: 1 } },
  { loss: 'huber', name: 'lasso (fold fits: solver batched)', options: { alpha: 1, delta: 1, solver: 'batched' } },
];

describe('the folds × λ batch on the float64 twin equals fitPath on each fold', () => {
  CASES.forEach(({ loss, name, options }, c) => {
    it(`${loss}: ${name}`, async () => {
      const { data, foldId } = problemData(loss, 40 + c);
      const dataset = { X: { data: data.X, nRows: N, nCols: P, layout: 'column-major' as const }, y: data.y, weights: data.weights };
      const full = await fitPath(dataset, { loss, ...options, nLambda: 12, lambdaMinRatio: 0.05, backend: 'cpu' });
      const jobs: FoldJob[] = [];
      for (let f = 1; f <= FOLDS; f++) {
        const trainRows = Int32Array.from({ length: N }, (_, i) => i).filter((i) => foldId[i] !== f);
        jobs.push({ alpha: 0, fold: f, trainRows, options: { loss, ...options, lambda: full.lambda, tol: 1e-14, backend: 'cpu' } });
      }
      const batch = await batchedFolds(cpuBatchBackend, 'cpu')(data, jobs, {});
      for (const [g, job] of jobs.entries()) {
        const own = await fitFold(data, job);
        expect(batch[g].lambda).toEqual(own.lambda);
        expect(batch[g].converged.every(Boolean), `fold ${job.fold} converged`).toBe(true);
        own.lambda.forEach((_, k) => {
          const expected = [...own.beta[k], own.intercept[k]];
          const got = [...batch[g].beta[k], batch[g].intercept[k]];
          const scale = Math.max(1, ...expected.map(Math.abs));
          const error = Math.max(...expected.map((e, j) => Math.abs(e - got[j]))) / scale;
          expect(error, `fold ${job.fold}, λ index ${k}`).toBeLessThan(TOLERANCE);
          expect(batch[g].df[k]).toBe(own.df[k]);
        });
        if (job.fold === 1) {
          // Held out, fold 1 leaves the last feature constant (0): unusable, as in the fold fit.
          expect(batch[g].beta.every((b) => b[P - 1] === 0)).toBe(true);
        }
      }
      // The batch used the feature where fold 1 trains.
      expect(batch.slice(1).some((path) => path.beta.some((b) => b[P - 1] !== 0))).toBe(true);
    });
  });
});

describe('Huber folds without a δ take the fit’s default', () => {
  it('the batch with no delta equals the batch with delta 1.35, and differs from delta 1', async () => {
    const { data, foldId } = problemData('huber', 61);
    const dataset = { X: { data: data.X, nRows: N, nCols: P, layout: 'column-major' as const }, y: data.y, weights: data.weights };
    const full = await fitPath(dataset, { loss: 'huber', nLambda: 8, lambdaMinRatio: 0.05, backend: 'cpu' });
    expect(full.problem.delta).toBe(1.35);
    const batch = (delta?: number) => {
      const jobs: FoldJob[] = [];
      for (let f = 1; f <= FOLDS; f++) {
        const trainRows = Int32Array.from({ length: N }, (_, i) => i).filter((i) => foldId[i] !== f);
        const options: FitOptions = { loss: 'huber', ...(delta === undefined ? {} : { delta }), lambda: full.lambda, backend: 'cpu' };
        jobs.push({ alpha: 0, fold: f, trainRows, options });
      }
      return batchedFolds(cpuBatchBackend, 'cpu')(data, jobs, {});
    };
    const [byDefault, explicit, one] = [await batch(), await batch(1.35), await batch(1)];
    expect(byDefault.map((path) => path.beta)).toEqual(explicit.map((path) => path.beta));
    expect(byDefault.map((path) => path.intercept)).toEqual(explicit.map((path) => path.intercept));
    expect(byDefault.map((path) => path.beta)).not.toEqual(one.map((path) => path.beta));
  });
});

describe('a fold the batch leaves unconverged is fitted again on the CPU', () => {
  it('its path becomes its own CPU fit, the others stay, and a warning counts the columns', async () => {
    const { data, foldId } = problemData('logistic', 77);
    const dataset = { X: { data: data.X, nRows: N, nCols: P, layout: 'column-major' as const }, y: data.y, weights: data.weights };
    const full = await fitPath(dataset, { loss: 'logistic', nLambda: 8, lambdaMinRatio: 0.05, backend: 'cpu' });
    const jobs: FoldJob[] = [];
    for (let f = 1; f <= FOLDS; f++) {
      const trainRows = Int32Array.from({ length: N }, (_, i) => i).filter((i) => foldId[i] !== f);
      jobs.push({ alpha: 0, fold: f, trainRows, options: { loss: 'logistic', lambda: full.lambda, backend: 'cpu' } });
    }
    const paths = await batchedFolds(cpuBatchBackend, 'cpu')(data, jobs, {});
    // As float32 leaves them: fold 2's columns 3 and 5 stopped before their target, with a wrong answer.
    const kept = paths.map((path) => path.beta.map((b) => b.slice()));
    paths[1] = { ...paths[1], converged: paths[1].converged.map((c, k) => c && k !== 3 && k !== 5), beta: paths[1].beta.map((b) => b.map((v) => v + 1)) };
    const warnings: string[] = [];
    await refitStopped(data, jobs, paths, undefined, warnings);
    const own = await fitFold(data, jobs[1]);
    expect(paths[1].beta).toEqual(own.beta);
    expect(paths[1].converged.every(Boolean)).toBe(true);
    expect(paths[1].backend).toBe('cpu');
    [0, 2, 3].forEach((g) => expect(paths[g].beta).toEqual(kept[g]));
    expect(warnings).toEqual([expect.stringMatching(/^2 of 32 fold × λ columns stopped on float32 rounding .*: that fold was fitted again on the CPU$/)]);
  });
});
