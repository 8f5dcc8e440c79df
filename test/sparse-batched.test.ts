// The batched iteration on a sparse X, on the CPU (solver 'batched', the float64 twin of the
// WebGPU kernels, host-columns.ts): every loss gives the dense X's path from the same matrix, with
// weights, penalty factors, bounds, an offset, without intercept, without standardization, and on a
// 0/1 matrix. The smooth losses run on the sparse columns (device.columns 'sparse'); absolute and
// quantile (PDHG and its exact finish) densify. Same iteration, same tolerance: the two paths
// differ by the rounding of the products, objectives to 1e-9 relative.

import { describe, expect, it } from 'vitest';
import { fitPath, type FitOptions, type PathFit } from '../src/index.js';
import { cscOf, randomCsc, responseFor, rowsOf } from './helpers/sparse-data.js';
import { rng } from './helpers/data.js';

const n = 60;
const p = 14;
const X = randomCsc(3, n, p, 0.3);
const u = rng(5);
const weights = Array.from({ length: n }, () => 0.2 + 2 * u());
const offset = Array.from({ length: n }, () => 0.4 * (u() - 0.5));

function expectSamePath(sparse: PathFit, dense: PathFit, tolerance: number): void {
  expect(sparse.lambda.length).toBe(dense.lambda.length);
  for (let k = 0; k < dense.lambda.length; k++) {
    expect(Math.abs(sparse.objective[k] - dense.objective[k]) / Math.abs(dense.objective[k]), `objective ${k}`).toBeLessThan(tolerance);
    const scale = Math.max(1, ...dense.beta[k].map(Math.abs));
    dense.beta[k].forEach((b, j) => expect(Math.abs(sparse.beta[k][j] - b) / scale, `β ${j} at λ ${k}`).toBeLessThan(Math.sqrt(tolerance)));
  }
}

const VARIANTS: { name: string; options: FitOptions; weights?: boolean; offset?: boolean }[] = [
  { name: 'weights, penalty factors', options: { penaltyFactor: [0, 1, 2, 1, 1, 0.5, 1, 1, Infinity, 1, 1, 1, 1, 1] }, weights: true },
  { name: 'no intercept, bounds', options: { intercept: false, lower: [-0.2, ...Array(p - 1).fill(-Infinity)], upper: [Infinity, 0.1, ...Array(p - 2).fill(Infinity)] } },
  { name: 'unstandardized, elastic net', options: { standardize: false, alpha: 0.5 } },
  { name: 'offset', options: {}, offset: true },
];

describe('the batched iteration on a sparse X (CPU, float64)', () => {
  for (const loss of ['squared', 'logistic', 'poisson', 'huber'] as const) {
    const y = responseFor(loss, X, 9);
    for (const variant of VARIANTS) {
      it(`${loss}, ${variant.name}: the dense path`, async () => {
        const options: FitOptions = { loss, tol: 1e-10, nLambda: 20, backend: 'cpu', solver: 'batched', ...variant.options };
        const data = { y, ...(variant.weights ? { weights } : {}), ...(variant.offset ? { offset } : {}) };
        const dense = await fitPath({ X: rowsOf(X), ...data }, options);
        const sparse = await fitPath({ X: cscOf(X), ...data }, options);
        expect(sparse.device.columns).toBe('sparse');
        expect(dense.device.columns).toBe('dense');
        expect(sparse.converged.every(Boolean)).toBe(true);
        expectSamePath(sparse, dense, 1e-9);
      });
    }
  }
  it('a 0/1 matrix (no values stored) and a grouped penalty (FISTA)', async () => {
    const B = randomCsc(4, n, p, 0.3, true);
    const y = responseFor('logistic', B, 2);
    for (const options of [{ loss: 'logistic' }, { penalty: { name: 'group', groups: Array.from({ length: p }, (_, j) => `g${j % 4}`) } }] as FitOptions[]) {
      const all: FitOptions = { tol: 1e-10, nLambda: 12, backend: 'cpu', solver: 'batched', ...options };
      expectSamePath(await fitPath({ X: cscOf(B), y }, all), await fitPath({ X: rowsOf(B), y }, all), 1e-9);
    }
  });
  it('polish finishes every λ by coordinate descent on the sparse columns: the CPU path', async () => {
    const y = responseFor('poisson', X, 4);
    const options: FitOptions = { loss: 'poisson', tol: 1e-10, nLambda: 12, backend: 'cpu' };
    const polished = await fitPath({ X: cscOf(X), y }, { ...options, solver: 'batched', polish: true });
    expect(polished.device.finishedOn!.every((on) => on === 'cpu-cd')).toBe(true);
    expectSamePath(polished, await fitPath({ X: cscOf(X), y }, options), 1e-9);
  });
  it.each(['absolute', 'quantile'] as const)('%s: PDHG reads a dense copy', async (loss) => {
    const y = responseFor(loss, X, 9);
    const options: FitOptions = { loss, nLambda: 6, backend: 'cpu', solver: 'batched' };
    const sparse = await fitPath({ X: cscOf(X), y }, options);
    expect(sparse.device.columns).toBe('dense');
    expectSamePath(sparse, await fitPath({ X: rowsOf(X), y }, options), 1e-12);
  });
});
