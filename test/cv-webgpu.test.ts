// Cross-validation on WebGPU against the CPU's: cvPath with backend webgpu runs in headless
// Chromium here (no Dawn GPU), on its SwiftShader, with every fold × λ in one float32 batch; the
// CPU runs one fit per fold (coordinate descent; the exact path for quantile). Both at tol 1e-10, where the batch's KKT target
// is float32's floor (src/solvers/batched/precision.ts). Stated tolerance: cvm within 1e-4
// relative at every λ (measured ≲ 4e-5); λ_min and λ_1se the same indices, on data whose CV
// curve separates them by more than that tolerance (checked first, so the test means something).

import { describe, expect, it } from 'vitest';
import { BATCH_METHOD } from '../src/cv/folds-route.js';
import { cvPath } from '../src/api/cv-path.js';
import type { CvCurve } from '../src/cv/cv-fit.js';
import type { LossName } from '../src/problem/types.js';
import { mulberry32, normalGenerator } from '../src/random.js';
import { requireBuild } from './helpers/cli.js';

/** SwiftShader is a CPU: one cross-validation in headless Chromium takes 10–20 s here. */
const GPU_TIMEOUT = 180_000;
const CVM_TOLERANCE = 1e-4;

function data(loss: LossName, seed: number): { X: number[][]; y: number[] } {
  const normal = normalGenerator(seed);
  const uniform = mulberry32(seed + 1);
  const X = Array.from({ length: 120 }, () => Array.from({ length: 8 }, () => normal()));
  const y = X.map((r) => {
    const eta = r[0] - 0.7 * r[1] + 0.5 * r[2];
    if (loss === 'logistic') return uniform() < 1 / (1 + Math.exp(-2 * eta)) ? 1 : 0;
    if (loss === 'poisson') return Math.round(Math.exp(0.5 * eta) * (0.5 + uniform()));
    if (loss === 'quantile') return 2 * eta + normal() / (uniform() + 0.2); // heavy-tailed noise
    return 2 * eta + normal();
  });
  return { X, y };
}

/**
 * How clearly the curve picks its λ: the smallest relative gap between cvm at λ_min and any
 * other cvm, and between the 1-SE threshold and any cvm. Rounding within the tolerance cannot
 * move an index when both exceed it.
 */
function margins(c: CvCurve): { min: number; oneSe: number } {
  const best = c.cvm[c.indexMin];
  const threshold = best + c.cvsd[c.indexMin];
  let min = Infinity;
  let oneSe = Infinity;
  c.cvm.forEach((v, k) => {
    if (k !== c.indexMin) min = Math.min(min, (v - best) / best);
    oneSe = Math.min(oneSe, Math.abs(v - threshold) / threshold);
  });
  return { min, oneSe };
}

describe('cross-validation on WebGPU (SwiftShader, headless Chromium) agrees with the CPU', () => {
  // Quantile folds: PDHG on working sets, each fold × λ column finished exactly on its own fold.
  // Per loss, the data and folds seeds (data 3 + c, folds 2 + c); quantile's c = 6, a curve that
  // separates its λ_min clearly (checked below).
  ([['squared', 0], ['logistic', 1], ['poisson', 2], ['quantile', 6]] as [LossName, number][]).forEach(([loss, c]) => {
    it(`${loss}: cvm within ${CVM_TOLERANCE} relative, the same λ_min and λ_1se`, async () => {
      requireBuild();
      const options = { loss, folds: 5, seed: 2 + c, nLambda: 15, tol: 1e-10 };
      const d = data(loss, 3 + c);
      const cpu = await cvPath(d, { ...options, backend: 'cpu' });
      const gpu = await cvPath(d, { ...options, backend: 'webgpu' });
      expect(cpu.folds).toMatchObject({ backend: 'cpu' });
      expect(gpu.folds).toMatchObject({ backend: 'webgpu', method: BATCH_METHOD, device: { host: 'headless-chromium' } });
      // A fold with a column float32 could not certify is fitted again on the CPU, and said so.
      gpu.warnings.forEach((w) => expect(w).toMatch(/stopped on float32 rounding .* fitted again on the CPU$/));
      const [a, b] = [cpu.curves[0], gpu.curves[0]];
      expect(b.lambda.length).toBe(a.lambda.length);
      b.lambda.forEach((l, k) => expect(Math.abs(l - a.lambda[k]) / a.lambda[k], `λ index ${k}`).toBeLessThan(1e-12));
      const m = margins(a);
      expect(Math.min(m.min, m.oneSe), 'the CPU curve separates λ_min and λ_1se from their neighbours').toBeGreaterThan(2 * CVM_TOLERANCE);
      a.cvm.forEach((v, k) => expect(Math.abs(b.cvm[k] - v) / Math.abs(v), `cvm at λ index ${k}`).toBeLessThan(CVM_TOLERANCE));
      expect(b.indexMin).toBe(a.indexMin);
      expect(b.index1se).toBe(a.index1se);
    }, GPU_TIMEOUT);
  });
});

describe('a grouped penalty cross-validated with backend webgpu', () => {
  it('fits the whole path on WebGPU, its folds on the CPU (the fold batch needs a homogeneous penalty), and says so', async () => {
    requireBuild();
    const d = data('logistic', 5);
    const penalty = { name: 'group' as const, groups: ['a', 'a', 'b', 'b', 'b', 'c', 'd', 'd'] };
    const options = { loss: 'logistic' as const, penalty, folds: 4, seed: 3, nLambda: 12, tol: 1e-10 };
    const cpu = await cvPath(d, { ...options, backend: 'cpu' });
    const gpu = await cvPath(d, { ...options, backend: 'webgpu' });
    expect(gpu.folds).toMatchObject({ backend: 'cpu' });
    expect(gpu.folds?.method).toContain('penalty group');
    const [a, b] = [cpu.curves[0], gpu.curves[0]];
    expect(b.fit.backend).toBe('webgpu');
    expect(b.fit.converged.every(Boolean)).toBe(true);
    // The same folds fitted the same way: the same curve; the full path within float32's reach.
    b.cvm.forEach((v, k) => expect(v).toBeCloseTo(a.cvm[k], 12));
    b.fit.objective.forEach((v, k) => expect(Math.abs(v - a.fit.objective[k]) / Math.abs(a.fit.objective[k]), `objective at λ ${k}`).toBeLessThan(1e-5));
  }, GPU_TIMEOUT);
});
