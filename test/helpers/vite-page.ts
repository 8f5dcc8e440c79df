// A test page built with vite from a folder of test/, served from 127.0.0.1 (a secure context)
// and opened in headless Chromium.

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { build, preview, type PreviewServer } from 'vite';
import { launchChrome } from './browser.js';

export interface BuiltPage {
  page: Page;
  /** Page errors and console errors so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Builds `root/html` (ES-module workers allowed), serves it and opens it. */
export async function openBuiltPage(root: string, html: string): Promise<BuiltPage> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-test-page-'));
  const nodeOnly = [/^node:/, 'puppeteer-core', 'webgpu'];
  const config = { configFile: false as const, root, logLevel: 'silent' as const };
  await build({
    ...config,
    build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: path.join(root, html), external: nodeOnly } },
    worker: { format: 'es', rollupOptions: { external: nodeOnly } },
  });
  const server: PreviewServer = await preview({ ...config, build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const browser: Browser = await launchChrome();
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(`${server.resolvedUrls!.local[0]}${html}`);
  return {
    page,
    pageErrors,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}
