// Data at the ends of float64's range and options beyond what a fit can hold: every result is
// finite, or the fit fails with an InputError naming the cause (the column, y, the weights, the
// option); scale-free inputs (weights, penalty factors) give the fit of their ratios; library
// misuse is an InputError naming the option.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/api/fit-path.js';
import { InputError } from '../src/errors.js';
import type { Dataset, FitOptions } from '../src/problem/types.js';
import { rng } from './helpers/data.js';

function regression(n: number, p: number, seed: number): { X: number[][]; y: number[] } {
  const random = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => random() - 0.5));
  const y = X.map((row) => row[0] - 0.5 * row[1] + 0.3 * (random() - 0.5));
  return { X, y };
}

const cpu: FitOptions = { backend: 'cpu', nLambda: 8 };

/** Every number of the fit is finite, and it says whether it converged. */
function expectFinite(fit: Awaited<ReturnType<typeof fitPath>>): void {
  for (const values of [fit.lambda, fit.intercept, fit.objective, fit.devRatio, fit.kktViolation, ...fit.beta]) {
    for (const v of values) expect(Number.isFinite(v)).toBe(true);
  }
}

async function inputError(data: Dataset, options: FitOptions): Promise<string> {
  const error = await fitPath(data, options).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

describe('weights and penalty factors are scale-free', () => {
  const { X, y } = regression(60, 3, 1);
  const ones = new Array<number>(60).fill(1);

  it('weights whose sum overflows (1e308 each) or all subnormal (1e-320) fit as equal weights', async () => {
    const reference = await fitPath({ X, y, weights: ones }, cpu);
    for (const w of [1e308, 1e-320]) {
      const fit = await fitPath({ X, y, weights: new Array<number>(60).fill(w) }, cpu);
      expectFinite(fit);
      expect(fit.converged.every(Boolean)).toBe(true);
      expect(fit.lambda).toEqual(reference.lambda);
      for (let k = 0; k < fit.lambda.length; k++) {
        expect(fit.objective[k]).toBeCloseTo(reference.objective[k], 12);
        expect(fit.intercept[k]).toBeCloseTo(reference.intercept[k], 10);
      }
    }
  });

  it('penalty factors whose sum overflows fit as their ratios (not as no penalty)', async () => {
    const huge = await fitPath({ X, y }, { ...cpu, penaltyFactor: [1e308, 1e308, 1] });
    const ratios = await fitPath({ X, y }, { ...cpu, penaltyFactor: [1, 1, 1e-308] });
    expectFinite(huge);
    expect(huge.lambda).toEqual(ratios.lambda);
    expect(huge.beta).toEqual(ratios.beta);
    // Not ordinary least squares: the first λ keeps the penalized features at 0.
    expect(huge.beta[0].slice(0, 2)).toEqual([0, 0]);
  });
});

describe('overflow is refused with its cause, never returned as NaN or Infinity', () => {
  it('y near 1e200 (its squares overflow): an InputError naming y', async () => {
    const { X, y } = regression(50, 3, 2);
    const message = await inputError({ X, y: y.map((v) => v * 1e200) }, cpu);
    expect(message).toMatch(/overflowed float64.*y has values up to/);
  });

  it('a column near 1e200: an InputError naming the column', async () => {
    const { X, y } = regression(50, 3, 3);
    const message = await inputError({ X: X.map((r) => [r[0], r[1] * 1e200, r[2]]), y, featureNames: ['a', 'big', 'c'] }, cpu);
    expect(message).toMatch(/column "big" has values up to .*overflow/);
  });

  for (const loss of ['absolute', 'quantile'] as const) {
    it(`${loss} loss, unstandardized columns near 1e150: finite, or refused`, async () => {
      const { X, y } = regression(60, 3, 4);
      const data = { X: X.map((r) => [r[0] * 1e150, r[1], r[2]]), y };
      const fit = await fitPath(data, { ...cpu, loss, standardize: false }).catch((e: unknown) => e);
      if (fit instanceof InputError) expect(fit.message).toMatch(/column "x1"/);
      else {
        expectFinite(fit as Awaited<ReturnType<typeof fitPath>>);
      }
    });
  }
});

describe('resource limits', () => {
  const { X, y } = regression(20, 3, 5);

  it('nLambda beyond 10,000 (1e9, 1e12) is an InputError naming the option', async () => {
    for (const nLambda of [1e9, 1e12, 10_001]) {
      expect(await inputError({ X, y }, { nLambda })).toMatch(/^option nLambda: .* from 1 to 10000/);
    }
  });

  it('a path of more than 2^27 coefficients is refused with its size', async () => {
    const data = { X: { data: new Float64Array(3 * 20_000).map((_, i) => (i * 7919) % 13), nRows: 3, nCols: 20_000, layout: 'row-major' as const }, y: [1, 2, 3] };
    expect(await inputError(data, { nLambda: 10_000 })).toMatch(/option nLambda: 10000 λ values × 20000 features would hold 1\.49 GiB/);
  });
});

describe('library misuse is an InputError naming the option', () => {
  const { X, y } = regression(20, 3, 6);

  it('BigInt responses', async () => {
    expect(await inputError({ X, y: BigInt64Array.from(y.map((v) => BigInt(Math.round(v)))) as unknown as number[] }, cpu)).toMatch(/^y: row 1 is .*BigInt/);
  });

  it('onProgress that is not a function, signal that is not an AbortSignal', async () => {
    expect(await inputError({ X, y }, { onProgress: 'yes' as unknown as FitOptions['onProgress'] })).toMatch(/^option onProgress:/);
    expect(await inputError({ X, y }, { signal: {} as AbortSignal })).toMatch(/^option signal:/);
  });

  it('a fake device, or a device function that gives none', async () => {
    expect(await inputError({ X, y }, { device: { queue: 1 } as unknown as GPUDevice })).toMatch(/^option device:/);
    expect(await inputError({ X, y }, { device: async () => ({}) as GPUDevice, backend: 'webgpu' })).toMatch(/^option device:/);
  });
});

describe('feature names and a single λ', () => {
  const { X, y } = regression(20, 2, 7);

  it('names must be distinct strings (a saved fit finds its columns by name)', async () => {
    expect(await inputError({ X, y, featureNames: ['a', 'a'] }, cpu)).toMatch(/^featureNames: "a" names features 1 and 2/);
    expect(await inputError({ X, y, featureNames: [1, 2] as unknown as string[] }, cpu)).toMatch(/^featureNames: name 1 is 1, not a string/);
  });

  it('lambda given as one number is one λ', async () => {
    const one = await fitPath({ X, y }, { backend: 'cpu', lambda: 0.05 as unknown as number[] });
    const list = await fitPath({ X, y }, { backend: 'cpu', lambda: [0.05] });
    expect(one.lambda).toEqual([0.05]);
    expect(one.beta).toEqual(list.beta);
  });
});

describe('cvPath misuse', () => {
  it('no data, or options that are not an object: InputError', async () => {
    const { cvPath } = await import('../src/api/cv-path.js');
    await expect(cvPath(null as unknown as Dataset)).rejects.toBeInstanceOf(InputError);
    await expect(cvPath({ X: [[1], [2], [3]], y: [1, 2, 3] }, 5 as unknown as object)).rejects.toBeInstanceOf(InputError);
  });
});
