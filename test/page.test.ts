// The built page in headless Chromium: it fits the bundled diabetes path in the browser (the
// WebAssembly kernels included) and shows the same numbers as the library in Node.

import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser } from 'puppeteer-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { launchChrome } from './helpers/browser.js';

describe('page', () => {
  let server: PreviewServer;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-page-'));
    await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    server = await preview({ logLevel: 'silent', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
    url = server.resolvedUrls!.local[0];
    browser = await launchChrome();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  });

  it('fits the diabetes lasso path and shows the library’s coefficients', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.click('#fit');
    await page.waitForFunction(() => /λ values in/.test(document.getElementById('status')!.textContent ?? ''), { timeout: 30_000 });
    const rows = await page.$$eval('#path tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => Number(td.textContent))));
    const status = await page.$eval('#status', (el) => el.textContent);
    expect(errors).toEqual([]);

    const csv = Papa.parse<string[]>(readFileSync('data/diabetes.csv', 'utf8').trim()).data;
    const fit = await fitPath({ X: csv.slice(1).map((r) => r.slice(0, 10).map(Number)), y: csv.slice(1).map((r) => Number(r[10])) }, { backend: 'cpu' });
    expect(status).toContain(`${fit.lambda.length} λ values`);
    expect(status).toContain('kernels: wasm-simd');
    expect(rows.length).toBe(Math.ceil(fit.lambda.length / 8));
    rows.forEach((row, r) => {
      const k = 8 * r;
      const expected = [fit.lambda[k], fit.df[k], fit.devRatio[k], ...fit.beta[k]];
      row.forEach((value, c) => expect(value).toBeCloseTo(Number(expected[c].toPrecision(4)), 10));
    });
    await page.close();
  });
});
