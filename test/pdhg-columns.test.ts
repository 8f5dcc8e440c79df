// Cross-validation folds of the absolute and quantile losses as one batch of column problems
// (solveColumnProblemsPdhg: PDHG on a working set, each column's exact finish and checks on its
// own fold's weights and penalty scales), in float64 on the CPU twin, against each fold fitted
// alone by the exact CPU solver: the same objective on the fold's data (to 1e-9) and the fold's
// optimality conditions, checked independently (test/helpers/certificate.ts).

import { describe, expect, it } from 'vitest';
import { cpuBatchBackend } from '../src/solvers/batched/cpu-backend.js';
import { batchKktTolerance, commonProblem, type FoldSetup, foldSetup, foldToOriginal } from '../src/cv/fold-problems.js';
import { fitFold, type FoldData, type FoldJob } from '../src/cv/fold-runner.js';
import { randomFolds } from '../src/cv/folds.js';
import { fitPath } from '../src/api/fit-path.js';
import type { FitOptions } from '../src/problem/types.js';
import { normalGenerator } from '../src/random.js';
import { solveColumnProblemsPdhg } from '../src/solvers/batched/pdhg-columns.js';
import { type CertProblem, kktViolation, objective } from './helpers/certificate.js';
import { rng } from './helpers/data.js';

const N = 60;
const P = 80;
const FOLDS = 3;

/** Seeded p > n data with weights; the last feature is nonzero only in fold 1 (constant, unusable, where fold 1 is held out). */
function foldData(seed: number) {
  const normal = normalGenerator(seed);
  const uniform = rng(seed + 1);
  const foldId = randomFolds(N, FOLDS, seed);
  const X = new Float64Array(N * P); // column-major
  for (let j = 0; j < P; j++) {
    for (let i = 0; i < N; i++) X[j * N + i] = j === P - 1 ? (foldId[i] === 1 ? normal() : 0) : normal() * (1 + (j % 3));
  }
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    y[i] = 1.5 * X[i] - X[N + i] + 0.5 * X[5 * N + i] + 0.8 * X[(P - 1) * N + i] + Math.tan(Math.PI * (uniform() - 0.5)) * 0.3;
  }
  const weights = Float64Array.from({ length: N }, () => 0.3 + 1.5 * uniform());
  const data: FoldData<Float64Array> = {
    X, y, weights, featureNames: Array.from({ length: P }, (_, j) => `x${j + 1}`), nRows: N, nCols: P, hasWeights: true,
  };
  return { data, foldId };
}

/** The training rows of a fold as the certificate's problem (original scale, its own standardization). */
function certProblem(data: FoldData<Float64Array>, rows: Int32Array, options: FitOptions): CertProblem {
  return {
    X: Array.from(rows, (i) => Array.from({ length: P }, (_, j) => data.X[j * N + i])),
    y: Array.from(rows, (i) => data.y[i]),
    w: Array.from(rows, (i) => data.weights[i]),
    loss: options.loss as 'absolute' | 'quantile', tau: options.tau, alpha: options.alpha ?? 1,
    penaltyFactor: options.penaltyFactor as number[] | undefined, standardize: true, intercept: true,
  };
}

const CASES: [string, FitOptions][] = [
  ['quantile τ = 0.3, lasso', { loss: 'quantile', tau: 0.3, alpha: 1 }],
  ['absolute, elastic net α = 0.7, penalty factors', { loss: 'absolute', alpha: 0.7, penaltyFactor: Array.from({ length: P }, (_, j) => (j === 0 ? 0 : j === 1 ? 2 : 1)) }],
];

describe('the folds × λ batch of a piecewise-linear loss (PDHG column problems) equals each fold solved alone', () => {
  CASES.forEach(([name, base], c) => {
    it(name, async () => {
      const { data, foldId } = foldData(70 + c);
      const dataset = { X: { data: data.X, nRows: N, nCols: P, layout: 'column-major' as const }, y: data.y, weights: data.weights };
      const full = await fitPath(dataset, { ...base, nLambda: 6, lambdaMinRatio: 0.2, backend: 'cpu' });
      const options: FitOptions = { ...base, lambda: full.lambda, tol: 1e-12, backend: 'cpu' };
      const lambdas = Float64Array.from(full.lambda);
      const trainRows = Array.from({ length: FOLDS }, (_, f) => Int32Array.from({ length: N }, (_, i) => i).filter((i) => foldId[i] !== f + 1));

      const common = commonProblem(data, options);
      let solution;
      let originals;
      try {
        const folds: FoldSetup[] = [];
        for (const rows of trainRows) folds.push(await foldSetup(data, rows, options, common));
        const ops = await cpuBatchBackend.open(common.problem, common.std);
        try {
          solution = await solveColumnProblemsPdhg(ops, common, folds.map((f) => f.problem), lambdas, {
            gramNorm: async () => (await ops.gramNorm()) * Math.max(...folds.map((f) => f.gramRatio)),
            kktTolerance: batchKktTolerance(folds, ops.precision), maxIterations: 100_000,
          });
        } finally {
          ops.release();
        }
        originals = solution.coefs.map((path) => path.map((coefs) => foldToOriginal(coefs, common)));
      } finally {
        common.std.heap.release();
      }

      for (let g = 0; g < FOLDS; g++) {
        const job: FoldJob = { alpha: 0, fold: g + 1, trainRows: trainRows[g], options };
        const own = await fitFold(data, job);
        const cert = certProblem(data, trainRows[g], base);
        expect(solution.converged[g].every(Boolean), `fold ${g + 1} converged`).toBe(true);
        for (let k = 0; k < lambdas.length; k++) {
          const { intercept, beta } = originals[g][k];
          const f = objective(cert, lambdas[k], intercept, beta);
          const fOwn = objective(cert, lambdas[k], own.intercept[k], own.beta[k]);
          expect(Math.abs(f - fOwn) / fOwn, `fold ${g + 1}, λ index ${k}: objective`).toBeLessThan(1e-9);
          expect(kktViolation(cert, lambdas[k], intercept, beta, lambdas[0]), `fold ${g + 1}, λ index ${k}: KKT`).toBeLessThan(1e-7);
        }
        if (g === 0) expect(originals[g].every((o) => o.beta[P - 1] === 0), 'fold 1 held out: the last feature unusable').toBe(true);
        // p > n_train: solutions with tens of features.
        expect(Math.max(...originals[g].map((o) => o.df))).toBeGreaterThan(10);
      }
      // The batch used the last feature where fold 1 trains, and it moved.
      expect(originals.slice(1).some((path) => path.some((o) => o.beta[P - 1] !== 0))).toBe(true);
    }, 240_000);
  });
});
