// Gram mode (src/solvers/batched/gram.ts) on the float64 CPU twin: the reduced problem with
// p + 1 pseudo-samples gives the direct batched solver's answers, with every penalty option and
// with collinear and constant features (a rank-deficient Gram matrix).

import { describe, expect, it } from 'vitest';
import type { FitOptions } from '../src/problem/types.js';
import { standardize } from '../src/problem/standardize.js';
import { validate } from '../src/problem/validate.js';
import { workDoubles } from '../src/solvers/engines.js';
import { gramReduction, useGram } from '../src/solvers/batched/gram.js';
import { solveBatched } from '../src/solvers/batched/solve.js';
import { normal, rng } from './helpers/data.js';

function data(n: number, p: number, seed: number) {
  const z = normal(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => z()));
  for (const row of X) {
    row[p - 1] = 2 * row[0] - row[1]; // collinear
    row[p - 2] = 3; // constant
  }
  const y = X.map((row) => 1 + row[0] - 0.5 * row[2] + 0.3 * row[3] + z());
  const u = rng(seed + 1);
  return { X, y, weights: y.map(() => 0.5 + u()) };
}

async function both(options: FitOptions) {
  const d = data(300, 12, 5);
  const problem = validate(d, { loss: 'squared', ...options });
  const std = standardize(problem, workDoubles(problem));
  try {
    const lambdas = Float64Array.from([0.5, 0.2, 0.05, 0.01, 0.002]);
    const b0Start = problem.intercept ? problem.loss.nullEta(problem.y, problem.weights) : 0;
    const run = (gram: boolean) => solveBatched(problem, std, lambdas, { b0Start, kktTolerance: 1e-11, maxIterations: 200_000, gram });
    return { direct: await run(false), gram: await run(true), problem, std };
  } finally {
    std.heap.release();
  }
}

describe('Gram mode', () => {
  it('is chosen for the squared loss when n ≫ p only', () => {
    const d = data(300, 12, 1);
    expect(useGram(validate(d, { loss: 'squared' }))).toBe(true);
    expect(useGram(validate(d, { loss: 'huber' }))).toBe(false);
    expect(useGram(validate({ X: d.X.slice(0, 40), y: d.y.slice(0, 40) }, { loss: 'squared' }))).toBe(false);
    // Forming H on the host would cost n(p + 1)²/2 = 5e10 multiply-adds here: the direct products instead.
    const squared = validate(d, { loss: 'squared' });
    expect(useGram({ ...squared, nSamples: 100_000, nFeatures: 1000 })).toBe(false);
    expect(useGram({ ...squared, nSamples: 100_000, nFeatures: 50 })).toBe(true);
  });

  it('reduces to p + 1 pseudo-samples whose gradient is the original one', () => {
    const d = data(300, 12, 2);
    const problem = validate(d, { loss: 'squared' });
    const std = standardize(problem, workDoubles(problem));
    const { problem: reduced, std: rstd } = gramReduction(problem, std);
    const n = problem.nSamples;
    const p = problem.nFeatures;
    const m = p + 1;
    expect(reduced.nSamples).toBe(m);
    const u = rng(3);
    const beta = Array.from({ length: m }, (_, j) => (j === p || std.usable[j] ? u() - 0.5 : 0));
    for (let j = 0; j < m; j++) {
      // Original: Σ_i wn x̃_ij (y − X̃₁β); reduced: Σ_r R_rj (y' − Rβ).
      const column = (i: number, k: number) => (k === p ? 1 : std.usable[k] ? std.Xs[k * n + i] : 0);
      let original = 0;
      for (let i = 0; i < n; i++) {
        let eta = 0;
        for (let k = 0; k < m; k++) eta += column(i, k) * beta[k];
        original += std.wn[i] * column(i, j) * (problem.y[i] - eta);
      }
      let viaR = 0;
      for (let r = 0; r < m; r++) {
        let eta = 0;
        for (let k = 0; k < m; k++) eta += rstd.Xs[k * m + r] * beta[k];
        viaR += rstd.Xs[j * m + r] * (reduced.y[r] - eta);
      }
      expect(Math.abs(viaR - original)).toBeLessThan(1e-12 * Math.max(1, Math.abs(original)));
    }
    std.heap.release();
  });

  const MIXES: [string, FitOptions][] = [
    ['lasso', { alpha: 1 }],
    ['elastic net with penalty factors and bounds', {
      alpha: 0.4, penaltyFactor: [0, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], lower: -0.2, upper: [Infinity, 0.1, ...new Array(10).fill(Infinity)],
    }],
    ['ridge without intercept or standardization', { alpha: 0, intercept: false, standardize: false }],
  ];
  for (const [name, options] of MIXES) {
    it(`gives the direct solver's answer: ${name}`, async () => {
      const { direct, gram } = await both(options);
      for (let k = 0; k < direct.betaStd.length; k++) {
        expect(gram.converged[k]).toBe(true);
        expect(direct.converged[k]).toBe(true);
        const scale = Math.max(1, ...direct.betaStd[k].map(Math.abs));
        direct.betaStd[k].forEach((b, j) => expect(Math.abs(gram.betaStd[k][j] - b)).toBeLessThan(1e-8 * scale));
        expect(Math.abs(gram.interceptStd[k] - direct.interceptStd[k])).toBeLessThan(1e-8 * scale);
      }
    });
  }
});
