// The WebGPU kernel harness (test/gpu/harness.html) built with vite, served locally and opened
// in headless Chromium, whose WebGPU runs on its bundled SwiftShader where there is no GPU
// (navigator.gpu needs a secure context: the page is served from 127.0.0.1, not a file).
// Used by test/webgpu-kernels.test.ts and bench/kernels.ts.

import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { build, preview, type PreviewServer } from 'vite';
import type { HarnessApi } from '../gpu/harness.js';
import { launchChrome } from './browser.js';

/** test/gpu/ of the package, from the sources or from dist/ (bench/kernels.ts runs compiled). */
function harnessDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the kernel harness');
    dir = parent;
  }
  return path.join(dir, 'test', 'gpu');
}

type Unwrapped<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never;

export interface GpuHarness {
  /** Calls `window.proxpathGpu[name](...args)` in the page. */
  call<N extends keyof HarnessApi>(name: N, ...args: Parameters<HarnessApi[N]>): ReturnType<Unwrapped<HarnessApi[N]>>;
  /** Page errors and console errors so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openGpuHarness(): Promise<GpuHarness> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-gpu-harness-'));
  const root = harnessDir();
  const config = { configFile: false as const, root, logLevel: 'silent' as const };
  await build({ ...config, build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: path.join(root, 'harness.html') } } });
  const server: PreviewServer = await preview({ ...config, build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const browser: Browser = await launchChrome();
  const page: Page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  await page.goto(`${server.resolvedUrls!.local[0]}harness.html`);
  await page.waitForFunction(() => 'proxpathGpu' in window, { timeout: 30_000 });
  return {
    pageErrors,
    call: ((name: string, ...args: unknown[]) =>
      page.evaluate((n, a) => (window as unknown as Record<string, Record<string, (...x: unknown[]) => unknown>>).proxpathGpu[n](...a), name, args)) as GpuHarness['call'],
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}
