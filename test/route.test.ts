// The composition root (src/api): fitPath and cvPath check their input before any device is
// looked for, and choose the backend once per run: a cross-validation's full fits (one per α)
// and its fold fits all run on that one choice.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { normal } from './helpers/data.js';

const counted = vi.hoisted(() => ({ choices: 0 }));

vi.mock('../src/api/choose-backend.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/api/choose-backend.js')>();
  return {
    ...original,
    chooseBackendFor: (...args: Parameters<typeof original.chooseBackendFor>) => {
      counted.choices++;
      return original.chooseBackendFor(...args);
    },
  };
});

const { cvPath, fitPath, InputError } = await import('../src/index.js');

function data(seed: number, n = 40, p = 4): { X: number[][]; y: number[] } {
  const draw = normal(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => draw()));
  const y = X.map((row) => row[0] - 0.5 * row[1] + 0.3 * draw());
  return { X, y };
}

describe('the composition root', () => {
  beforeEach(() => {
    counted.choices = 0;
  });

  it('chooses the backend of a fit once', async () => {
    const fit = await fitPath(data(1), { nLambda: 5, backend: 'cpu' });
    expect(fit.backend).toBe('cpu');
    expect(counted.choices).toBe(1);
  });

  it('chooses the backend of a cross-validation once, for every α and every fold', async () => {
    const cv = await cvPath(data(2), { alphas: [0.5, 1], folds: 4, nLambda: 6, workers: 1, backend: 'auto' });
    expect(cv.curves).toHaveLength(2);
    expect(cv.timing.foldFits).toBe(8);
    expect(counted.choices).toBe(1);
  });

  it('checks the data and the options before it looks for a device', async () => {
    const { X } = data(3);
    await expect(fitPath({ X, y: [1, 2, 3] }, { backend: 'webgpu' })).rejects.toThrow(InputError);
    await expect(cvPath(data(3), { folds: 2, backend: 'webgpu' })).rejects.toThrow(/folds/);
    await expect(cvPath({ X, y: [1, 2, 3] }, { backend: 'webgpu' })).rejects.toThrow(InputError);
    await expect(cvPath(data(3), { alpha: 2, backend: 'webgpu' })).rejects.toThrow(/alpha/);
    expect(counted.choices).toBe(0);
  });
});

describe('auto in Node', () => {
  it('keeps a small problem on the CPU without probing for a GPU, and says so', async () => {
    const fit = await fitPath(data(4, 50, 6), { nLambda: 5 });
    expect(fit.backend).toBe('cpu');
    expect(fit.device.reason).toBe('auto: a small problem (n·p = 300 < 1000000), on the CPU without probing for a GPU (its start-up would cost more than this solve)');
    expect(fit.device.host).toBeUndefined(); // no adapter was looked at
  });

  it('probes for a GPU from n·p = 1e6 on (here: Dawn\'s SwiftShader adapter, turned down)', async () => {
    const n = 10_000;
    const p = 100;
    const draw = normal(5);
    const X = { data: Float64Array.from({ length: n * p }, draw), nRows: n, nCols: p, layout: 'column-major' as const };
    const y = Float64Array.from({ length: n }, (_, i) => X.data[i] + draw());
    const fit = await fitPath({ X, y }, { lambda: [1, 0.5] });
    expect(fit.backend).toBe('cpu');
    expect(fit.device.reason).not.toContain('small problem');
    expect(fit.device.reason).toMatch(/^auto: /);
  });
});
