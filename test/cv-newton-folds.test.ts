// Proximal Newton for the folds × λ batch (src/solvers/batched/column-problems.ts → newtonBlock,
// each column its own Gram matrix, weights and penalty scales) on the float64 CPU twin: every
// fold's objective, evaluated independently (test/helpers/certificate.ts) on its training rows,
// equals that of fitPath fitted on the fold alone to 1e-8 relative; and the batch takes fewer
// iterations, and fewer products with X̃ per column, than the same batch by FISTA. Then one
// batch of two column problems with penalty scales ≠ 1, Newton against FISTA.

import { describe, expect, it } from 'vitest';
import { cpuBatchBackend } from '../src/solvers/batched/cpu-backend.js';
import { batchedFolds } from '../src/cv/batched-folds.js';
import { fitFold, type FoldData, type FoldJob, type FoldPath } from '../src/cv/fold-runner.js';
import { randomFolds } from '../src/cv/folds.js';
import { fitPath } from '../src/api/fit-path.js';
import type { FitOptions, LossName, WorkCount } from '../src/problem/types.js';
import { normalGenerator } from '../src/random.js';
import type { BatchBackend } from '../src/solvers/batched/backend.js';
import { countedOps, noWork } from '../src/solvers/batched/work.js';
import { type ColumnProblem, solveColumnProblems } from '../src/solvers/batched/column-problems.js';
import { newtonProblemOf } from '../src/solvers/batched/newton.js';
import { workDoubles } from '../src/solvers/engines.js';
import { startPath } from '../src/solvers/path.js';
import { standardize } from '../src/problem/standardize.js';
import { validate } from '../src/problem/validate.js';
import { type CertProblem, objective } from './helpers/certificate.js';
import { rng } from './helpers/data.js';

const N = 150;
const P = 10;
const FOLDS = 5;
const OBJECTIVE_TOLERANCE = 1e-8;

/**
 * Seeded data with correlated features (x_j shares a common factor with weight 0.9: an
 * ill-conditioned Gram matrix, where first-order steps crawl), weights in [0.3, 1.8].
 */
function problemData(loss: LossName, seed: number) {
  const normal = normalGenerator(seed);
  const uniform = rng(seed + 1);
  const foldId = randomFolds(N, FOLDS, seed);
  const X = new Float64Array(N * P); // column-major
  const common = Array.from({ length: N }, () => normal());
  for (let j = 0; j < P; j++) for (let i = 0; i < N; i++) X[j * N + i] = (0.9 * common[i] + 0.45 * normal()) * (1 + 0.3 * j);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const eta = 0.6 * X[i] - 0.4 * X[N + i] + 0.3 * X[4 * N + i];
    if (loss === 'logistic') y[i] = uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    else if (loss === 'poisson') y[i] = Math.floor(Math.exp(0.4 * eta) * 2 * uniform() + uniform());
    else y[i] = 2 * eta + normal() + (loss === 'huber' && uniform() < 0.1 ? 8 * normal() : 0);
  }
  const weights = Float64Array.from({ length: N }, () => 0.3 + 1.5 * uniform());
  const data: FoldData<Float64Array> = {
    X, y, weights, featureNames: Array.from({ length: P }, (_, j) => `x${j + 1}`), nRows: N, nCols: P, hasWeights: true,
  };
  return { data, foldId };
}

/** The float64 twin, its ops counted into `work` (products with X̃ per column: columnPasses). */
function countingBackend(work: WorkCount): BatchBackend {
  return {
    name: cpuBatchBackend.name,
    open: async (problem, std) => countedOps(await cpuBatchBackend.open(problem, std), work).ops,
  };
}

/** A fold's training rows as the certificate's problem (row-major). */
function foldProblem(data: FoldData<Float64Array>, rows: Int32Array, loss: LossName, options: FitOptions): CertProblem {
  return {
    X: Array.from(rows, (i) => Array.from({ length: P }, (_, j) => data.X[j * N + i])),
    y: Array.from(rows, (i) => data.y[i]),
    w: Array.from(rows, (i) => data.weights[i]),
    loss: loss as CertProblem['loss'],
    delta: options.delta,
    alpha: options.alpha ?? 1,
    penaltyFactor: options.penaltyFactor ? Array.from(options.penaltyFactor) : undefined,
    standardize: options.standardize ?? true,
    intercept: options.intercept ?? true,
  };
}

const total = (paths: FoldPath[]) => paths.reduce((s, path) => s + path.iterations.reduce((a, b) => a + b, 0), 0);

const FACTORS = [1, 0.5, 2, 1, 0, 1, 1.5, 1, 1, 3];
const CASES: { loss: LossName; options: FitOptions }[] = [
  { loss: 'squared', options: { alpha: 0.7, penaltyFactor: FACTORS } },
  { loss: 'logistic', options: { alpha: 0.5, penaltyFactor: FACTORS } },
  { loss: 'poisson', options: { alpha: 1, penaltyFactor: FACTORS } },
  // The fold fits of Huber run fitPath's float64 batched solver (its IRLS stops near 1e-7 λ_max).
  { loss: 'huber', options: { alpha: 0.9, delta: 1, penaltyFactor: FACTORS, solver: 'batched' } },
];

describe('proximal Newton for the folds × λ batch (float64 twin)', () => {
  CASES.forEach(({ loss, options }, c) => {
    it(`${loss}, weights and penalty factors: each fold's objective as its own fit's, fewer iterations and products than FISTA`, async () => {
      const { data, foldId } = problemData(loss, 70 + c);
      const dataset = { X: { data: data.X, nRows: N, nCols: P, layout: 'column-major' as const }, y: data.y, weights: data.weights };
      const full = await fitPath(dataset, { loss, ...options, nLambda: 20, lambdaMinRatio: 0.01, backend: 'cpu' });
      const jobs: FoldJob[] = [];
      for (let f = 1; f <= FOLDS; f++) {
        const trainRows = Int32Array.from({ length: N }, (_, i) => i).filter((i) => foldId[i] !== f);
        jobs.push({ alpha: 0, fold: f, trainRows, options: { loss, ...options, lambda: full.lambda, tol: 1e-14, backend: 'cpu' } });
      }
      const newtonWork = noWork();
      const fistaWork = noWork();
      const newton = await batchedFolds(countingBackend(newtonWork), 'cpu')(data, jobs, {});
      const fista = await batchedFolds(countingBackend(fistaWork), 'cpu', { newton: false })(data, jobs, {});

      for (const [g, job] of jobs.entries()) {
        const own = await fitFold(data, job);
        expect(newton[g].converged.every(Boolean), `fold ${job.fold} converged`).toBe(true);
        const cert = foldProblem(data, job.trainRows, loss, options);
        own.lambda.forEach((lambda, k) => {
          const expected = objective(cert, lambda, own.intercept[k], own.beta[k]);
          const got = objective(cert, lambda, newton[g].intercept[k], newton[g].beta[k]);
          expect(Math.abs(got - expected) / Math.max(1, Math.abs(expected)), `fold ${job.fold}, λ index ${k}`).toBeLessThan(OBJECTIVE_TOLERANCE);
        });
      }
      // Newton's rounds against FISTA's steps, over every fold × λ column, and the products.
      const [rounds, steps] = [total(newton), total(fista)];
      expect(rounds * 5, `${rounds} Newton rounds against ${steps} FISTA steps`).toBeLessThan(steps);
      expect(newtonWork.columnPasses, `products with X̃ per column: ${newtonWork.columnPasses} against ${fistaWork.columnPasses}`)
        .toBeLessThan(fistaWork.columnPasses / 2);
      if (loss === 'squared') {
        // Its model is exact for each column's own weights, each round's model solved to 1% of the
        // column's violation (newton.ts, FORCING): from ~λ_max to the target 1e-10.5·λ_max about
        // six rounds (six here); a Gram matrix of other weights (the shared one) takes 21.
        expect(Math.max(...newton.flatMap((path) => path.iterations))).toBeLessThanOrEqual(8);
      }
    });
  });

  it('columns whose penalty scales are below 1 grow the working set by their own KKT test (q = ½, ⅘, and 0 for a feature)', async () => {
    const { data } = problemData('logistic', 90);
    const dataset = { X: { data: data.X, nRows: N, nCols: P, layout: 'column-major' as const }, y: data.y, weights: data.weights };
    const problem = validate(dataset, { loss: 'logistic', alpha: 1 });
    const std = standardize(problem, workDoubles(problem));
    try {
      const start = await startPath(problem, std);
      // Problem A: the rows i mod 3 ≠ 0, weights renormalized, every penalty halved; B: all rows,
      // penalties times ⅘, feature 4 fixed at 0. (A scale above 1 in one column would let the
      // unscaled test add, for every column, features that the others need.)
      const weightsA = std.wn.map((w, i) => (i % 3 === 0 ? 0 : w));
      const sumA = weightsA.reduce((a, b) => a + b, 0);
      const scales = (q: number, zero = -1) => Float64Array.from({ length: P + 1 }, (_, j) => (j === P ? 1 : j === zero ? 0 : q));
      const coefs0 = Float64Array.from({ length: P + 1 }, (_, j) => (j === P ? start.eta0 : 0));
      const problems: ColumnProblem[] = [
        { weights: weightsA.map((w) => w / sumA), scales: scales(0.5), start: coefs0 },
        { weights: std.wn.slice(), scales: scales(0.8, 4), start: coefs0 },
      ];
      // λ near λ_max of the shared problem (one block: the working set is shared by its columns,
      // so a small λ would add every feature for all): the scaled penalties make features active
      // whose gradient is below λ·α·v, which the unscaled test would not add.
      const lambdas = Float64Array.from([1, 0.95, 0.9], (r) => start.lambdaMax * r);
      const solve = async (newton: boolean) => {
        const ops = await cpuBatchBackend.open(problem, std);
        try {
          return await solveColumnProblems(ops, problems, lambdas, {
            gramNorm: () => ops.gramNorm(), kktTolerance: 1e-11, maxIterations: 100_000,
            newton: newton && newtonProblemOf(problem),
          });
        } finally {
          ops.release();
        }
      };
      const [byNewton, byFista] = [await solve(true), await solve(false)]
      expect(byNewton.methods.every((m) => m === 'newton')).toBe(true);
      expect(byFista.methods.every((m) => m === 'fista')).toBe(true);
      for (let g = 0; g < problems.length; g++) {
        expect(byNewton.converged[g].every(Boolean), `problem ${g} converged`).toBe(true);
        byNewton.coefs[g].forEach((c, k) => {
          const other = byFista.coefs[g][k];
          c.forEach((v, j) => expect(Math.abs(v - other[j]), `problem ${g}, λ index ${k}, row ${j}`).toBeLessThan(1e-7));
        });
      }
      // A's first λ has nonzero coefficients (its penalty is halved); B's feature 4 stays 0.
      expect(byNewton.coefs[0][0].slice(0, P).some((v) => v !== 0)).toBe(true);
      expect(byNewton.coefs[1].every((c) => c[4] === 0)).toBe(true);
    } finally {
      std.heap.release();
    }
  });
});
