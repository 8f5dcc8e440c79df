// The batched multinomial iteration's float64 twin (solver 'batched', backend cpu): classes × λ as
// the batch's columns (FISTA on the softmax terms, the grouped prox across classes), against
// coordinate descent's optimum and R glmnet's on the synthetic 3-class references (weights,
// penalty factors 0 and ∞, α = 0.5, bounds, no intercept, no standardization), and the twin's
// ops against direct float64 evaluations.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { validateMultinomial } from '../src/problem/multinomial-options.js';
import { standardize } from '../src/problem/standardize.js';
import type { BatchBackend, BatchOps } from '../src/solvers/batched/backend.js';
import { cpuBatchBackend } from '../src/solvers/batched/cpu-backend.js';
import { solveMultinomialBatched } from '../src/solvers/batched/multinomial-path.js';
import { workspaceDoubles } from '../src/solvers/multinomial/workspace.js';
import { groupDistance, groupKktTwin, groupProxTwin, softmaxTermsTwin } from '../src/solvers/batched/cpu-multinomial.js';
import { caseInput, multinomialRefs } from './helpers/multinomial-refs.js';

const synthetic = multinomialRefs.cases.filter((c) => c.file === 'multinomial.csv');
/** Every 5th λ of the reference grid. */
const pick = (lambda: number[]) => lambda.map((_, k) => k).filter((k) => k % 5 === 0);

describe('multinomial by the batched iteration (float64 twin)', () => {
  it.each(synthetic.map((c) => [c.name, c] as const))('%s: objective within 1e-8 of coordinate descent and of glmnet', async (_, c) => {
    const ks = pick(c.lambda);
    const { data, options } = caseInput(c, ks.map((k) => c.lambda[k]));
    const batched = await fitPath(data, { ...options, backend: 'cpu', solver: 'batched', tol: 1e-10 });
    const cd = await fitPath(data, { ...options, backend: 'cpu', tol: 1e-12 });
    expect(batched.device.finishedOn!.every((on) => on === 'cpu-batched')).toBe(true);
    expect(batched.converged.every(Boolean)).toBe(true);
    ks.forEach((k, t) => {
      expect((batched.objective[t] - cd.objective[t]) / cd.objective[t], `vs cd at λ ${k}`).toBeLessThan(1e-8);
      expect(Math.abs(batched.objective[t] - c.objective[k]) / c.objective[k], `vs glmnet at λ ${k}`).toBeLessThan(1e-8);
      expect(batched.df[t], `df at λ ${k}`).toBe(c.df[k]);
      expect(Math.abs(batched.intercept[t].reduce((s, v) => s + v, 0))).toBeLessThan(c.intercept ? 1e-12 : Infinity);
    });
  }, 60_000);
});

describe('the default λ sequence by the batched iteration', () => {
  it('is coordinate descent\'s: the same λ_max, sequence and early stop, objectives within 1e-8', async () => {
    const c = synthetic.find((r) => r.name === 'synthetic ungrouped enet weights pf')!;
    const { data, options } = caseInput(c, []);
    const { lambda: _lambda, ...rest } = options;
    const batched = await fitPath(data, { ...rest, nLambda: 40, backend: 'cpu', solver: 'batched', tol: 1e-12 });
    const cd = await fitPath(data, { ...rest, nLambda: 40, backend: 'cpu', tol: 1e-12 });
    expect(batched.lambda.length).toBe(cd.lambda.length);
    // λ_max follows the unpenalized feature's fit (penalty factor 0), to each fit's tol.
    batched.lambda.forEach((l, k) => expect(Math.abs(l / cd.lambda[k] - 1)).toBeLessThan(1e-7));
    batched.objective.forEach((o, k) => expect(Math.abs(o / cd.objective[k] - 1), `λ ${k}`).toBeLessThan(1e-8));
    expect(batched.problem.lambdaSequence).toBe('default');
  }, 60_000);
});

describe('the multinomial twins', () => {
  const n = 7, p = 3, C = 3, rows = p + 1;
  const twin = {
    nSamples: n, nFeatures: p, y: Float64Array.from([0, 1, 2, 2, 1, 0, 1]), wn: Float64Array.from([1, 2, 1, 0, 1, 2, 1].map((v) => v / 8)),
    intercept: true, usable: Uint8Array.from([1, 0, 1]), l1Unit: Float64Array.from([0.5, 0.5, 1]), l2Unit: Float64Array.from([0.5, 0.5, 0]),
  };
  const all = Int32Array.from({ length: C }, (_, k) => k);
  it('softmax terms: D = wn(1[y = c] − p), the group\'s loss in every column', () => {
    const eta = Float64Array.from({ length: n * C }, (_, i) => Math.sin(3 * i));
    const D = new Float64Array(n * C);
    const value = new Float64Array(C);
    softmaxTermsTwin(twin, all, eta, D, value, C);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const e = [0, 1, 2].map((c) => eta[c * n + i]);
      const z = e.reduce((s, v) => s + Math.exp(v), 0);
      e.forEach((v, c) => expect(D[c * n + i]).toBeCloseTo(twin.wn[i] * ((twin.y[i] === c ? 1 : 0) - Math.exp(v) / z), 14));
      loss += twin.wn[i] * (Math.log(z) - e[twin.y[i]]);
    }
    value.forEach((v) => expect(v).toBeCloseTo(loss, 14));
  });
  it('group prox: block soft-threshold across classes, zero at the threshold, the intercept free', () => {
    const Z = Float64Array.from({ length: rows * C }, (_, i) => Math.cos(i));
    const G = Float64Array.from({ length: rows * C }, (_, i) => Math.sin(2 * i));
    const out = new Float64Array(rows * C);
    const t = 0.7, lambda = 0.9;
    groupProxTwin(twin, all, { Z, G, X: null, out, step: new Float64Array(C).fill(t), lambda: new Float64Array(C).fill(lambda) }, C);
    for (let j = 0; j < rows; j++) {
      const v = [0, 1, 2].map((c) => Z[c * rows + j] + t * G[c * rows + j]);
      const norm = Math.hypot(...v);
      const expected = j === p ? v : !twin.usable[j] ? [0, 0, 0]
        : v.map((x) => x * Math.max(0, 1 - (t * lambda * twin.l1Unit[j]) / norm) / (1 + t * lambda * twin.l2Unit[j]));
      expected.forEach((e, c) => expect(out[c * rows + j]).toBeCloseTo(e, 14));
    }
    // The prox's output is optimal for its own problem: its KKT distance is 0.
    const back = Float64Array.from(out, (b, i) => (Z[i] + t * G[i] - b) / t);
    const kkt = new Float64Array(C);
    groupKktTwin({ ...twin, intercept: false }, all, back, out, new Float64Array(C).fill(lambda), kkt, C);
    expect(kkt[0]).toBeLessThan(1e-13);
  });
  it('group distance: inside the ball 0, outside its excess', () => {
    expect(groupDistance(Float64Array.of(0.3, 0.4), Float64Array.of(0, 0), 1, 0)).toBe(0);
    expect(groupDistance(Float64Array.of(3, 4), Float64Array.of(0, 0), 1, 0)).toBeCloseTo(4, 14);
    expect(groupDistance(Float64Array.of(0.6, 0.8), Float64Array.of(3, 4), 1, 0)).toBeCloseTo(0, 14);
  });
});

describe('a batched backend that fails mid-path', () => {
  it('keeps the λ solved before and solves the rest on the float64 twin, with a warning', async () => {
    const c = synthetic.find((r) => r.type === 'grouped')!;
    const { data, options } = caseInput(c, c.lambda.filter((_, k) => k % 3 === 0));
    const mp = validateMultinomial(data, { ...options, tol: 1e-10 });
    const std = standardize(mp.base, workspaceDoubles(mp.base.nSamples, mp.base.nFeatures, mp.nClasses), 'dense');
    // The twin's ops as a float32 backend whose reads fail from the 4th on (a lost device).
    let reads = 0;
    const failing: BatchBackend = {
      name: 'failing',
      async open(problem, s) {
        const ops = (await cpuBatchBackend.open(problem, s)) as BatchOps & Record<string, unknown>;
        const read = ops.read.bind(ops);
        return Object.assign(Object.create(Object.getPrototypeOf(ops)), ops, {
          precision: 'float32',
          read: (b: Parameters<BatchOps['read']>[0]) => (++reads >= 4 ? Promise.reject(new Error('device lost')) : read(b)),
        }) as BatchOps;
      },
    };
    try {
      const solution = await solveMultinomialBatched(mp, std, failing, 'webgpu');
      const reference = await fitPath(data, { ...options, backend: 'cpu', tol: 1e-12 });
      expect(solution.finishedOn).toContain('webgpu');
      expect(solution.finishedOn).toContain('cpu-batched');
      const warning = solution.warnings.find((w) => w.includes('device lost'))!;
      const at = Number(/failed at λ (\d+)/.exec(warning)![1]) - 1;
      expect(at).toBeGreaterThan(0);
      expect(solution.finishedOn.slice(at).every((on) => on === 'cpu-batched')).toBe(true);
      expect(solution.finishedOn.slice(0, at)).toContain('webgpu');
      expect(solution.converged.every(Boolean)).toBe(true);
      solution.lossValue.forEach((l, k) => expect(Math.abs(l + solution.penaltyValue[k] - reference.objective[k]) / reference.objective[k]).toBeLessThan(1e-8));
    } finally {
      std.heap.release();
    }
  }, 60_000);
});

describe('a float32 backend whose solutions miss the float64 target', () => {
  it('has those λ finished by the float64 twin from its solution, and says so', async () => {
    const c = synthetic.find((r) => r.name === 'synthetic ungrouped enet weights pf')!;
    const { data, options } = caseInput(c, c.lambda.filter((_, k) => k % 10 === 5));
    const mp = validateMultinomial(data, { ...options, tol: 1e-10 });
    const std = standardize(mp.base, workspaceDoubles(mp.base.nSamples, mp.base.nFeatures, mp.nClasses), 'dense');
    // The twin's ops as a float32 backend whose coefficients come back off by 1e-3 (a coarse device).
    const coarse: BatchBackend = {
      name: 'coarse',
      async open(problem, s) {
        const ops = await cpuBatchBackend.open(problem, s);
        const read = ops.read.bind(ops);
        return Object.assign(Object.create(Object.getPrototypeOf(ops)), ops, {
          precision: 'float32',
          read: async (b: Parameters<BatchOps['read']>[0]) => {
            const values = await read(b);
            return b.kind === 'coefs' ? values.map((v, i) => v + 1e-3 * Math.sin(i)) : values;
          },
        }) as BatchOps;
      },
    };
    try {
      const solution = await solveMultinomialBatched(mp, std, coarse, 'webgpu');
      const reference = await fitPath(data, { ...options, backend: 'cpu', tol: 1e-12 });
      expect(solution.finishedOn.every((on) => on === 'cpu-batched')).toBe(true);
      expect(solution.converged.every(Boolean)).toBe(true);
      solution.lossValue.forEach((l, k) => expect(Math.abs(l + solution.penaltyValue[k] - reference.objective[k]) / reference.objective[k]).toBeLessThan(1e-8));
    } finally {
      std.heap.release();
    }
  }, 60_000);
});
