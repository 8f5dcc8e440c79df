// Multinomial logistic regression on WebGPU, in headless Chromium (SwiftShader where there is no
// GPU): the multinomial kernels (softmax terms over a λ's C adjacent columns, group sums and
// maxima, the grouped prox and KKT across classes) against their float64 twins to 1e-5 relative
// (padding rows, an inactive group, an unusable feature, weights, penalty factor 0, no intercept);
// then whole paths, classes × λ as the batch's columns, against coordinate descent's optimum and
// R glmnet's (test/fixtures/refs/multinomial.json, the synthetic 3-class set: weights, penalty
// factors 0 and ∞, α = 0.5, bounds, no standardization): the float64 objective within 1e-5
// relative at every λ, every λ converged (on the device, or finished by the float64 twin from the
// device's solution: the result says which).

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { fromWire, toWire } from '../src/hosts/wire.js';
import { requireBuild } from './helpers/cli.js';
import { gpuSuite } from './helpers/gpu-suite.js';
import { caseInput, multinomialRefs } from './helpers/multinomial-refs.js';

const OP_TOLERANCE = 1e-5;
const OBJECTIVE_TOLERANCE = 1e-5;
/** Every STRIDE-th λ of a reference path: SwiftShader is slow. */
const STRIDE = 8;

const { call, clean } = gpuSuite();

describe('the multinomial kernels match their float64 twins', () => {
  const cases = [
    { nSamples: 97, nFeatures: 9, nClasses: 3, nLambda: 3, seed: 1, weights: true, penaltyFactors: true },
    { nSamples: 130, nFeatures: 5, nClasses: 4, nLambda: 2, seed: 2, intercept: false, alpha: 0.5 },
  ];
  it.each(cases.map((c) => [`n = ${c.nSamples}, p = ${c.nFeatures}, C = ${c.nClasses}, ${c.nLambda} λ`, c] as const))('%s', async (_, spec) => {
    const errors = clean(await call('compareMultinomialOps', spec));
    const ops = ['softmaxTerms.D', 'softmaxTerms.value', 'groupColumns.sum', 'groupColumns.max', 'groupProx', 'groupProx.gradDot', 'groupProx.stepSquared', 'groupProx.restartDot', 'groupKkt'];
    for (const op of ops) expect(errors[op], op).toBeLessThan(OP_TOLERANCE);
    console.log('largest relative error of the multinomial ops', Math.max(...ops.map((op) => errors[op])).toExponential(2));
  }, 120_000);
});

interface GpuFit {
  backend: string; lambda: number[]; objective: number[]; converged: boolean[]; iterations: number[]; finishedOn: string[];
  kktViolation: number[]; df: number[]; host: string;
}

describe('multinomial paths on WebGPU', () => {
  const synthetic = multinomialRefs.cases.filter((c) => c.file === 'multinomial.csv');
  it.each(synthetic.map((c) => [c.name, c] as const))('%s: objective within 1e-5 of coordinate descent and of glmnet', async (_, c) => {
    const ks = c.lambda.map((__, k) => k).filter((k) => k % STRIDE === 0);
    const { data, options } = caseInput(c, ks.map((k) => c.lambda[k]));
    const gpu = fromWire<GpuFit>(clean(await call('multinomialFit', toWire({ data, options: { ...options, tol: 1e-7 } }))));
    const cpu = await fitPath(data, { ...options, backend: 'cpu', tol: 1e-12 });
    expect(gpu.backend).toBe('webgpu');
    expect(gpu.converged.every(Boolean)).toBe(true);
    expect(gpu.finishedOn.length).toBe(ks.length);
    // Measured here (tol 1e-7): 6 to 10 of each path's 8 to 10 λ certified on the device in float64 at
    // their float32 coefficients, the rest finished by the float64 twin (the device's own are checked below).
    expect(gpu.finishedOn.filter((on) => on === 'webgpu').length).toBeGreaterThanOrEqual(ks.length / 2);
    expect(gpu.finishedOn.every((on) => on === 'webgpu' || on === 'cpu-batched')).toBe(true);
    ks.forEach((k, t) => {
      expect(Math.abs(gpu.objective[t] - cpu.objective[t]) / cpu.objective[t], `vs coordinate descent at λ ${k}`).toBeLessThan(OBJECTIVE_TOLERANCE);
      expect(Math.abs(gpu.objective[t] - c.objective[k]) / c.objective[k], `vs glmnet at λ ${k}`).toBeLessThan(OBJECTIVE_TOLERANCE);
    });
    // The device's own float32 solutions, none finished by the twin: their float64 objectives too.
    const own = fromWire<{ objective: number[]; kktViolation: number[] }>(clean(await call('multinomialDeviceOnly', toWire({ data, options: { ...options, tol: 1e-7 } }))));
    ks.forEach((k, t) => expect(Math.abs(own.objective[t] - c.objective[k]) / c.objective[k], `device's own solution at λ ${k}`).toBeLessThan(OBJECTIVE_TOLERANCE));
    console.log(c.name, 'device only: max rel objective gap', Math.max(...ks.map((k, t) => Math.abs(own.objective[t] - c.objective[k]) / c.objective[k])).toExponential(2),
      'largest KKT / λ_max', Math.max(...own.kktViolation).toExponential(2));
    console.log(c.name, 'finished on', gpu.finishedOn.join(' '), 'iterations', gpu.iterations.join(' '),
      'max rel objective gap', Math.max(...ks.map((k, t) => Math.abs(gpu.objective[t] - c.objective[k]) / c.objective[k])).toExponential(2));
  }, 300_000);
});

describe('whole default paths on WebGPU', () => {
  it.each(['synthetic ungrouped enet weights pf', 'synthetic grouped enet weights pf'])('%s: glmnet\'s sequence and early stop, objective within 1e-5 at the default tol', async (name) => {
    const c = multinomialRefs.cases.find((r) => r.name === name)!;
    const { data, options } = caseInput(c, []);
    const { lambda: _lambda, ...rest } = options;
    const gpu = fromWire<GpuFit>(clean(await call('multinomialFit', toWire({ data, options: rest }))));
    const cpu = await fitPath(data, { ...rest, backend: 'cpu', tol: 1e-12 });
    // Measured: 75 λ as glmnet's, 72 of them certified on the device, objectives within 1.6e-6.
    expect(gpu.lambda.length).toBe(cpu.lambda.length);
    expect(gpu.converged.every(Boolean)).toBe(true);
    gpu.objective.forEach((o, k) => expect(Math.abs(o - cpu.objective[k]) / cpu.objective[k], `λ ${k}`).toBeLessThan(OBJECTIVE_TOLERANCE));
  }, 300_000);
});

describe('a multinomial path on WebGPU with 10 classes', () => {
  it('digits (600 × 64, C = 10), the top of glmnet\'s ungrouped and grouped paths: objective within 1e-5', async () => {
    for (const c of multinomialRefs.cases.filter((r) => r.file === 'digits.csv')) {
      const ks = [0, 4, 8, 12];
      const { data, options } = caseInput(c, ks.map((k) => c.lambda[k]));
      const t = performance.now();
      const gpu = fromWire<GpuFit>(clean(await call('multinomialFit', toWire({ data, options: { ...options, tol: 1e-7 } }))));
      const ms = performance.now() - t;
      expect(gpu.converged.every(Boolean)).toBe(true);
      ks.forEach((k, i) => expect(Math.abs(gpu.objective[i] - c.objective[k]) / c.objective[k], `${c.name} vs glmnet at λ ${k}`).toBeLessThan(OBJECTIVE_TOLERANCE));
      console.log(c.name, 'finished on', gpu.finishedOn.join(' '), 'iterations', gpu.iterations.join(' '), `${ms.toFixed(0)} ms`,
        'max rel objective gap', Math.max(...ks.map((k, i) => Math.abs(gpu.objective[i] - c.objective[k]) / c.objective[k])).toExponential(2));
    }
  }, 600_000);
});

describe('backend webgpu from Node (headless Chromium where Dawn has no adapter)', () => {
  it('string labels travel as class indices and come back as the classes; objective within 1e-5 of glmnet', async () => {
    requireBuild();
    const c = multinomialRefs.cases.find((r) => r.name === 'synthetic grouped enet weights pf')!;
    const ks = [0, 16, 32];
    const { data, options } = caseInput(c, ks.map((k) => c.lambda[k]));
    const fit = await fitPath(data, { ...options, backend: 'webgpu', tol: 1e-8 });
    expect(fit.backend).toBe('webgpu');
    expect(fit.classes.map(String)).toEqual(c.classes);
    expect(fit.converged.every(Boolean)).toBe(true);
    ks.forEach((k, t) => expect(Math.abs(fit.objective[t] - c.objective[k]) / c.objective[k], `λ ${k}`).toBeLessThan(OBJECTIVE_TOLERANCE));
    expect(fit.predict(data.X.slice(0, 3), { type: 'class' }).every((label) => c.classes.includes(String(label)))).toBe(true);
  }, 300_000);
});

describe('auto with loss multinomial', () => {
  it('stays on the CPU and says why', async () => {
    const c = multinomialRefs.cases.find((r) => r.file === 'multinomial.csv')!;
    const { data, options } = caseInput(c, c.lambda.slice(0, 2));
    const fit = await fitPath(data, options);
    expect(fit.backend).toBe('cpu');
    expect(fit.device.reason).toContain('auto: loss multinomial runs on the CPU');
  });
});
