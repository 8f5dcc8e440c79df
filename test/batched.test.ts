// The float64 batched solvers (FISTA for smooth losses, PDHG with an exact finish for the
// piecewise-linear ones) against the coordinate-descent path: same coefficients, same objective,
// KKT conditions met, for every loss × α, and with weights, penalty factors and bounds.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/api/fit-path.js';
import type { FitOptions, LossName } from '../src/problem/types.js';
import { standardize } from '../src/problem/standardize.js';
import { validate, type Problem } from '../src/problem/validate.js';
import { workDoubles } from '../src/solvers/engines.js';
import { solveBatched, type BatchedSolution } from '../src/solvers/batched/solve.js';
import { readFixtureCsv, rng } from './helpers/data.js';

interface Data {
  X: number[][];
  y: number[];
  weights?: number[];
}

const FILES: Record<LossName, string> = {
  squared: 'gauss.csv', logistic: 'logistic.csv', poisson: 'poisson.csv', huber: 'robust.csv',
  absolute: 'robust.csv', quantile: 'robust.csv',
};

function dataFor(loss: LossName): Data {
  const t = readFixtureCsv(FILES[loss]);
  return { X: t.X, y: t.y };
}

/** Standardized objective Σ wn ℓ(y, b̃0 + X̃β̃) + λ Σ v_j (α|β̃_j| + (1−α)/2 β̃_j²). */
function objective(problem: Problem, Xs: Float64Array, wn: Float64Array, lambda: number, beta: ArrayLike<number>, b0: number): number {
  const n = problem.nSamples;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let eta = problem.intercept ? b0 : 0;
    for (let j = 0; j < beta.length; j++) eta += Xs[j * n + i] * beta[j];
    if (wn[i] > 0) loss += wn[i] * problem.loss.value(problem.y[i], eta);
  }
  let pen = 0;
  for (let j = 0; j < beta.length; j++) {
    const v = problem.penaltyFactor[j];
    pen += v * (problem.alpha * Math.abs(beta[j]) + 0.5 * (1 - problem.alpha) * beta[j] * beta[j]);
  }
  return loss + lambda * pen;
}

interface Comparison {
  solution: BatchedSolution;
  /** CD's standardized intercept and coefficients, per λ. */
  cd: { b0: number; beta: number[] }[];
  /** Per λ: largest coefficient difference over the largest |β̃_j|; the intercept's alike. */
  coefError: number[];
  interceptError: number[];
  objectiveError: number[];
  tolerance: number;
}

/** Fits the CD path, solves its λ with the batched solver, and measures the disagreement. */
async function compare(data: Data, options: FitOptions): Promise<Comparison> {
  const fit = await fitPath({ ...data }, { ...options, nLambda: options.nLambda ?? 8, tol: 1e-12 });
  const problem = validate({ ...data }, options);
  const std = standardize(problem, workDoubles(problem));
  try {
    const lambdas = Float64Array.from(fit.lambda);
    const b0Start = problem.intercept ? problem.loss.nullEta(problem.y, problem.weights) : 0;
    // Absolute KKT tolerance: a small fraction of the gradient scale at the null model.
    const tolerance = 1e-9 * fit.lambda[0] * Math.max(problem.alpha, 1e-3);
    const solution = await solveBatched(problem, std, lambdas, { b0Start, kktTolerance: tolerance, maxIterations: 100_000 });
    const coefError: number[] = [];
    const interceptError: number[] = [];
    const objectiveError: number[] = [];
    const cd: { b0: number; beta: number[] }[] = [];
    for (let k = 0; k < lambdas.length; k++) {
      // The CD fit on the standardized scale.
      const betaCd = fit.beta[k].map((b, j) => b * std.scale[j]);
      const b0Cd = fit.intercept[k] + fit.beta[k].reduce((s, b, j) => s + b * std.center[j], 0);
      cd.push({ b0: b0Cd, beta: betaCd });
      let largest = 0;
      let diff = 0;
      for (let j = 0; j < betaCd.length; j++) {
        largest = Math.max(largest, Math.abs(betaCd[j]));
        diff = Math.max(diff, Math.abs(betaCd[j] - solution.betaStd[k][j]));
      }
      coefError.push(diff / Math.max(largest, 1e-300));
      interceptError.push(Math.abs(b0Cd - solution.interceptStd[k]) / Math.max(largest, Math.abs(b0Cd), 1e-300));
      const fCd = objective(problem, std.Xs, std.wn, lambdas[k], betaCd, b0Cd);
      const fBatch = objective(problem, std.Xs, std.wn, lambdas[k], solution.betaStd[k], solution.interceptStd[k]);
      objectiveError.push((fBatch - fCd) / Math.abs(fCd));
    }
    return { solution, cd, coefError, interceptError, objectiveError, tolerance };
  } finally {
    std.heap.release();
  }
}

const SMOOTH: LossName[] = ['squared', 'logistic', 'poisson', 'huber'];
const PIECEWISE: LossName[] = ['absolute', 'quantile'];
const ALPHAS = [1, 0.5, 0];

/**
 * `uniqueIntercept`: false for the piecewise-linear losses, whose intercept can lie anywhere in
 * an interval of equal objective (an LP's flat direction); the objective decides there.
 */
function expectAgreement(c: Comparison, coefTol: number, objTol: number, uniqueIntercept = true): void {
  const { solution } = c;
  for (let k = 0; k < solution.kkt.length; k++) {
    expect(solution.converged[k], `λ index ${k} converged`).toBe(true);
    expect(solution.kkt[k]).toBeLessThanOrEqual(c.tolerance);
    expect(c.coefError[k], `λ index ${k} coefficients`).toBeLessThan(coefTol);
    if (uniqueIntercept) expect(c.interceptError[k], `λ index ${k} intercept`).toBeLessThan(coefTol);
    expect(Math.abs(c.objectiveError[k]), `λ index ${k} objective`).toBeLessThan(objTol);
  }
}

describe('batched FISTA (smooth losses) matches coordinate descent', () => {
  for (const loss of SMOOTH) {
    for (const alpha of ALPHAS) {
      it(`${loss}, α = ${alpha}`, async () => {
        const c = await compare(dataFor(loss), { loss, alpha });
        expectAgreement(c, 1e-5, 1e-8);
      });
    }
  }
});

describe('batched PDHG with the exact finish (piecewise-linear losses) matches the exact path', () => {
  for (const loss of PIECEWISE) {
    for (const alpha of ALPHAS) {
      it(`${loss}, α = ${alpha}`, async () => {
        const options: FitOptions = loss === 'quantile' ? { loss, alpha, tau: 0.3 } : { loss, alpha };
        const c = await compare(dataFor(loss), options);
        expectAgreement(c, 1e-5, 1e-9, false);
      });
    }
  }
});

describe('batched solver options', () => {
  const weighted = (loss: LossName): Data => {
    const d = dataFor(loss);
    const u = rng(7);
    return { ...d, weights: d.y.map(() => 0.2 + 2 * u()) };
  };
  const constrained = (p: number): FitOptions => {
    const penaltyFactor = new Array<number>(p).fill(1);
    penaltyFactor[0] = 0;
    penaltyFactor[1] = 3;
    const lower = new Array<number>(p).fill(-Infinity);
    const upper = new Array<number>(p).fill(Infinity);
    lower[2] = -0.05;
    upper[3] = 0.05;
    return { penaltyFactor, lower, upper };
  };

  for (const loss of ['squared', 'logistic', 'quantile'] as LossName[]) {
    it(`weights, penalty factors and bounds (${loss})`, async () => {
      const data = weighted(loss);
      const options: FitOptions = { loss, alpha: 0.7, ...constrained(data.X[0].length) };
      if (loss === 'quantile') options.tau = 0.3;
      const c = await compare(data, options);
      expectAgreement(c, 1e-5, loss === 'quantile' ? 1e-9 : 1e-8, loss !== 'quantile');
    });
  }

  it('solves many λ in blocks, each warm-started from the previous', async () => {
    const c = await compare(dataFor('squared'), { loss: 'squared', alpha: 0.5, nLambda: 70 });
    expect(c.solution.betaStd.length).toBeGreaterThan(32); // the path may stop early (glmnet's rule)
    expectAgreement(c, 1e-5, 1e-8);
  });
});
