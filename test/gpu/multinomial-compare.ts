// The multinomial ops on WebGPU against their float64 twins (test/webgpu-multinomial.test.ts),
// and whole multinomial paths on the page's device. Runs in the page (test/gpu/harness.ts).

import { fitPath } from '../../src/api/fit-path.js';
import { webGpuBatchBackend } from '../../src/gpu/webgpu-backend.js';
import { validateMultinomial } from '../../src/problem/multinomial-options.js';
import { standardize } from '../../src/problem/standardize.js';
import type { MultinomialOptions } from '../../src/problem/types.js';
import { mulberry32 } from '../../src/random.js';
import { type BatchBuffer, type BatchOps, type BufferKind, hasMultinomial, type MultinomialOps } from '../../src/solvers/batched/backend.js';
import { cpuBatchBackend } from '../../src/solvers/batched/cpu-backend.js';
import { solveMultinomialBatched } from '../../src/solvers/batched/multinomial-path.js';
import { workspaceDoubles } from '../../src/solvers/multinomial/workspace.js';
import { relativeError } from './ops-compare.js';

export interface MultinomialOpsSpec {
  nSamples: number; nFeatures: number; nClasses: number; nLambda: number; seed: number;
  weights?: boolean; penaltyFactors?: boolean; intercept?: boolean; alpha?: number;
}

type Ops = BatchOps & MultinomialOps;

/** Random X (a column constant: unusable), labels, weights and penalty factors (one 0). */
function dataOf(spec: MultinomialOpsSpec) {
  const u = mulberry32(spec.seed);
  const { nSamples: n, nFeatures: p, nClasses: C } = spec;
  const X = Array.from({ length: n }, () => Array.from({ length: p }, (_, j) => (j === 1 ? 2 : u() * 4 - 2)));
  const y = Array.from({ length: n }, (_, i) => (i < C ? i : Math.floor(u() * C)));
  return {
    data: { X, y, ...(spec.weights ? { weights: X.map(() => 0.2 + u()) } : {}) },
    options: {
      loss: 'multinomial', alpha: spec.alpha ?? 1, intercept: spec.intercept ?? true,
      ...(spec.penaltyFactors ? { penaltyFactor: Array.from({ length: p }, (_, j) => (j === 0 ? 0 : 0.5 + j / p)) } : {}),
    } as MultinomialOptions,
  };
}

export async function compareMultinomialOps(device: GPUDevice, spec: MultinomialOpsSpec): Promise<Record<string, number>> {
  const { data, options } = dataOf(spec);
  const mp = validateMultinomial(data, options);
  const problem = mp.base;
  const C = mp.nClasses;
  const K = spec.nLambda * C;
  const std = standardize(problem, workspaceDoubles(problem.nSamples, problem.nFeatures, C), 'dense');
  const cpu = await cpuBatchBackend.open(problem, std);
  const gpu = await webGpuBatchBackend(device).open(problem, std);
  const u = mulberry32(spec.seed + 1);
  const errors: Record<string, number> = {};
  try {
    if (!hasMultinomial(cpu) || !hasMultinomial(gpu)) throw new Error('a backend lacks the multinomial ops');
    const rows = (kind: BufferKind) => (kind === 'samples' ? problem.nSamples : kind === 'coefs' ? problem.nFeatures + 1 : 1);
    const pair = (kind: BufferKind, values?: Float64Array) => {
      const v = values ?? Float64Array.from({ length: rows(kind) * K }, () => u() * 2 - 1);
      const both = { cpu: cpu.alloc(kind, K), gpu: gpu.alloc(kind, K) };
      cpu.write(both.cpu, v);
      gpu.write(both.gpu, v);
      return both;
    };
    // Coefficients of unusable features 0 (the solvers' invariant), some features 0 in a whole group.
    const coefs = () => {
      const v = Float64Array.from({ length: rows('coefs') * K }, () => u() * 2 - 1);
      for (let k = 0; k < K; k++) for (const j of [1, 2]) v[k * rows('coefs') + j] = 0;
      return pair('coefs', v);
    };
    const compare = async (name: string, b: { cpu: BatchBuffer; gpu: BatchBuffer }) => {
      errors[name] = relativeError(await cpu.read(b.cpu), await gpu.read(b.gpu));
    };
    const both = (run: (ops: Ops, side: 'cpu' | 'gpu') => void) => {
      run(cpu as Ops, 'cpu');
      run(gpu as Ops, 'gpu');
    };
    // Every group active but the second (its columns must keep their values).
    const active = Int32Array.from({ length: K }, (_, k) => k).filter((k) => spec.nLambda < 2 || Math.floor(k / C) !== 1);
    both((ops) => ops.setActive(active));
    const eta = pair('samples', Float64Array.from({ length: rows('samples') * K }, () => 6 * u() - 3));
    const D = pair('samples');
    const value = pair('columns');
    both((ops, s) => ops.softmaxTerms(eta[s], D[s], value[s], C));
    await compare('softmaxTerms.D', D);
    await compare('softmaxTerms.value', value);
    const from = pair('columns');
    const sum = pair('columns');
    const max = pair('columns');
    both((ops, s) => { ops.groupColumns(from[s], sum[s], C, false); ops.groupColumns(from[s], max[s], C, true); });
    await compare('groupColumns.sum', sum);
    await compare('groupColumns.max', max);
    const [Z, G, X, out] = [coefs(), pair('coefs'), coefs(), pair('coefs')];
    // A group's columns share their step and λ (as the solver keeps them).
    const step = pair('columns', Float64Array.from({ length: K }, (_, k) => 0.2 + 0.3 * Math.floor(k / C)));
    const lambda = pair('columns', Float64Array.from({ length: K }, (_, k) => 0.3 + 0.1 * Math.floor(k / C)));
    const sums = { gradDot: pair('columns'), stepSquared: pair('columns'), restartDot: pair('columns') };
    both((ops, s) => ops.groupProx(Z[s], G[s], step[s], lambda[s], out[s], C, X[s], { gradDot: sums.gradDot[s], stepSquared: sums.stepSquared[s], restartDot: sums.restartDot[s] }));
    await compare('groupProx', out);
    for (const [name, b] of Object.entries(sums)) await compare(`groupProx.${name}`, b);
    const kkt = pair('columns');
    both((ops, s) => ops.groupKkt(G[s], X[s], lambda[s], kkt[s], C));
    await compare('groupKkt', kkt);
  } finally {
    cpu.release();
    gpu.release();
    std.heap.release();
  }
  return errors;
}

export interface MultinomialFitSpec {
  data: { X: number[][]; y: (string | number)[]; weights?: number[] };
  options: MultinomialOptions;
}

/** A multinomial path on the page's device: what the test compares with the CPU's. */
export async function multinomialFit(device: GPUDevice, spec: MultinomialFitSpec) {
  const fit = await fitPath(spec.data, { ...spec.options, backend: 'webgpu', device });
  return {
    backend: fit.backend, lambda: fit.lambda, objective: fit.objective, converged: fit.converged, iterations: fit.iterations,
    finishedOn: fit.device.finishedOn, kktViolation: fit.kktViolation, df: fit.df, intercept: fit.intercept, beta: fit.beta, host: fit.device.host,
  };
}

/** The device's own solutions (no float64 finish): their float64 objectives and certificates. */
export async function multinomialDeviceOnly(device: GPUDevice, spec: MultinomialFitSpec) {
  const mp = validateMultinomial(spec.data, spec.options);
  const std = standardize(mp.base, workspaceDoubles(mp.base.nSamples, mp.base.nFeatures, mp.nClasses), 'dense');
  try {
    const s = await solveMultinomialBatched(mp, std, webGpuBatchBackend(device), 'webgpu', { finish: false });
    return { objective: s.lossValue.map((l, k) => l + s.penaltyValue[k]), converged: s.converged, kktViolation: s.kktViolation, iterations: s.passes };
  } finally {
    std.heap.release();
  }
}
