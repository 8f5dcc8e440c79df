// A sparse X on WebGPU, in headless Chromium (SwiftShader where there is no GPU): the sparse
// products (CSR for X̃₁B, CSC for X̃₁ᵀD, the centring folded in; shaders/products/sparse-*.wgsl)
// and every other op on the sparse problem against the float64 CPU twin on the dense X̃ of the
// same matrix (a host product with X̃ centred and scaled), with an empty column, a constant one,
// padding rows, 0/1 matrices that store no values, and tiny blocks that split the CSR rows, the
// CSC columns and the gathered working sets; then whole paths, sparse against dense, for every
// loss. Any WebGPU validation or uncaptured error, and any error in the page, fails the test.
// float32 tolerances: 1e-5 relative per op (as the dense ops'), 1e-4 for a model solved to
// convergence.

import { describe, expect, it } from 'vitest';
import { gpuSuite } from './helpers/gpu-suite.js';
import type { OpsSpec } from './gpu/ops-compare.js';

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
