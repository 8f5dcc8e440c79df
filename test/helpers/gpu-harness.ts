// The WebGPU kernel harness (test/gpu/harness.html) built with vite, served locally and opened
// in headless Chromium, whose WebGPU runs on its bundled SwiftShader where there is no GPU
// (navigator.gpu needs a secure context: the page is served from 127.0.0.1, not a file).
// Used by test/webgpu-kernels.test.ts and bench/kernels.ts.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HarnessApi } from '../gpu/harness.js';
import { openBuiltPage } from './vite-page.js';

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
  const { page, pageErrors, close } = await openBuiltPage(harnessDir(), 'harness.html');
  await page.waitForFunction(() => 'proxpathGpu' in window, { timeout: 30_000 });
  return {
    pageErrors,
    call: ((name: string, ...args: unknown[]) =>
      page.evaluate((n, a) => (window as unknown as Record<string, Record<string, (...x: unknown[]) => unknown>>).proxpathGpu[n](...a), name, args)) as GpuHarness['call'],
    close,
  };
}
