// Every loss spec in the registry holds together: its parameters' defaults pass their checks and
// reach the loss, the result's summary and its WGSL twin's constants; its inverse link and
// classification rule agree with its loss. A loss added to the registry is covered here.

import { describe, expect, it } from 'vitest';
import { lossShader } from '../src/gpu/programs.js';
import { SHADER_SOURCES } from '../src/gpu/shader-sources.js';
import { LOSS_NAMES, LOSS_PARAMS, lossSpec } from '../src/losses/registry.js';
import { InputError } from '../src/errors.js';
import { validate } from '../src/problem/validate.js';
import { rng } from './helpers/data.js';

/** A two-feature problem whose y suits every response kind (0/1 labels, counts, reals). */
const DATA = { X: [[1, 0], [0, 1], [1, 1], [2, 1]], y: [0, 1, 1, 0] };

/** The `override` constants a WGSL source declares. */
function overrides(source: string): string[] {
  return [...source.matchAll(/^override\s+(\w+)/gm)].map((m) => m[1]);
}

describe.each(LOSS_NAMES.map((name) => [name, lossSpec(name)] as const))('loss spec %s', (name, spec) => {
  it('is registered under its own name and makes the loss of that name', () => {
    expect(spec.name).toBe(name);
    expect(spec.make({}).name).toBe(name);
  });

  it('has parameters whose defaults pass their checks and whose checks refuse NaN', () => {
    for (const param of spec.params) {
      expect(param.check(param.default)).toBeUndefined();
      expect(param.check(NaN)).toMatch(/^must be /);
    }
  });

  it('puts its own parameters, at their defaults, in the problem and in no other', () => {
    const problem = validate(DATA, { loss: name });
    expect(problem.lossParameter).toEqual(Object.fromEntries(spec.params.map((p) => [p.key, p.default])));
  });

  it('has a WGSL twin that declares the constants the spec gives it, with the values given', () => {
    expect(Object.keys(SHADER_SOURCES)).toContain(spec.wgsl);
    const declared = overrides(SHADER_SOURCES[spec.wgsl]);
    const given = Object.fromEntries(spec.params.map((p) => [p.key, p.default * 0.8]));
    const shader = lossShader(validate(DATA, { loss: name, ...given }));
    for (const constant of Object.keys(shader.constants)) expect(declared).toContain(constant);
    for (const param of spec.params) {
      if (param.wgslConstant) expect(shader.constants[param.wgslConstant]).toBe(given[param.key]);
    }
    expect(shader.smooth).toBe(spec.make({}).smooth);
  });

  it('has an inverse link that is nondecreasing, with the classification rule at ½ for binary responses', () => {
    const u = rng(11);
    const etas = Array.from({ length: 40 }, () => 16 * u() - 8).sort((a, b) => a - b);
    const means = etas.map((eta) => spec.inverseLink(eta));
    means.slice(1).forEach((m, t) => expect(m).toBeGreaterThanOrEqual(means[t]));
    expect(spec.classify === undefined).toBe(spec.response !== 'binary');
    if (spec.classify) {
      for (const [t, eta] of etas.entries()) {
        expect(means[t]).toBeGreaterThan(0);
        expect(means[t]).toBeLessThan(1);
        expect(spec.classify(eta)).toBe(means[t] > 0.5 ? 1 : 0);
      }
    }
  });

  it('has the canonical link where it models a mean (ℓ′ = μ − y), the squared loss and the GLM families', () => {
    const loss = spec.make({});
    if (!(loss.quadratic || spec.response !== 'real')) return;
    for (const y of [0, 1, 3]) {
      if (spec.response === 'binary' && y > 1) continue;
      for (const eta of [-2, -0.3, 0, 0.4, 2.5]) expect(loss.derivative(y, eta)).toBeCloseTo(spec.inverseLink(eta) - y, 14);
    }
  });
});

describe('the registry’s loss parameters', () => {
  it('are each one option, refused out of range whatever the loss, with the parameter’s own message', () => {
    expect(new Set(LOSS_PARAMS.map((p) => p.key)).size).toBe(LOSS_PARAMS.length);
    for (const param of LOSS_PARAMS) {
      const problem = validate(DATA, { [param.key]: param.default });
      expect(problem.lossParameter).toEqual({});
      expect(() => validate(DATA, { [param.key]: -1 })).toThrow(new InputError(`option ${param.key}: -1 ${param.check(-1)}`));
    }
  });

  it('reach the WGSL twins: Huber’s δ as HUBER_DELTA (1.35 by default), quantile τ as slopes', () => {
    expect(lossShader(validate(DATA, { loss: 'huber' })).constants).toEqual({ HUBER_DELTA: 1.35 });
    expect(lossShader(validate(DATA, { loss: 'quantile', tau: 0.3 })).constants).toEqual({ SLOPE_BELOW: -0.7, SLOPE_ABOVE: 0.3 });
    expect(lossShader(validate(DATA, { loss: 'absolute' })).constants).toEqual({ SLOPE_BELOW: -1, SLOPE_ABOVE: 1 });
  });
});
