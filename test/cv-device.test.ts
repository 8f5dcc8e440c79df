// One backend per cross-validation (src/gpu/lent-backend.ts): the full-data fits and the folds
// run on the device cvPath chose once, which it frees once at the end (never the caller's).
// In a page of headless Chromium (WebGPU on SwiftShader) every requestDevice and destroy is
// counted: one device per run, whatever the α grid, the folds batched or fitted one by one, and
// after a fault the replacement is the run's device from then on. In Node, a caller's device
// function is called once per run.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cvPath, type CvOptions } from '../src/index.js';
import { BATCH_METHOD } from '../src/cv/folds-route.js';
import { normalGenerator } from '../src/random.js';
import type { DeviceRun, Scenario } from './cv-device/main.js';
import { openBuiltPage, type BuiltPage } from './helpers/vite-page.js';

/** SwiftShader is a CPU: a small cross-validation takes seconds to tens of seconds. */
const GPU_TIMEOUT = 240_000;

function data(seed: number): { X: number[][]; y: number[] } {
  const normal = normalGenerator(seed);
  const X = Array.from({ length: 90 }, () => Array.from({ length: 6 }, () => normal()));
  const y = X.map((r) => 1.5 * r[0] - r[1] + 0.5 * r[2] + normal());
  return { X, y };
}

describe('one device per cross-validation, in Node', () => {
  it("a caller's device function is called once per run (auto turns its software adapter down for the CPU)", async () => {
    let calls = 0;
    let destroyed = 0;
    // Enough of a GPUDevice for the choice: a software adapter, so that auto fits on the CPU.
    const fake = {
      createBuffer() {}, createComputePipeline() {}, queue: { submit() {} }, limits: {},
      adapterInfo: { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true },
      destroy: () => void destroyed++,
    } as unknown as GPUDevice;
    const { X, y } = data(1);
    const options: CvOptions = { folds: 4, alphas: [0.5, 1], nLambda: 10, workers: 1, backend: 'auto' };
    const cv = await cvPath({ X, y }, { ...options, device: async () => (calls++, fake) });
    expect(calls).toBe(1);
    expect(destroyed).toBe(0);
    expect(cv.folds).toMatchObject({ backend: 'cpu', device: { host: 'caller', adapter: { software: true } } });
    cv.curves.forEach((c) => expect(c.fit.device).toMatchObject({ host: 'caller', adapter: { software: true } }));
    // The same numbers as the CPU asked for outright.
    const cpu = await cvPath({ X, y }, { ...options, backend: 'cpu' });
    expect(cv.curves.map((c) => c.cvm)).toEqual(cpu.curves.map((c) => c.cvm));
  });
});

describe('one device per cross-validation, in a page (headless Chromium, SwiftShader)', () => {
  let built: BuiltPage;
  beforeAll(async () => {
    built = await openBuiltPage(path.join(path.dirname(fileURLToPath(import.meta.url)), 'cv-device'), 'index.html');
    await built.page.waitForFunction(() => 'proxpathCvDevice' in window, { timeout: 30_000 });
  }, 120_000);
  afterAll(async () => built?.close());

  const inPage = (scenario: Scenario, options: CvOptions, seed = 2) => {
    const { X, y } = data(seed);
    return built.page.evaluate(
      (s, a, b, o) => (window as unknown as { proxpathCvDevice: { run: (...x: unknown[]) => Promise<DeviceRun> } }).proxpathCvDevice.run(s, a, b, o),
      scenario, X, y, options as never,
    ) as Promise<DeviceRun>;
  };
  const SMOOTH: CvOptions = { folds: 3, alphas: [0.5, 1], nLambda: 8 };

  it('two α, folds batched: one device requested, used by both full fits and the folds, destroyed once at the end', async () => {
    const run = await inPage('library', SMOOTH);
    expect(run.requests).toBe(1);
    expect(run.destroyed).toBe(1);
    expect(run.othersDestroyed).toBe(0);
    expect(run.folds).toMatchObject({ backend: 'webgpu', method: BATCH_METHOD, device: { host: 'browser' } });
    expect(run.fits).toEqual([
      { backend: 'webgpu', host: 'browser', recovered: [] },
      { backend: 'webgpu', host: 'browser', recovered: [] },
    ]);
    expect(built.pageErrors).toEqual([]);
  }, GPU_TIMEOUT);

  it('the absolute loss, its folds batched by PDHG: still one device for the full fit and the folds', async () => {
    const run = await inPage('library', { loss: 'absolute', folds: 3, nLambda: 5 });
    expect(run.requests).toBe(1);
    expect(run.destroyed).toBe(1);
    expect(run.folds).toMatchObject({ backend: 'webgpu', method: BATCH_METHOD });
    expect(run.fits).toEqual([{ backend: 'webgpu', host: 'browser', recovered: [] }]);
  }, GPU_TIMEOUT);

  it("the caller's device: no device requested, the caller's used and never destroyed; a device function is called once", async () => {
    const given = await inPage('caller-device', SMOOTH);
    expect(given).toMatchObject({ requests: 0, destroyed: 0, othersDestroyed: 0, ownDeviceAlive: true });
    expect(given.folds).toMatchObject({ backend: 'webgpu', method: BATCH_METHOD, device: { host: 'caller' } });
    given.fits.forEach((fit) => expect(fit).toEqual({ backend: 'webgpu', host: 'caller', recovered: [] }));
    const made = await inPage('caller-function', SMOOTH);
    expect(made).toMatchObject({ deviceCalls: 1, requests: 1, destroyed: 0, othersDestroyed: 0 });
    expect(made.folds).toMatchObject({ backend: 'webgpu', device: { host: 'caller' } });
    // The same device choice, the same arithmetic: the same curves.
    expect(made.cvm).toEqual(given.cvm);
  }, GPU_TIMEOUT);

  it('a device lost in a full fit: that fit resumes on a new device, which the rest of the run uses; both destroyed at the end', async () => {
    const run = await inPage('lost-in-full-fit', SMOOTH);
    expect(run.requests).toBe(2);
    expect(run.destroyed).toBe(2);
    const recovered = run.fits.flatMap((fit) => fit.recovered);
    expect(recovered).toHaveLength(1);
    expect(recovered[0].resumedOn).toBe('webgpu (new device)');
    // The folds ran on the replacement: no fault of theirs.
    expect(run.folds).toMatchObject({ backend: 'webgpu', method: BATCH_METHOD });
    expect(run.warnings.filter((w) => w.startsWith('the folds batch failed'))).toEqual([]);
  }, GPU_TIMEOUT);

  it('a device lost in the folds batch: the folds go to the CPU with a warning; no new device', async () => {
    const run = await inPage('lost-in-folds', SMOOTH);
    expect(run.requests).toBe(1);
    expect(run.destroyed).toBe(1);
    expect(run.folds).toMatchObject({ backend: 'cpu', method: 'one CPU fit per fold (after a WebGPU fault)' });
    expect(run.warnings.some((w) => /^the folds batch failed on WebGPU \(.*lost.*\); the folds were fitted on the CPU$/i.test(w))).toBe(true);
    run.fits.forEach((fit) => expect(fit).toMatchObject({ backend: 'webgpu', recovered: [] }));
  }, GPU_TIMEOUT);
});
