// A sparse X on WebGPU, in headless Chromium (SwiftShader where there is no GPU): the sparse
// products (CSR for X̃₁B, CSC for X̃₁ᵀD, the centring folded in; shaders/products/sparse-*.wgsl)
// and every other op on the sparse problem against the float64 CPU twin on the dense X̃ of the
// same matrix (a host product with X̃ centred and scaled), with an empty column, a constant one,
// padding rows, 0/1 matrices that store no values, and tiny blocks that split the CSR rows, the
// CSC columns and the gathered working sets; then whole paths, sparse against dense, for every
// loss. Any WebGPU validation or uncaptured error, and any error in the page, fails the test.
// float32 tolerances: 1e-5 relative per op (as the dense ops'; measured: products ≤ 3e-7, weighted
// Gram matrices ≤ 1.1e-6), 1e-4 for a model solved to convergence; paths below.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { requireBuild } from './helpers/cli.js';
import { cscOf, randomCsc, responseFor } from './helpers/sparse-data.js';
import type { FitOptions } from '../src/problem/types.js';
import { fromWire, toWire } from '../src/hosts/wire.js';
import { rng } from './helpers/data.js';
import { gpuSuite } from './helpers/gpu-suite.js';

import type { OpsSpec } from './gpu/ops-compare.js';
import type { FitSummary } from './gpu/sparse-fits.js';

const OP_TOLERANCE = 1e-5;
const SOLVE_TOLERANCE = 1e-4;
/**
 * Blocks of entries of 128 u32 at most (a few rows per CSR block, features per CSC block), gathered
 * working sets in row blocks of 64 rows, one line quad per dispatch, one column per Gram product.
 */
const TINY_BLOCKS = {
  maxSparseBlockBytes: 512, maxBindingBytes: 64 * 64 * 4, maxDispatchFlops: 1, maxGramGroupColumns: 1, maxModelCoordinates: 0,
};
const PRODUCTS = ['forward', 'backward', 'backwardFeatures', 'gramNorm'];
const NEWTON = ['forwardSmooth.eta', 'forwardSmooth.D', 'weightedGram', 'weightedGram.shared', 'weightedGram.metric', 'forwardFeatures'];

const { call, clean } = gpuSuite();

describe('each WebGPU op on a sparse X matches the float64 twin on the dense X̃', () => {
  const cases: (Omit<OpsSpec, 'seed' | 'backend'> & { tiny?: boolean })[] = [
    { loss: 'squared', nSamples: 130, nFeatures: 33, nColumns: 7, sparse: { density: 0.2 } },
    { loss: 'squared', nSamples: 33, nFeatures: 70, nColumns: 18, weights: true, penaltyFactors: true, bounds: true, sparse: { density: 0.1 } },
    { loss: 'squared', nSamples: 7, nFeatures: 7, nColumns: 33, intercept: false, standardize: false, sparse: { density: 0.5 } },
    { loss: 'logistic', nSamples: 130, nFeatures: 60, nColumns: 7, weights: true, bounds: true, sparse: { density: 0.15 }, tiny: true },
    { loss: 'logistic', nSamples: 130, nFeatures: 33, nColumns: 7, sparse: { density: 0.3, binary: true } },
    { loss: 'poisson', nSamples: 70, nFeatures: 20, nColumns: 7, offset: true, sparse: { density: 0.3, binary: true }, tiny: true },
    { loss: 'huber', nSamples: 130, nFeatures: 7, nColumns: 20, penaltyFactors: true, alpha: 0.5, intercept: false, sparse: { density: 0.4 }, tiny: true },
    { loss: 'quantile', nSamples: 70, nFeatures: 33, nColumns: 7, weights: true, sparse: { density: 0.2 } },
    // One feature, one column; centred but not scaled; a nearly empty X (most columns without an entry).
    { loss: 'squared', nSamples: 65, nFeatures: 1, nColumns: 1, sparse: { density: 0.5 } },
    { loss: 'logistic', nSamples: 100, nFeatures: 40, nColumns: 5, standardize: false, sparse: { density: 0.3 } },
    { loss: 'poisson', nSamples: 64, nFeatures: 20, nColumns: 3, sparse: { density: 0.02 }, tiny: true },
  ];
  cases.forEach(({ tiny, ...shape }, c) => {
    const name = `${shape.loss}, n = ${shape.nSamples}, p = ${shape.nFeatures}, K = ${shape.nColumns}, density ${shape.sparse!.density}` +
      `${shape.sparse!.binary ? ' (0/1)' : ''}${shape.intercept === false ? ', no intercept' : ''}${tiny ? ', tiny blocks' : ''}`;
    it(name, async () => {
      const errors = clean(await call('compareOps', { ...shape, seed: 300 + c, backend: tiny ? TINY_BLOCKS : undefined }));
      const smooth = shape.loss !== 'quantile';
      for (const op of [...PRODUCTS, ...(smooth ? NEWTON : [])]) expect(errors, `op ${op} compared`).toHaveProperty([op]);
      for (const [op, error] of Object.entries(errors)) {
        const converged = op === 'gramSolve.perColumn' || op === 'gramSolve.shared';
        expect(error, op).toBeLessThan(converged ? SOLVE_TOLERANCE : OP_TOLERANCE);
      }
    });
  });
});

/**
 * Whole paths on WebGPU, X sparse against the same X dense, both float32 on the device, every λ
 * converged there: objectives to 1e-7 relative, coefficients to 1e-4 of the largest at each λ (two
 * float32 iterations stopped at the same KKT target, whose products differ in rounding only;
 * measured: objectives within 4e-11, coefficients within 5e-7). Absolute and quantile loss densify
 * a sparse X (PDHG's exact finish reads X̃ dense): the same path exactly.
 */
const PATH_OBJECTIVE = 1e-7;
const PATH_COEFFICIENT = 1e-4;

describe('a sparse X on WebGPU gives the dense X\'s path', () => {
  const n = 90;
  const p = 16;
  const X = randomCsc(21, n, p, 0.25);
  const u = rng(8);
  const weights = Array.from({ length: n }, () => 0.2 + 2 * u());
  const offset = Array.from({ length: n }, () => 0.4 * (u() - 0.5));
  const penaltyFactor = Array.from({ length: p }, (_, j) => (j === 0 ? 0 : j === 7 ? Infinity : 1 + (j % 3) / 2));
  const variants: { name: string; options: FitOptions; weights?: boolean; offset?: boolean }[] = [
    { name: 'weights, penalty factors (0, ∞)', options: { penaltyFactor }, weights: true },
    { name: 'no intercept, elastic net', options: { intercept: false, alpha: 0.5 } },
    { name: 'offset', options: {}, offset: true },
  ];
  // Penalties beyond the elastic net: the group lasso runs FISTA (on the host's Gram reduction for
  // the squared loss, formed from the sparse columns), MCP proximal Newton with its own minimizer.
  // Objectives to 1e-5 relative: MCP is nonconvex, and the two float32 solves stop at points of
  // its path apart by more than the convex losses' (measured 6e-7).
  const penalties: { loss: 'squared' | 'logistic'; name: string; options: FitOptions }[] = [
    { loss: 'squared', name: 'group lasso', options: { penalty: { name: 'group', groups: Array.from({ length: p }, (_, j) => `g${Math.floor(j / 3)}`) } } },
    { loss: 'logistic', name: 'MCP', options: { penalty: { name: 'mcp', gamma: 4 } } },
  ];
  for (const { loss, name, options } of penalties) {
    it(`${loss}, ${name}`, async () => {
      const spec = { X, y: responseFor(loss, X, 13), options: { loss, nLambda: 10, tol: 1e-6, ...options } };
      const { sparse, dense } = fromWire<{ sparse: FitSummary; dense: FitSummary }>(clean(await call('sparseFits', toWire(spec))));
      expect(sparse.columns).toBe('sparse');
      expect(sparse.lambda.length).toBe(dense.lambda.length);
      sparse.lambda.forEach((_, k) => {
        expect(Math.abs(sparse.objective[k] - dense.objective[k]) / Math.abs(dense.objective[k]), `objective at λ ${k}`).toBeLessThan(1e-5);
      });
    }, 120_000);
  }
  const losses = ['squared', 'logistic', 'poisson', 'huber', 'absolute', 'quantile'] as const;
  for (const loss of losses) {
    const exact = loss === 'absolute' || loss === 'quantile';
    for (const variant of exact ? variants.slice(0, 1) : variants) {
      it(`${loss}, ${variant.name}`, async () => {
        const y = responseFor(loss, X, 13);
        const spec = {
          X, y, ...(variant.weights ? { weights } : {}), ...(variant.offset ? { offset } : {}),
          options: { loss, nLambda: exact ? 6 : 12, tol: 1e-6, ...variant.options },
        };
        const { sparse, dense } = fromWire<{ sparse: FitSummary; dense: FitSummary }>(clean(await call('sparseFits', toWire(spec))));
        expect(sparse.backend).toBe('webgpu');
        expect(sparse.columns).toBe(exact ? 'dense' : 'sparse');
        expect(dense.columns).toBe('dense');
        expect(sparse.lambda.length).toBe(dense.lambda.length);
        sparse.lambda.forEach((l, k) => expect(Math.abs(l - dense.lambda[k]) / dense.lambda[k], `λ ${k}`).toBeLessThan(1e-12));
        expect(sparse.converged.every(Boolean)).toBe(true);
        // tol 1e-6: a KKT target float32 reaches, so that every λ is the device's own (none finished on the CPU).
        expect(sparse.finishedOn).toBeUndefined();
        expect(dense.finishedOn).toBeUndefined();
        sparse.lambda.forEach((_, k) => {
          expect(Math.abs(sparse.objective[k] - dense.objective[k]) / Math.abs(dense.objective[k]), `objective at λ ${k}`).toBeLessThan(PATH_OBJECTIVE);
          const scale = Math.max(1e-2, ...dense.beta[k].map(Math.abs), Math.abs(dense.intercept[k]));
          dense.beta[k].forEach((b, j) => expect(Math.abs(sparse.beta[k][j] - b) / scale, `β ${j} at λ ${k}`).toBeLessThan(PATH_COEFFICIENT));
          expect(Math.abs(sparse.intercept[k] - dense.intercept[k]) / scale, `b0 at λ ${k}`).toBeLessThan(PATH_COEFFICIENT);
        });
      }, 120_000);
    }
  }
});

describe('a sparse X from Node on WebGPU (the headless Chromium host)', () => {
  // Node without a hardware adapter runs a WebGPU fit in headless Chromium: the CSC arrays travel
  // as they are and the page fits them sparse. auto keeps a small sparse X on the CPU, saying why.
  it('travels sparse, fits sparse, and gives the CPU\'s path', async () => {
    requireBuild();
    const X = randomCsc(31, 80, 12, 0.3);
    const y = responseFor('logistic', X, 3);
    const options: FitOptions = { loss: 'logistic', nLambda: 8, tol: 1e-6 };
    const gpu = await fitPath({ X: cscOf(X), y }, { ...options, backend: 'webgpu' });
    expect(gpu.device.host).toBe('headless-chromium');
    expect(gpu.device.columns).toBe('sparse');
    const cpu = await fitPath({ X: cscOf(X), y }, { ...options, tol: 1e-12, backend: 'cpu' });
    gpu.lambda.forEach((_, k) => expect(Math.abs(gpu.objective[k] - cpu.objective[k]) / cpu.objective[k], `objective ${k}`).toBeLessThan(1e-5));
    const auto = await fitPath({ X: cscOf(X), y }, options);
    expect(auto.backend).toBe('cpu');
    expect(auto.device.reason).toMatch(/^auto: a sparse X with \d+ stored entries \(< 1000000\)/);
  }, 120_000);
});
