// Cross-validation of a sparse X without dense copies (issue 17): each fold fits a row subset of
// the CSC, and the held-out rows are predicted from their entries. The curves are the dense X's
// (cvm to 1e-10, the same λ_min and λ_1se) for the squared and logistic losses, with random folds
// and given ones, weights and an offset; a sparse X whose dense copy passes the library's limit
// cross-validates; the fold runners of the threads (Node's, and the browser's Web Workers, whose
// messages are structured clones) take the sparse data and give the serial bits; a WebGPU run
// would route a sparse X's folds to the CPU, saying why.

import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cvPath, type CvFit, type CvOptions, type SparseMatrix } from '../src/index.js';
import { rowSubset } from '../src/cv/fold-matrix.js';
import { foldsRoute } from '../src/cv/folds-route.js';
import type { SharedBackend } from '../src/gpu/lent-backend.js';
import { foldServer, type FoldRequest } from '../src/hosts/job-pool.js';
import { webWorkerFolds } from '../src/hosts/web-workers.js';
import { PENALTIES } from '../src/penalties/registry.js';
import { MAX_DENSE_BYTES } from '../src/problem/sparse-matrix.js';
import { requireBuild } from './helpers/cli.js';
import { normal, rng } from './helpers/data.js';

type Csc = SparseMatrix & { indptr: Int32Array; indices: Int32Array; values: Float64Array };

/** An n × p CSC with about `density` of its entries nonzero, and y from its first columns (0/1 when `binary`). */
function sparseData(seed: number, n: number, p: number, density: number, binary: boolean) {
  const u = rng(seed);
  const z = normal(seed + 1);
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const eta = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      if (u() >= density) continue;
      const v = 0.5 + z();
      indices.push(i);
      values.push(v);
      if (j < 4) eta[i] += (j % 2 === 0 ? 1 : -1) * v;
    }
    indptr.push(indices.length);
  }
  const y = Array.from(eta, (e) => (binary ? (u() < 1 / (1 + Math.exp(-e)) ? 1 : 0) : e + 0.5 * z()));
  const X: Csc = { format: 'csc', nRows: n, nCols: p, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: Float64Array.from(values) };
  return { X, y };
}

function denseOf(X: Csc) {
  const data = new Float64Array(X.nRows * X.nCols);
  for (let j = 0; j < X.nCols; j++) for (let k = X.indptr[j]; k < X.indptr[j + 1]; k++) data[j * X.nRows + X.indices[k]] = X.values[k];
  return { data, nRows: X.nRows, nCols: X.nCols, layout: 'column-major' as const };
}

function expectSameCurves(got: CvFit, want: CvFit): void {
  expect(got.curves).toHaveLength(want.curves.length);
  got.curves.forEach((curve, a) => {
    const ref = want.curves[a];
    expect(curve.lambda).toHaveLength(ref.lambda.length);
    curve.lambda.forEach((l, k) => expect(Math.abs(l - ref.lambda[k])).toBeLessThanOrEqual(1e-12 * ref.lambda[0]));
    curve.cvm.forEach((m, k) => expect(Math.abs(m - ref.cvm[k]), `cvm[${k}]`).toBeLessThanOrEqual(1e-10 * Math.abs(ref.cvm[k])));
    curve.cvsd.forEach((s, k) => expect(Math.abs(s - ref.cvsd[k]), `cvsd[${k}]`).toBeLessThanOrEqual(1e-8 * Math.abs(ref.cvsd[k]) + 1e-14));
    expect([curve.indexMin, curve.index1se]).toEqual([ref.indexMin, ref.index1se]);
  });
  // The same choices: the λ (to the rounding of λ_max, summed over nonzeros or over every row) and the α.
  const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * b);
  near(got.best.lambdaMin, want.best.lambdaMin);
  near(got.best.lambda1se, want.best.lambda1se);
  expect(got.best.alpha).toBe(want.best.alpha);
}

describe('cvPath on a sparse X: the dense X\'s curves, without a dense copy', () => {
  const N = 120;
  const P = 15;
  const cases: [string, boolean, CvOptions][] = [
    ['squared, two α, weights', false, { alphas: [0.5, 1], nLambda: 25 }],
    ['logistic, offset', true, { loss: 'logistic', nLambda: 25 }],
    ['squared, relaxed over (γ, λ)', false, { relax: true, gammaRelax: [0, 0.5, 1], nLambda: 15 }],
  ];
  cases.forEach(([name, binary, options], c) => {
    it(name, async () => {
      const { X, y } = sparseData(10 + c, N, P, 0.3, binary);
      const u = rng(40 + c);
      const weights = binary ? undefined : Array.from({ length: N }, () => 0.5 + u());
      const offset = binary ? Array.from({ length: N }, () => 0.3 * (u() - 0.5)) : undefined;
      const extra = { ...(weights ? { weights } : {}), ...(offset ? { offset } : {}) };
      const run = (M: unknown, more: CvOptions = {}) => cvPath({ X: M as Csc, y, ...extra }, { ...options, folds: 5, seed: 2, workers: 1, backend: 'cpu', ...more });
      const sparse = await run(X);
      expect(sparse.curves[0].fit.device.columns).toBe('sparse');
      const dense = await run(denseOf(X));
      expect(dense.curves[0].fit.device.columns).toBe('dense'); // 30% nonzeros: the dense layout, a real comparison
      expectSameCurves(sparse, dense);
      if (options.relax) expect([sparse.best.gammaMin, sparse.best.gamma1se]).toEqual([dense.best.gammaMin, dense.best.gamma1se]);
      // Folds given (uneven sizes): the same.
      const foldId = Array.from({ length: N }, (_, i) => (i < 12 ? 1 : 1 + ((i * 7) % 4)));
      expectSameCurves(await run(X, { foldId }), await run(denseOf(X), { foldId }));
      // And the sparse CV predicts sparse rows as the dense one predicts dense rows.
      expect(Array.from(sparse.predict(X, { offset }))).toEqual(Array.from(sparse.predict(denseOf(X), { offset })));
    }, 60_000);
  });
});

describe('a sparse X whose dense copy passes the limit', () => {
  it('cross-validates (its folds are row subsets of the CSC)', async () => {
    // 1100 × 250000 float64 would be 2.2 GB, past MAX_DENSE_BYTES (2 GiB); about 4 nonzeros a row.
    const n = 1100;
    const p = 250_000;
    expect(n * p * 8).toBeGreaterThan(MAX_DENSE_BYTES);
    const u = rng(7);
    const z = normal(8);
    const cells: [number, number, number][] = [];
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j0 = i % 3;
      const v0 = 1 + z();
      cells.push([j0, i, v0]);
      y[i] = (j0 === 0 ? 2 : j0 === 1 ? -1 : 0) * v0 + 0.3 * z();
      for (let t = 0; t < 3; t++) cells.push([3 + Math.floor(u() * (p - 3)), i, z()]);
    }
    cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const indptr = new Int32Array(p + 1);
    for (const [j] of cells) indptr[j + 1]++;
    for (let j = 0; j < p; j++) indptr[j + 1] += indptr[j];
    const X: SparseMatrix = { format: 'csc', nRows: n, nCols: p, indptr, indices: Int32Array.from(cells, (c) => c[1]), values: Float64Array.from(cells, (c) => c[2]) };
    const cv = await cvPath({ X, y }, { folds: 3, nLambda: 6, lambdaMinRatio: 0.3, workers: 1, backend: 'cpu' });
    const curve = cv.curves[0];
    expect(curve.cvm.every(Number.isFinite)).toBe(true);
    expect(curve.cvm[curve.cvm.length - 1]).toBeLessThan(curve.cvm[0]); // the signal is found
    expect(cv.coef({ lambda: 'lambdaMin' }).beta.slice(0, 2).every((b) => b !== 0)).toBe(true);
  }, 120_000);
});

describe('the fold routes with a sparse X', () => {
  it('a row subset of a CSC keeps the chosen rows\' entries, renumbered, as the dense subset', () => {
    const { X } = sparseData(3, 9, 4, 0.5, false);
    const rows = [0, 2, 3, 7];
    const sub = rowSubset(X as never, 9, 4, rows) as Csc;
    expect(denseOf(sub).data).toEqual(rowSubset(denseOf(X).data, 9, 4, rows));
  });

  it('Node\'s worker threads (the data in shared memory): the serial bits', async () => {
    requireBuild();
    const lib = (await import(new URL('../dist/src/index.js', import.meta.url).href)) as typeof import('../src/index.js');
    const { X, y } = sparseData(6, 90, 10, 0.3, false);
    const options: CvOptions = { folds: 4, nLambda: 15, backend: 'cpu' };
    const serial = await lib.cvPath({ X, y }, { ...options, workers: 1 });
    const threaded = await lib.cvPath({ X, y }, { ...options, workers: 2 });
    expect(threaded.folds?.threads).toBe(availableParallelism() >= 2 ? 2 : undefined);
    expect(threaded.curves[0].cvm).toEqual(serial.curves[0].cvm);
  }, 60_000);

  it('Web Workers (messages structured-cloned, as postMessage does): the serial bits', async () => {
    const { X, y } = sparseData(5, 90, 10, 0.3, true);
    const spawn = () => fakeWorker() as unknown as Worker;
    const options: CvOptions = { loss: 'logistic', folds: 4, nLambda: 15, backend: 'cpu' };
    const serial = await cvPath({ X, y }, { ...options, workers: 1 });
    const threaded = await cvPath({ X, y }, { ...options, workers: 2, foldRunner: webWorkerFolds(spawn, 2) });
    expect(threaded.curves[0].cvm).toEqual(serial.curves[0].cvm);
    expect(threaded.curves[0].cvsd).toEqual(serial.curves[0].cvsd);
  });

  it('a WebGPU run sends a sparse X\'s folds to the CPU, with the reason', () => {
    const route = foldsRoute({ kind: 'webgpu' } as unknown as SharedBackend, 'webgpu', PENALTIES.enet, { sparse: true });
    expect(route.kind).toBe('cpu');
    expect(route.folds.method).toContain('a sparse X');
  });
});

/** A Web Worker in this thread: what it is posted and what it answers travel as structured clones. */
function fakeWorker() {
  const worker = {
    onmessage: null as ((event: { data: unknown }) => void) | null,
    onerror: null as ((event: { message: string }) => void) | null,
    terminate: () => {},
    postMessage: (message: FoldRequest) => void serve(structuredClone(message)),
  };
  const serve = foldServer((reply) => queueMicrotask(() => worker.onmessage?.({ data: structuredClone(reply) })));
  return worker;
}
