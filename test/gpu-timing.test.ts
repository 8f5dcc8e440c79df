// GPU time from timestamp queries (timing.gpuMs): a WebGPU fit whose device has the
// `timestamp-query` feature reports the summed GPU time of its compute passes; one whose device
// lacks it has no gpuMs and fits the same. Headless Chromium's SwiftShader (here) offers the
// feature; a tiny problem, since SwiftShader is a CPU. Structure, not speed.

import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitPath } from '../src/api/fit-path.js';
import { startHostServer, type HostServer } from '../src/hosts/chromium-server.js';
import { launchChrome } from './helpers/browser.js';
import { requireBuild } from './helpers/cli.js';

const GPU_TIMEOUT = 180_000;

/** n = 40, p = 4, a few λ: seconds on SwiftShader. */
function tiny(): { X: number[][]; y: number[] } {
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 40; i++) {
    const row = [Math.sin(i), Math.cos(1.3 * i), ((i * 7) % 11) / 11, Math.sin(0.7 * i + 1)];
    X.push(row);
    y.push(2 * row[0] - row[2] + 0.1 * Math.cos(5 * i));
  }
  return { X, y };
}

interface PageFit {
  features: string[];
  withFeature: boolean;
  timing: { solveMs: number; totalMs: number; gpuMs?: number };
  objective: number[];
}

describe('GPU time from timestamp queries', () => {
  let browser: Browser;
  let server: HostServer;
  let page: Page;

  beforeAll(async () => {
    requireBuild();
    browser = await launchChrome();
    server = await startHostServer();
    page = await browser.newPage();
    await page.goto(server.url);
  }, 60_000);

  afterAll(async () => {
    await page?.close().catch(() => undefined);
    await server?.close();
    await browser?.close();
  });

  /**
   * A fit in the page on a device made with or without timestamp-query (the caller's device).
   * Source text, as the bench's page body: the test transform would rewrite a function's import().
   */
  const FIT_IN_PAGE = String.raw`
    const lib = await import('/browser/proxpath.js');
    const adapter = await navigator.gpu.requestAdapter();
    const features = [...adapter.features];
    const withFeature = args.timestamps && adapter.features.has('timestamp-query');
    const device = await adapter.requestDevice({ requiredFeatures: withFeature ? ['timestamp-query'] : [] });
    try {
      const fit = await lib.fitPath(args.data, { backend: 'webgpu', device, nLambda: 5 });
      return { features, withFeature, timing: fit.timing, objective: Array.from(fit.objective) };
    } finally {
      device.destroy();
    }`;
  const fitInPage = (timestamps: boolean): Promise<PageFit> => {
    const AsyncFunction = (async () => undefined).constructor as new (...params: string[]) => (args: unknown) => Promise<PageFit>;
    return page.evaluate(new AsyncFunction('args', FIT_IN_PAGE), { data: tiny(), timestamps });
  };

  it('a device with timestamp-query: gpuMs > 0 and within the fit’s wall time; without it: no gpuMs, same path', async () => {
    const timed = await fitInPage(true);
    const untimed = await fitInPage(false);
    if (timed.features.includes('timestamp-query')) {
      expect(timed.withFeature).toBe(true);
      expect(timed.timing.gpuMs).toBeGreaterThan(0);
      expect(timed.timing.gpuMs).toBeLessThanOrEqual(timed.timing.totalMs);
    } else {
      expect(timed.timing).not.toHaveProperty('gpuMs');
    }
    expect(untimed.withFeature).toBe(false);
    expect(untimed.timing).not.toHaveProperty('gpuMs');
    expect(untimed.objective).toHaveLength(timed.objective.length);
    for (let k = 0; k < timed.objective.length; k++) {
      expect(Math.abs(untimed.objective[k] - timed.objective[k])).toBeLessThanOrEqual(1e-4 * Math.abs(timed.objective[k]));
    }
  }, GPU_TIMEOUT);

  it('fitPath from Node through headless Chromium: the device proxpath opens requests timestamp-query, gpuMs comes back', async () => {
    const { X, y } = tiny();
    const fit = await fitPath({ X, y }, { backend: 'webgpu', nLambda: 5 });
    expect(fit.backend).toBe('webgpu');
    expect(fit.device.host).toBe('headless-chromium');
    const { gpuMs, totalMs } = fit.timing;
    // SwiftShader here offers timestamp-query; a Chromium whose adapter lacks it gives no gpuMs.
    if (gpuMs !== undefined) {
      expect(gpuMs).toBeGreaterThan(0);
      expect(gpuMs).toBeLessThanOrEqual(totalMs);
      expect(JSON.parse(JSON.stringify(fit)).timing.gpuMs).toBe(gpuMs);
    } else {
      expect(fit.timing).not.toHaveProperty('gpuMs');
    }
  }, GPU_TIMEOUT);
});
