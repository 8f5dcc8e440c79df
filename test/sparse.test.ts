// A sparse X (CSC or CSR) end to end on the CPU: every loss gives the dense fit's path from the
// same matrix (objectives to 1e-12 relative, coefficients to 1e-10), with weights, penalty
// factors, bounds, without intercept, without standardization; R glmnet's paths on a dgCMatrix
// (scripts/sparse-references.R, thresh 1e-14); the checks of the input; the JavaScript kernels
// against WebAssembly; the choice of layout for a dense X with few nonzeros; predict and cvPath.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cvPath, fitPath, type FitOptions, InputError, type PathFit, type SparseMatrix } from '../src/index.js';
import { standardize } from '../src/problem/standardize.js';
import { validate } from '../src/problem/validate.js';
import { columnLayout, workDoubles } from '../src/solvers/engines.js';
import { solvePath } from '../src/solvers/path.js';
import { denseCoefficients } from '../src/solvers/path-lists.js';
import { type CertProblem, objective } from './helpers/certificate.js';
import { inf, rng } from './helpers/data.js';
import { type Csc, cscOf, randomCsc, responseFor } from './helpers/sparse-data.js';

const columnMajor = (X: Csc): Float64Array => {
  const dense = new Float64Array(X.nRows * X.nCols);
  for (let j = 0; j < X.nCols; j++) for (let k = X.indptr[j]; k < X.indptr[j + 1]; k++) dense[j * X.nRows + X.indices[k]] = X.values[k];
  return dense;
};
const denseOf = (X: Csc) => ({ data: columnMajor(X), nRows: X.nRows, nCols: X.nCols, layout: 'column-major' as const });

/** The same matrix as CSR, from plain arrays. */
function csrOf(X: Csc): SparseMatrix {
  const dense = columnMajor(X);
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < X.nRows; i++) {
    for (let j = 0; j < X.nCols; j++) {
      const v = dense[j * X.nRows + i];
      if (v === 0) continue;
      indices.push(j);
      values.push(v);
    }
    indptr.push(indices.length);
  }
  return { format: 'csr', indptr, indices, values, nRows: X.nRows, nCols: X.nCols };
}

/** Objectives to 1e-12 relative, coefficients and intercepts to 1e-10 (of the largest at that λ). */
function expectSamePath(sparse: PathFit, dense: PathFit): void {
  expect(sparse.lambda.length).toBe(dense.lambda.length);
  for (let k = 0; k < dense.lambda.length; k++) {
    expect(Math.abs(sparse.lambda[k] - dense.lambda[k]) / dense.lambda[k], `λ ${k}`).toBeLessThan(1e-12);
    expect(Math.abs(sparse.objective[k] - dense.objective[k]) / Math.abs(dense.objective[k]), `objective ${k}`).toBeLessThan(1e-12);
    const scale = Math.max(1, ...dense.beta[k].map(Math.abs));
    dense.beta[k].forEach((b, j) => expect(Math.abs(sparse.beta[k][j] - b) / scale, `β ${j} at λ ${k}`).toBeLessThan(1e-10));
    expect(Math.abs(sparse.intercept[k] - dense.intercept[k]) / Math.max(scale, Math.abs(dense.intercept[k])), `b0 at λ ${k}`).toBeLessThan(1e-10);
  }
}

const LOSSES = ['squared', 'logistic', 'poisson', 'huber', 'absolute', 'quantile'] as const;
const n = 70;
const p = 18;
const X = randomCsc(1, n, p, 0.25);
const u = rng(99);
const weights = Array.from({ length: n }, () => 0.2 + 2 * u());
const VARIANTS: { name: string; options: FitOptions; weights?: boolean }[] = [
  { name: 'defaults', options: {} },
  { name: 'weights', options: {}, weights: true },
  { name: 'penalty factors', options: { penaltyFactor: [0, 1, 2, 1, 1, 0.5, 1, 1, Infinity, 1, 1, 1, 1, 1, 1, 1, 1, 1] } },
  { name: 'bounds', options: { lower: [-0.2, ...Array(p - 1).fill(-Infinity)], upper: [Infinity, 0.1, ...Array(p - 2).fill(Infinity)] } },
  { name: 'no intercept', options: { intercept: false } },
  { name: 'unstandardized', options: { standardize: false } },
  { name: 'elastic net', options: { alpha: 0.4 } },
];

describe('a sparse X gives the dense fit of the same matrix', () => {
  for (const loss of LOSSES) {
    const exact = loss === 'absolute' || loss === 'quantile';
    // The exact solvers densify; their paths are then the dense ones by construction: fewer variants.
    const variants = exact ? VARIANTS.filter((v) => ['defaults', 'weights', 'no intercept'].includes(v.name)) : VARIANTS;
    const y = responseFor(loss, X, 7);
    for (const variant of variants) {
      it(`${loss}, ${variant.name}: CSC and CSR`, async () => {
        const options: FitOptions = { loss, tol: 1e-12, nLambda: exact ? 12 : 40, backend: 'cpu', ...variant.options };
        const w = variant.weights ? { weights } : {};
        const dense = await fitPath({ X: denseOf(X), y, ...w }, options);
        const csc = await fitPath({ X: cscOf(X), y, ...w }, options);
        const csr = await fitPath({ X: csrOf(X), y, ...w }, options);
        expect(dense.device.columns).toBe('dense');
        expect(csc.device.columns).toBe(exact ? 'dense' : 'sparse');
        expect(csr.device.columns).toBe(csc.device.columns);
        expectSamePath(csc, dense);
        expectSamePath(csr, dense);
      });
    }
  }

  it('MCP, SCAD and the group lasso too', async () => {
    const y = responseFor('logistic', X, 5);
    const groups = Array.from({ length: p }, (_, j) => Math.floor(j / 3));
    for (const penalty of [{ name: 'mcp' as const }, { name: 'scad' as const }, { name: 'group' as const, groups }]) {
      for (const loss of ['squared', 'logistic'] as const) {
        const options: FitOptions = { loss, penalty, tol: 1e-12, nLambda: 25, backend: 'cpu' };
        const yy = loss === 'squared' ? responseFor('squared', X, 5) : y;
        const dense = await fitPath({ X: denseOf(X), y: yy }, options);
        const sparse = await fitPath({ X: cscOf(X), y: yy }, options);
        expect(sparse.device.columns).toBe('sparse');
        expectSamePath(sparse, dense);
      }
    }
  });

  it('a 0/1 matrix (one-hot columns, no values stored) too', async () => {
    const u01 = rng(21);
    const oneHot: Csc = { nRows: 90, nCols: 12, indptr: [0], indices: [], values: [] };
    const levels = Array.from({ length: 90 }, () => [Math.floor(u01() * 4), 4 + Math.floor(u01() * 5), 9 + Math.floor(u01() * 3)]);
    for (let j = 0; j < 12; j++) {
      for (let i = 0; i < 90; i++) if (levels[i].includes(j)) oneHot.indices.push(i);
      oneHot.indptr.push(oneHot.indices.length);
    }
    oneHot.values = oneHot.indices.map(() => 1);
    for (const loss of ['squared', 'logistic'] as const) {
      const y = responseFor(loss, oneHot, 4);
      const options: FitOptions = { loss, tol: 1e-12, nLambda: 30, backend: 'cpu', alpha: 0.7 };
      expectSamePath(await fitPath({ X: cscOf(oneHot), y, weights: weights.concat(weights).slice(0, 90) }, options), await fitPath({ X: denseOf(oneHot), y, weights: weights.concat(weights).slice(0, 90) }, options));
    }
  });

  it('unsorted indices, repeated entries (summed) and stored zeros (dropped) give the canonical matrix\'s fit', async () => {
    const y = responseFor('squared', X, 3);
    const indptr = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (let j = 0; j < p; j++) {
      // Each column backwards, its first entry split in two halves, and a stored zero.
      for (let k = X.indptr[j + 1] - 1; k >= X.indptr[j]; k--) {
        if (k === X.indptr[j]) {
          indices.push(X.indices[k], X.indices[k]);
          values.push(X.values[k] / 2, X.values[k] / 2);
        } else {
          indices.push(X.indices[k]);
          values.push(X.values[k]);
        }
      }
      indices.push((j * 7) % n);
      values.push(0);
      indptr.push(indices.length);
    }
    const messy = await fitPath({ X: { format: 'csc', indptr, indices, values, nRows: n, nCols: p }, y }, { tol: 1e-12, backend: 'cpu' });
    const canonical = await fitPath({ X: cscOf(X), y }, { tol: 1e-12, backend: 'cpu' });
    expectSamePath(messy, canonical);
  });
});

describe('glmnet on a dgCMatrix (scripts/sparse-references.R, thresh 1e-14)', () => {
  const data = JSON.parse(readFileSync(new URL('fixtures/data/sparse.json', import.meta.url), 'utf8')) as Csc & Record<'y' | 'yb' | 'yc' | 'w', number[]>;
  const refs = JSON.parse(readFileSync(new URL('fixtures/refs/sparse.json', import.meta.url), 'utf8')) as {
    cases: {
      name: string; family: 'gaussian' | 'binomial' | 'poisson'; target: 'y' | 'yb' | 'yc'; alpha: number; weights?: boolean;
      penaltyFactor?: number[]; lower?: number[]; upper?: number[]; intercept?: boolean; standardize?: boolean;
      lambda: number[]; a0: number[]; beta: number[][]; devRatio: number[];
    }[];
  };
  const LOSS = { gaussian: 'squared', binomial: 'logistic', poisson: 'poisson' } as const;
  const dense = columnMajor(data);
  const rows = Array.from({ length: data.nRows }, (_, i) => Array.from({ length: data.nCols }, (_, j) => dense[j * data.nRows + i]));
  for (const c of refs.cases) {
    it(`${c.name}: glmnet's λ, coefficients and dev.ratio`, async () => {
      const X = { format: 'csc' as const, indptr: data.indptr, indices: data.indices, values: data.values, nRows: data.nRows, nCols: data.nCols };
      const fit = await fitPath({ X, y: data[c.target], ...(c.weights ? { weights: data.w } : {}) }, {
        loss: LOSS[c.family], alpha: c.alpha, penaltyFactor: c.penaltyFactor, lower: inf(c.lower), upper: inf(c.upper),
        intercept: c.intercept ?? true, standardize: c.standardize ?? true, tol: 1e-14, backend: 'cpu',
      });
      expect(fit.device.columns).toBe('sparse');
      expect(fit.lambda.length).toBe(c.lambda.length);
      // glmnet's thresh 1e-14 bounds its last steps by 1e-7 (xv·Δ² ≤ thresh): on flat directions (a
      // column of a few entries) its coefficients stop ~1e-6 from the optimum. The objectives say
      // which is closer: proxpath's is never above glmnet's.
      const P: CertProblem = {
        X: rows, y: data[c.target], w: c.weights ? data.w : undefined, loss: LOSS[c.family], alpha: c.alpha,
        penaltyFactor: c.penaltyFactor, lower: inf(c.lower), upper: inf(c.upper), standardize: c.standardize ?? true, intercept: c.intercept ?? true,
      };
      for (let k = 0; k < c.lambda.length; k++) {
        expect(Math.abs(fit.lambda[k] - c.lambda[k]) / c.lambda[k], `λ ${k}`).toBeLessThan(1e-9);
        const mine = objective(P, c.lambda[k], fit.intercept[k], fit.beta[k]);
        const theirs = objective(P, c.lambda[k], c.a0[k], c.beta[k]);
        expect((mine - theirs) / Math.abs(theirs), `objective at λ ${k}`).toBeLessThan(1e-12);
        expect(Math.abs(mine - theirs) / Math.abs(theirs), `objective at λ ${k}`).toBeLessThan(1e-10);
        const scale = Math.max(...c.beta[k].map(Math.abs), Math.abs(c.a0[k]), 1e-3);
        fit.beta[k].forEach((b, j) => expect(Math.abs(b - c.beta[k][j]) / scale, `β ${j} at λ ${k}`).toBeLessThan(1e-5));
        expect(Math.abs(fit.intercept[k] - c.a0[k]) / scale, `b0 at λ ${k}`).toBeLessThan(1e-5);
        expect(Math.abs(fit.devRatio[k] - c.devRatio[k]), `dev.ratio at λ ${k}`).toBeLessThan(1e-7);
      }
    });
  }
});

describe('the checks of a sparse X', () => {
  const y = Array.from({ length: 4 }, (_, i) => i);
  const base = { format: 'csc' as const, indptr: [0, 2, 3, 5], indices: [0, 2, 1, 0, 3], values: [1, 2, 3, 4, 5], nRows: 4, nCols: 3 };
  const fails = (X: object, message: string | RegExp, options: FitOptions = {}) =>
    expect(fitPath({ X: X as SparseMatrix, y }, { backend: 'cpu', ...options })).rejects.toThrow(message);

  it('fits a valid one', async () => {
    expect((await fitPath({ X: base, y }, { backend: 'cpu' })).device.columns).toBe('sparse');
  });
  it('refuses a bad format, shape, indptr or index, and names where', async () => {
    await fails({ ...base, format: 'coo' }, 'X: format "coo" must be "csr" or "csc"');
    await fails({ ...base, indptr: [0, 2, 3] }, 'X (csc): indptr has 3 values, expected 4 (one per column, plus one)');
    await fails({ ...base, indptr: [1, 2, 3, 5] }, 'X (csc): indptr[0] is 1, must be 0');
    await fails({ ...base, indptr: [0, 2, 3, 4] }, 'X (csc): indptr[3] is 4, must be the number of stored entries (5)');
    await fails({ ...base, indptr: [0, 3, 2, 5] }, 'X (csc): indptr[2] = 2 is below indptr[1] = 3 (column 2)');
    await fails({ ...base, indices: [0, 2, 4, 0, 3] }, 'X (csc): column 2 has row index 4 (entry 2), outside 0 … 3');
    await fails({ ...base, format: 'csr', nRows: 3, nCols: 4, indices: [0, 2, 4, 0, 3] }, 'X (csr): row 2 has column index 4 (entry 2), outside 0 … 3');
    await fails({ ...base, values: [1, 2, 3] }, 'X (csc): values has 3 entries, indices 5; they must match');
    await fails({ ...base, values: [1, 2, NaN, 4, 5] }, 'X: row 2, column 2 is NaN, not a finite number');
    await fails({ ...base, values: [1, 2, 3, Infinity, 5] }, 'X: row 1, column 3 is Infinity, not a finite number');
  });
  it('runs the batched iteration on its columns; auto keeps it on the CPU without a hardware GPU', async () => {
    const batched = await fitPath({ X: base, y }, { backend: 'cpu', solver: 'batched' });
    expect(batched.device.columns).toBe('sparse');
    const auto = await fitPath({ X: base, y }, { backend: 'auto' });
    expect(auto.backend).toBe('cpu');
    expect(auto.device.reason).toBe("auto: a sparse X with 5 stored entries (< 1000000) runs on the CPU's coordinate descent over its columns, without looking for a GPU");
  });
  it('refuses to densify for the exact solvers past 2 GiB, saying how much it would take', async () => {
    const big = { format: 'csc' as const, indptr: new Int32Array(30_001), indices: new Int32Array(0), values: new Float64Array(0), nRows: 20_000, nCols: 30_000 };
    big.indptr.fill(1, 1);
    const X = { ...big, indices: Int32Array.of(5), values: Float64Array.of(1) };
    const yy = new Float64Array(20_000).map((_, i) => i % 3);
    await expect(fitPath({ X, y: yy }, { loss: 'absolute', backend: 'cpu' })).rejects.toThrow(
      'X: loss absolute (solved exactly, on dense columns) needs a dense copy of the sparse X, 20000 × 30000 float64 = 4.47 GiB, more than the 2 GiB allowed',
    );
    await expect(fitPath({ X, y: yy }, { loss: 'absolute', backend: 'cpu' })).rejects.toBeInstanceOf(InputError);
  });
});

describe('the sparse engines on the JavaScript kernels', () => {
  it.each(['squared', 'logistic', 'huber'] as const)('%s: the same path as on WebAssembly', async (loss) => {
    const y = responseFor(loss, X, 11);
    const problem = validate({ X: cscOf(X), y, weights }, { loss, tol: 1e-12, nLambda: 30 });
    const paths = await Promise.all([true, false].map(async (wasm) => {
      const std = standardize(problem, workDoubles(problem), 'sparse', wasm);
      expect(std.heap.kernels.kind).toBe(wasm ? 'wasm-simd' : 'js');
      const solution = await solvePath(problem, std);
      std.heap.release();
      return solution;
    }));
    const [wasm, js] = paths;
    expect(js.lambda).toEqual(wasm.lambda);
    wasm.lossValue.forEach((l, k) => {
      const f = l + wasm.penaltyValue[k];
      expect(Math.abs(js.lossValue[k] + js.penaltyValue[k] - f) / f).toBeLessThan(1e-12);
      const a = denseCoefficients(wasm.betaStd[k]);
      const b = denseCoefficients(js.betaStd[k]);
      a.forEach((v, j) => expect(Math.abs(b[j] - v)).toBeLessThan(1e-10));
    });
  });
});

describe('a dense X with few nonzeros', () => {
  const thin = randomCsc(4, 300, 60, 0.03);
  it('goes over to sparse columns, with the path of its dense layout', async () => {
    const y = responseFor('logistic', thin, 2);
    const problem = validate({ X: denseOf(thin), y }, { loss: 'logistic', tol: 1e-12, nLambda: 30 });
    expect(columnLayout(problem)).toBe('sparse');
    const auto = await fitPath({ X: denseOf(thin), y }, { loss: 'logistic', tol: 1e-12, nLambda: 30, backend: 'cpu' });
    expect(auto.device.columns).toBe('sparse');
    const std = standardize(problem, workDoubles(problem), 'dense');
    const dense = await solvePath(problem, std);
    std.heap.release();
    dense.lossValue.forEach((l, k) => {
      const f = l + dense.penaltyValue[k];
      expect(Math.abs(auto.objective[k] - f) / f, `objective ${k}`).toBeLessThan(1e-12);
    });
  });
  it('stays dense above ~10 % density, and for the exact solvers', () => {
    const y = responseFor('squared', X, 2);
    expect(columnLayout(validate({ X: denseOf(X), y }, {}))).toBe('dense');
    expect(columnLayout(validate({ X: denseOf(thin), y: responseFor('squared', thin, 2) }, { loss: 'absolute' }))).toBe('dense');
  });
});

describe('predict and cross-validation with a sparse X', () => {
  it('predict takes CSC and CSR rows', async () => {
    const y = responseFor('logistic', X, 8);
    const fit = await fitPath({ X: cscOf(X), y }, { loss: 'logistic', nLambda: 20, backend: 'cpu' });
    const lambda = fit.lambda[10];
    const expected = fit.predict(denseOf(X), { lambda, type: 'response' });
    for (const rows of [cscOf(X), csrOf(X)]) {
      fit.predict(rows, { lambda, type: 'response' }).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-14));
    }
  });
  it('cvPath gives the dense X\'s curves (its folds fit row subsets of the CSC: test/cv-sparse.test.ts)', async () => {
    const y = responseFor('squared', X, 9);
    const foldId = Array.from({ length: n }, (_, i) => (i % 5) + 1);
    const options = { nLambda: 20, foldId, tol: 1e-12, backend: 'cpu' as const, workers: 1 };
    const sparse = await cvPath({ X: cscOf(X), y }, options);
    const dense = await cvPath({ X: denseOf(X), y }, options);
    sparse.curves[0].cvm.forEach((m, k) => expect(Math.abs(m - dense.curves[0].cvm[k]) / dense.curves[0].cvm[k]).toBeLessThan(1e-10));
  });
});
