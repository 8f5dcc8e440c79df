// The WebGPU kernels for real, on Chromium's WebGPU (SwiftShader where there is no GPU), in
// headless Chromium: the smooth losses' WGSL twins against their TypeScript functions on a grid,
// every batched op (the Newton ops included) against its float64 CPU twin on shapes that are
// not tile multiples, the whole batched solver against the CPU twin for every loss × penalty
// option (proximal Newton for the smooth losses), and the forced tiny row blocks against one
// block. Any WebGPU validation or uncaptured error, and any error in the page, fails the test.
// float32 tolerances: 1e-5 relative for each op (measured ~1e-7), 1e-4 for the model solved
// to convergence (solutions of two solvers stopped at a KKT tolerance), 1e-5 relative for each
// λ's objective.

import { toWire } from '../src/hosts/wire.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitPath } from '../src/api/fit-path.js';
import { PENALTIES, PENALTY_NAMES } from '../src/penalties/registry.js';
import { batchedSolves } from '../src/penalties/types.js';
import { getLoss, LOSS_NAMES } from '../src/losses/registry.js';
import type { FitOptions, LossName } from '../src/problem/types.js';
import { readFixtureCsv, rng } from './helpers/data.js';
import { gpuSuite } from './helpers/gpu-suite.js';
import type { OpsSpec } from './gpu/ops-compare.js';
import type { SolveSpec } from './gpu/solve-compare.js';

const OP_TOLERANCE = 1e-5;
/** gramSolve to convergence: both solvers stop at a KKT tolerance of 1e-5 on a well-conditioned model. */
const SOLVE_TOLERANCE = 1e-4;
/**
 * X̃₁ row blocks of one 64-row tile each (64 rows × 64 padded features × 4 bytes, for p < 64),
 * one tile or chunk per product dispatch, one column per weighted Gram product, and the model
 * of gramSolve in storage: every split path.
 */
const TINY_BLOCKS = { maxBindingBytes: 64 * 64 * 4, maxDispatchFlops: 1, maxGramGroupColumns: 1, maxModelCoordinates: 0 };
/** The Newton ops' comparisons (smooth losses). */
const NEWTON_OPS = [
  'curvatures', 'curvatures.largest', 'weightedGram', 'weightedGram.shared', 'weightedGram.metric', 'forwardFeatures', 'penaltyValues',
  ...['perColumn', 'shared'].flatMap((q) => [`gramSolve.${q}`, `gramSolve.${q}.fixed`, `gramSolve.${q}.fixed.sweeps`, `gramSolve.${q}.unconverged`]),
];
const OBJECTIVE_TOLERANCE = 1e-5;
/** Two stationary points of a nonconvex path reached in float32 and float64 (measured: up to 6e-3). */
const NONCONVEX_OBJECTIVE_TOLERANCE = 2e-2;

const { call: callHarness, clean } = gpuSuite();

/** Group labels of p features in runs of 1 to 5 (g0, g1, g1, g2, g2, g2, …, wrapping). */
function groupLabels(p: number): string[] {
  const labels: string[] = [];
  for (let g = 0; labels.length < p; g++) for (let i = 0; i <= g % 5 && labels.length < p; i++) labels.push(`g${g}`);
  return labels;
}

describe('each WebGPU op matches its float64 CPU twin', () => {
  const tiny = TINY_BLOCKS;
  const cases: (Omit<OpsSpec, 'seed' | 'backend'> & { tiny?: boolean })[] = [
    { loss: 'squared', nSamples: 130, nFeatures: 33, nColumns: 7 },
    { loss: 'squared', nSamples: 33, nFeatures: 130, nColumns: 33, weights: true, penaltyFactors: true, bounds: true },
    { loss: 'squared', nSamples: 7, nFeatures: 7, nColumns: 130, intercept: false, standardize: false },
    { loss: 'squared', nSamples: 130, nFeatures: 1, nColumns: 1 },
    { loss: 'squared', nSamples: 130, nFeatures: 33, nColumns: 7, bounds: true, tiny: true },
    { loss: 'logistic', nSamples: 130, nFeatures: 33, nColumns: 33, weights: true },
    // A working set of two Gram tiles (41 features) over tiny row blocks.
    { loss: 'logistic', nSamples: 130, nFeatures: 60, nColumns: 7, weights: true, bounds: true, tiny: true },
    { loss: 'poisson', nSamples: 33, nFeatures: 7, nColumns: 7, bounds: true },
    { loss: 'huber', nSamples: 130, nFeatures: 7, nColumns: 130, penaltyFactors: true, alpha: 0.5 },
    { loss: 'absolute', nSamples: 130, nFeatures: 33, nColumns: 7 },
    { loss: 'absolute', nSamples: 130, nFeatures: 7, nColumns: 33, tiny: true },
    { loss: 'quantile', nSamples: 33, nFeatures: 130, nColumns: 33, weights: true, intercept: false },
    // One problem per column (CV folds): per-column weights and penalty scales.
    { loss: 'squared', nSamples: 130, nFeatures: 33, nColumns: 33, weights: true, penaltyFactors: true, bounds: true, columnProblems: true },
    { loss: 'logistic', nSamples: 33, nFeatures: 7, nColumns: 130, alpha: 0.5, columnProblems: true, tiny: true },
    { loss: 'poisson', nSamples: 130, nFeatures: 7, nColumns: 7, columnProblems: true },
    { loss: 'absolute', nSamples: 130, nFeatures: 33, nColumns: 7, columnProblems: true },
    // An offset (in the y buffer after y): the smooth terms and curvatures at η + offset.
    { loss: 'logistic', nSamples: 130, nFeatures: 33, nColumns: 7, weights: true, offset: true, tiny: true },
    { loss: 'poisson', nSamples: 130, nFeatures: 7, nColumns: 33, offset: true, columnProblems: true },
    // The nonconvex penalties' ops: their prox, certificate, model minimizer and value (γ a pipeline constant).
    { loss: 'squared', nSamples: 130, nFeatures: 33, nColumns: 7, bounds: true, penalty: { name: 'mcp', gamma: 1.5 } },
    { loss: 'logistic', nSamples: 33, nFeatures: 60, nColumns: 7, alpha: 0.6, penalty: { name: 'scad', gamma: 2.5 } },
    // The grouped penalties' block kernels (prox, certificate, value), groups of 1 to 5 features.
    { loss: 'squared', nSamples: 130, nFeatures: 33, nColumns: 7, alpha: 0.7, penalty: { name: 'group', groups: groupLabels(33) } },
    { loss: 'logistic', nSamples: 33, nFeatures: 60, nColumns: 7, alpha: 0.6, intercept: false, penalty: { name: 'sparse-group', groups: groupLabels(60) } },
  ];
  cases.forEach(({ tiny: forced, ...shape }, c) => {
    const name = `${shape.loss}${shape.penalty ? ` × ${shape.penalty.name}` : ''}, n = ${shape.nSamples}, p = ${shape.nFeatures}, K = ${shape.nColumns}` +
      `${forced ? ', tiny row blocks and split dispatches' : ''}${shape.columnProblems ? ', one problem per column' : ''}${shape.offset ? ', with an offset' : ''}`;
    it(name, async () => {
      const errors = clean(await callHarness('compareOps', { ...shape, seed: 100 + c, backend: forced ? tiny : undefined }));
      const expected = shape.loss === 'absolute' || shape.loss === 'quantile'
        ? ['weigh', 'dualStep', 'dualStep.infinite', 'dualGap.gap', 'dualGap.value']
        : ['smoothTerms.D', 'smoothTerms.value', 'forwardSmooth.eta', 'forwardSmooth.D', 'forwardSmooth.value',
            ...(shape.penalty?.groups ? ['penaltyValues'] : NEWTON_OPS)];
      for (const op of ['forward', 'backward', 'backwardFeatures', 'proxGradient', 'fistaColumns.accept', 'kkt', 'gramNorm', 'combine.samples.self', ...expected]) {
        expect(errors, `op ${op} compared`).toHaveProperty([op]);
      }
      for (const [op, error] of Object.entries(errors)) {
        const converged = op === 'gramSolve.perColumn' || op === 'gramSolve.shared';
        expect(error, op).toBeLessThan(converged ? SOLVE_TOLERANCE : OP_TOLERANCE);
      }
    });
  });
});

const FILES: Record<LossName, string> = {
  squared: 'gauss.csv', logistic: 'logistic.csv', poisson: 'poisson.csv', huber: 'robust.csv',
  absolute: 'robust.csv', quantile: 'robust.csv',
};
const LOSSES = Object.keys(FILES) as LossName[];

interface Mix {
  name: string;
  weighted?: boolean;
  options: (p: number) => FitOptions;
}

const MIXES: Mix[] = [
  { name: 'elastic net α = 0.5', options: () => ({ alpha: 0.5 }) },
  {
    name: 'weights, penalty factors (0, 3, ∞) and bounds, α = 0.7',
    weighted: true,
    options: (p) => {
      const penaltyFactor = new Array<number>(p).fill(1);
      penaltyFactor[0] = 0;
      penaltyFactor[1] = 3;
      penaltyFactor[4] = Infinity;
      const lower = new Array<number>(p).fill(-Infinity);
      const upper = new Array<number>(p).fill(Infinity);
      lower[2] = -0.05;
      upper[3] = 0.05;
      return { alpha: 0.7, penaltyFactor, lower, upper };
    },
  },
  { name: 'lasso without intercept or standardization', options: () => ({ alpha: 1, intercept: false, standardize: false }) },
];

/** A fixture problem, its first λ values from the CPU path, and the solve spec for the page. */
async function solveSpec(loss: LossName, mix: Mix, nLambda = 5): Promise<SolveSpec> {
  const table = readFixtureCsv(FILES[loss]);
  const u = rng(11);
  const data = { X: table.X, y: table.y, weights: mix.weighted ? table.y.map(() => 0.2 + 2 * u()) : undefined };
  const options: FitOptions = { loss, ...mix.options(table.X[0].length), ...(loss === 'quantile' ? { tau: 0.3 } : {}) };
  const fit = await fitPath(data, { ...options, nLambda, backend: 'cpu' });
  return { data, options, lambdas: fit.lambda, kktTolerance: 1e-9 * fit.lambda[0], maxIterations: 20_000 };
}

describe('the smooth losses\' WGSL twins match their TypeScript functions on a grid', () => {
  for (const loss of LOSS_NAMES.filter((name) => getLoss(name).smooth)) {
    it(loss, async () => {
      const errors = clean(await callHarness('lossTwins', loss));
      expect(errors.points).toBeGreaterThan(50);
      for (const f of ['value', 'derivative', 'curvature', 'newtonCurvature'] as const) expect(errors[f], f).toBeLessThan(OP_TOLERANCE);
    });
  }
});

const SMOOTH = new Set<LossName>(['squared', 'logistic', 'poisson', 'huber']);

describe('the batched solver on WebGPU matches the float64 CPU twin (objective per λ)', () => {
  for (const loss of LOSSES) {
    for (const mix of MIXES) {
      it(`${loss}: ${mix.name}`, async () => {
        const spec = await solveSpec(loss, mix);
        if (SMOOTH.has(loss)) {
          // The smooth losses run proximal Newton on WebGPU (it has the Newton ops), not FISTA.
          const work = clean(await callHarness('solveWork', toWire(spec)));
          expect(work.outerIterations, 'proximal Newton rounds').toBeGreaterThan(0);
        }
        const r = clean(await callHarness('compareSolve', toWire(spec)));
        expect(r.cpuConverged.every(Boolean)).toBe(true);
        r.gpu.forEach((g, k) => {
          expect(r.gpuConverged[k], `λ index ${k} converged (float32 KKT ${r.gpuKkt[k]})`).toBe(true);
          expect(Math.abs(g - r.cpu[k]) / Math.abs(r.cpu[k]), `λ index ${k} objective`).toBeLessThan(OBJECTIVE_TOLERANCE);
        });
      });
    }
  }
});

describe('every other registered penalty the batched iteration takes, on WebGPU against the float64 twin', () => {
  for (const name of PENALTY_NAMES.filter((penalty) => penalty !== 'enet')) {
    for (const loss of LOSSES.filter((l) => batchedSolves(PENALTIES[name], getLoss(l).smooth))) {
      it(`${loss} × ${name}`, async () => {
        const grouped = PENALTIES[name].traits.grouped;
        const spec = await solveSpec(loss, { name, options: (p) => ({ penalty: grouped ? { name, groups: groupLabels(p) } : name, alpha: 0.8 }) });
        const r = clean(await callHarness('compareSolve', toWire(spec)));
        expect(r.cpuConverged.every(Boolean)).toBe(true);
        // A nonconvex penalty's float32 and float64 iterations may settle in different local
        // optima from the same start: both must be stationary, their objectives close.
        const tolerance = PENALTIES[name].traits.convex ? OBJECTIVE_TOLERANCE : NONCONVEX_OBJECTIVE_TOLERANCE;
        r.gpu.forEach((g, k) => {
          expect(r.gpuConverged[k], `λ index ${k} stationary (float32 certificate ${r.gpuKkt[k]})`).toBe(true);
          expect(Math.abs(g - r.cpu[k]) / Math.abs(r.cpu[k]), `λ index ${k} objective`).toBeLessThan(tolerance);
        });
      });
    }
  }
});

describe('Gram mode (squared loss, n ≫ p) on WebGPU', () => {
  // The fixture's n = 200 ≥ 4 (p + 1): the solves above ran in Gram mode; these run the direct
  // products on the same problems, and both must agree with the CPU twin.
  for (const mix of MIXES) {
    it(`squared without Gram mode: ${mix.name}`, async () => {
      const r = clean(await callHarness('compareSolve', toWire({ ...(await solveSpec('squared', mix)), gram: false })));
      r.gpu.forEach((g, k) => {
        expect(r.gpuConverged[k], `λ index ${k} converged`).toBe(true);
        expect(Math.abs(g - r.cpu[k]) / Math.abs(r.cpu[k]), `λ index ${k} objective`).toBeLessThan(OBJECTIVE_TOLERANCE);
      });
    });
  }
});

describe('row blocks', () => {
  it('forced tiny row blocks give the one-block answer, to the bit', async () => {
    // With at most 64 chunks of X̃ᵀD over 200 rows, both layouts sum the same 64-row chunks in
    // the same order, so every float32 operation is the same.
    for (const loss of ['squared', 'logistic'] as LossName[]) {
      const spec = { ...(await solveSpec(loss, MIXES[1], 4)), gram: false };
      const one = clean(await callHarness('compareSolve', toWire(spec)));
      const blocked = clean(await callHarness('compareSolve', toWire({ ...spec, backend: TINY_BLOCKS })));
      expect(blocked.gpuIterations).toEqual(one.gpuIterations);
      expect(blocked.gpuCoefs).toEqual(one.gpuCoefs);
      expect(one.gpuCoefs.flat().some((b) => b !== 0)).toBe(true);
    }
  });
});
