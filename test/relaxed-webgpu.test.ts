// The relaxed lasso on WebGPU: the penalized path on the device (here headless Chromium's
// SwiftShader: no Dawn GPU), the refits by the CPU's coordinate descent, whatever the backend
// (in the page that ran the path); the refits come back through the host with the fit. On the
// supports the two backends share, the refits are the CPU fit's, bit for bit (the same solve).

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/api/fit-path.js';
import { requireBuild } from './helpers/cli.js';
import { randomProblem } from './helpers/problems.js';

/** SwiftShader is a CPU: one fit in headless Chromium takes ~30 s here. */
const GPU_TIMEOUT = 180_000;

describe('relax with backend webgpu', () => {
  it('refits the device\'s path on the CPU: the same refits as the CPU fit where the supports agree', async () => {
    requireBuild();
    const { X, y } = randomProblem('squared', 81, 120, 8);
    const options = { relax: true, nLambda: 20, tol: 1e-10 } as const;
    const gpu = await fitPath({ X, y }, { ...options, backend: 'webgpu' });
    const cpu = await fitPath({ X, y }, { ...options, backend: 'cpu' });
    expect(gpu.backend).toBe('webgpu');
    expect(gpu.relaxed!.gamma).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const same = (k: number) => gpu.beta[k].every((b, j) => (b !== 0) === (cpu.beta[k][j] !== 0));
    const shared = gpu.lambda.flatMap((_, k) => (same(k) ? [k] : []));
    expect(shared.length).toBeGreaterThan(gpu.lambda.length / 2);
    for (const k of shared) expect(gpu.relaxed!.beta[k]).toEqual(cpu.relaxed!.beta[k]);
  }, GPU_TIMEOUT);
});
