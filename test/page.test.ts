// The built page (vite build → preview on 127.0.0.1, a secure origin for navigator.gpu) driven in
// headless Chromium as a user would: files through the file input, fits on the CPU and on WebGPU
// (SwiftShader), charts drawn, the coefficients at a clicked λ equal to the library's in Node,
// cancel, errors shown and recovered from. Screenshots go to test/artifacts/page/ (git-ignored).
// The same server is also reached as http://proxpath.test (Chromium resolves that name to
// 127.0.0.1): a real http origin that is not a secure context, with no request interception.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'puppeteer-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { launchChrome } from './helpers/browser.js';
import { errorMessages, fitAndWait, horizontalOverflow, loadBundled, paintedPixels, setField, shownCoefficients, uploadFile, waitDrawn, waitExample } from './helpers/page-driver.js';

const ARTIFACTS = path.resolve('test/artifacts/page');
const GAUSS = path.resolve('test/fixtures/data/gauss.csv');
/** A host name that Chromium maps to the preview server's address: an insecure (http, non-localhost) origin. */
const INSECURE_HOST = 'proxpath.test';

function readCsv(file: string) {
  const rows = Papa.parse<string[]>(readFileSync(file, 'utf8').trim()).data;
  const header = rows[0];
  return { header, body: rows.slice(1).map((r) => r.map(Number)) };
}

describe('page', () => {
  let server: PreviewServer;
  let browser: Browser;
  let url: string;
  const pages: Page[] = [];
  let pageErrors: string[] = [];

  async function open(width = 1280, height = 800): Promise<Page> {
    const page = await browser.newPage();
    pages.push(page);
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.setViewport({ width, height });
    await page.goto(url);
    await page.waitForFunction(() => !document.getElementById('adapter')!.textContent!.startsWith('Looking'), { timeout: 20_000 });
    await waitExample(page); // the example fit of page load, so that what follows starts from a quiet page
    return page;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-page-'));
    await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    server = await preview({ logLevel: 'silent', build: { outDir }, preview: { port: 0, host: '127.0.0.1', allowedHosts: [INSECURE_HOST] } });
    url = server.resolvedUrls!.local[0];
    browser = await launchChrome([`--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  });

  it('fits the bundled diabetes path with cross-validation; prints the time from Fit to the drawn path chart', async () => {
    pageErrors = [];
    const page = await open();
    await loadBundled(page, 'diabetes');
    await page.$eval('#fit', (b) => ((window as unknown as { t0: number }).t0 = performance.now()));
    await page.click('#fit');
    await waitDrawn(page, 'path-chart');
    const elapsed = await page.evaluate(() => performance.now() - (window as unknown as { t0: number }).t0);
    console.log(`page: Fit → drawn coefficient path chart, diabetes (442 × 10, lasso, 100 λ, CPU): ${elapsed.toFixed(0)} ms`);
    await page.waitForFunction(() => document.body.dataset.running === 'false', { timeout: 30_000 });
    expect(await page.$eval('#run-status', (e) => e.textContent)).toMatch(/^Done/);
    await waitDrawn(page, 'cv-chart');
    expect(await paintedPixels(page, 'path-chart')).toBeGreaterThan(2000);
    expect(await paintedPixels(page, 'cv-chart')).toBeGreaterThan(2000);
    expect(await paintedPixels(page, 'stats-chart')).toBeGreaterThan(2000);
    expect(await page.$eval('#summary', (e) => e.textContent)).toMatch(/Cross-validation10 folds, mse: λ_min = /);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'desktop-diabetes-cv.png'), fullPage: true });

    // Downloads: the result JSON (the CV result, with the full fit), the path CSV, a chart as PNG and as SVG.
    const downloads = mkdtempSync(path.join(os.tmpdir(), 'proxpath-downloads-'));
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.click('#download-json');
    await page.click('#download-csv');
    await page.click('.export[data-chart="path"] button[data-format="png"]');
    await page.click('.export[data-chart="cv"] button[data-format="svg"]');
    const names = ['proxpath-result.json', 'proxpath-coefficients.csv', 'proxpath-path.png', 'proxpath-cv.svg'];
    const deadline = Date.now() + 10_000;
    while (!names.every((n) => existsSync(path.join(downloads, n))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const json = JSON.parse(readFileSync(path.join(downloads, names[0]), 'utf8'));
    expect(json.format).toBe('proxpath-cv');
    expect(json.curves[0].fit.featureNames).toEqual(['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']);
    const csv = readFileSync(path.join(downloads, names[1]), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('lambda,df,devRatio,intercept,age,sex,bmi,bp,s1,s2,s3,s4,s5,s6');
    expect(csv.length).toBe(json.curves[0].fit.lambda.length + 1);
    expect(readFileSync(path.join(downloads, names[2])).subarray(1, 4).toString()).toBe('PNG');
    const svg = readFileSync(path.join(downloads, names[3]), 'utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('λ_min');
    expect(pageErrors).toEqual([]);
  });

  it('fits a CSV from the file input on the CPU; the coefficients at a clicked λ are the library’s', async () => {
    pageErrors = [];
    const page = await open();
    await uploadFile(page, GAUSS, 'gauss.csv');
    await page.select('#weights', String(21)); // the column "w"
    await setField(page, 'backend', 'cpu');
    await setField(page, 'folds', '5');
    // Per-column settings from the features table: x1 unpenalized, x2 bounded below by −1.
    await page.click('#columns-details summary');
    await setField(page, 'columns-table input[aria-label="Penalty factor of x1"]', '0');
    await setField(page, 'columns-table input[aria-label="Lower bound of x2"]', '-1');
    const status = await fitAndWait(page);
    expect(status).toMatch(/^Done/);
    await waitDrawn(page, 'path-chart');
    await waitDrawn(page, 'cv-chart');
    expect(await paintedPixels(page, 'cv-chart')).toBeGreaterThan(2000);

    // Click the path chart a quarter of the way in: the nearest λ gets selected.
    const box = (await (await page.$('#path-chart'))!.boundingBox())!;
    await page.mouse.click(box.x + 56 + (box.width - 80) * 0.25, box.y + box.height / 2);
    await page.waitForFunction(() => document.getElementById('path-chart')!.dataset.selected !== undefined);
    const shown = await shownCoefficients(page);

    const { header, body } = readCsv(GAUSS);
    const fit = await fitPath(
      { X: body.map((r) => r.slice(0, 20)), y: body.map((r) => r[20]), weights: body.map((r) => r[21]), featureNames: header.slice(0, 20) },
      { loss: 'squared', alpha: 1, nLambda: 100, backend: 'cpu', penaltyFactor: [0, ...Array(19).fill(1)], lower: [-Infinity, -1, ...Array(18).fill(-Infinity)] },
    );
    const k = shown.selected;
    expect(k).toBeGreaterThan(0);
    expect(k).toBeLessThan(fit.lambda.length - 1);
    expect(fit.beta[k][1]).toBe(-1); // the bound holds at the clicked λ, so the table mattered
    expect(Object.keys(shown.beta).sort()).toEqual([...fit.featureNames].sort());
    fit.featureNames.forEach((name, j) => expect(shown.beta[name]).toBeCloseTo(fit.beta[k][j], 12));
    expect(shown.intercept).toBeCloseTo(fit.intercept[k], 12);
    expect(await page.$eval('#lambda-value', (e) => e.textContent)).toContain(`${k + 1} of ${fit.lambda.length}`);
    expect(pageErrors).toEqual([]);
  });

  it('fits a group lasso from the penalty fields; γ shows only for MCP and SCAD; the coefficients are the library’s', async () => {
    pageErrors = [];
    const page = await open();
    await uploadFile(page, GAUSS, 'gauss.csv');
    await page.select('#weights', String(21)); // the column "w"
    await setField(page, 'backend', 'cpu');
    await setField(page, 'folds', '0');
    const visible = (id: string) => page.$eval(`#${id}`, (e) => !(e as HTMLElement).hidden);
    await setField(page, 'penalty', 'mcp');
    expect([await visible('gamma'), await visible('groups')]).toEqual([true, false]);
    expect(await page.$eval('#gamma', (e) => (e as HTMLInputElement).value)).toBe('3');
    const groups = Array.from({ length: 20 }, (_, j) => `g${Math.floor(j / 4)}`);
    await setField(page, 'penalty', 'group');
    expect([await visible('gamma'), await visible('groups')]).toEqual([false, true]);
    await setField(page, 'groups', groups.join(', '));
    const status = await fitAndWait(page);
    expect(status, (await errorMessages(page)).join('; ')).toMatch(/^Done/);
    expect(await page.$eval('#summary', (e) => e.textContent)).toContain('penalty group, 5 groups');
    await waitDrawn(page, 'path-chart');
    const box = (await (await page.$('#path-chart'))!.boundingBox())!;
    await page.mouse.click(box.x + 56 + (box.width - 80) * 0.4, box.y + box.height / 2);
    await page.waitForFunction(() => document.getElementById('path-chart')!.dataset.selected !== undefined);
    const shown = await shownCoefficients(page);
    const { header, body } = readCsv(GAUSS);
    const fit = await fitPath(
      { X: body.map((r) => r.slice(0, 20)), y: body.map((r) => r[20]), weights: body.map((r) => r[21]), featureNames: header.slice(0, 20) },
      { loss: 'squared', nLambda: 100, backend: 'cpu', penalty: { name: 'group', groups } },
    );
    const k = shown.selected;
    fit.featureNames.forEach((name, j) => expect(shown.beta[name]).toBeCloseTo(fit.beta[k][j], 12));
    // Whole groups enter together.
    const nonzero = fit.featureNames.filter((_, j) => fit.beta[k][j] !== 0);
    expect(nonzero.length % 4).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('fits on WebGPU (SwiftShader) and compares it with the CPU', async () => {
    pageErrors = [];
    const page = await open();
    expect(await page.$eval('#adapter', (e) => e.textContent)).toMatch(/WebGPU adapter: .*software/);
    await uploadFile(page, GAUSS, 'gauss.csv');
    await setField(page, 'nlambda', '20');
    await setField(page, 'backend', 'webgpu');
    await setField(page, 'folds', '3');
    // SwiftShader beside the other browser tests of a 2-core machine: generous bounds, not timings.
    expect(await fitAndWait(page, 240_000)).toMatch(/^Done/);
    expect(await page.$eval('#summary', (e) => e.textContent)).toMatch(/Backendwebgpu: requested/);
    await waitDrawn(page, 'path-chart');
    await waitDrawn(page, 'cv-chart');
    expect(await paintedPixels(page, 'path-chart')).toBeGreaterThan(2000);
    expect(await paintedPixels(page, 'cv-chart')).toBeGreaterThan(2000);

    await setField(page, 'compare', true);
    expect(await fitAndWait(page, 240_000)).toMatch(/^Done/);
    const agreement = await page.$eval('#agreement', (e) => ({ text: e.textContent, coefficients: Number((e as HTMLElement).dataset.coefficients) }));
    // The two paths share the λ sequence; either may stop early by glmnet's deviance rules.
    expect(Number(/Agreement over (\d+) common λ/.exec(agreement.text!)?.[1])).toBeGreaterThanOrEqual(10);
    expect(agreement.coefficients).toBeLessThan(1e-3);
    await page.screenshot({ path: path.join(ARTIFACTS, 'desktop-compare-webgpu-cpu.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 600_000);

  it('cancel stops a long run at once, and the next run works', async () => {
    pageErrors = [];
    const page = await open();
    await page.$eval('#synthetic', (d) => ((d as HTMLDetailsElement).open = true));
    await setField(page, 'loss', 'absolute');
    await setField(page, 'syn-n', '4000');
    await setField(page, 'syn-p', '100');
    // Centred first: at the foot of the view it would sit under the run panel, which stays in view.
    await page.$eval('#generate', (b) => b.scrollIntoView({ block: 'center' }));
    await page.click('#generate');
    // Generated in a worker: the data are there once the summary says so.
    await page.waitForFunction(() => document.getElementById('data-summary')!.textContent!.startsWith('Loaded synthetic absolute data'), { timeout: 20_000 });
    await setField(page, 'backend', 'cpu');
    await page.click('#fit');
    await page.waitForFunction(() => /solved/.test(document.getElementById('run-status')!.textContent!), { timeout: 20_000 });
    const t0 = Date.now();
    await page.click('#cancel');
    await page.waitForFunction(() => document.body.dataset.running === 'false', { timeout: 2_000 });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(await page.$eval('#run-status', (e) => e.textContent)).toMatch(/^Cancelled/);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await page.$eval('#run-status', (e) => e.textContent)).toMatch(/^Cancelled/);
    expect(await page.$eval('#fit', (b) => (b as HTMLButtonElement).disabled)).toBe(false);

    await loadBundled(page, 'diabetes');
    await setField(page, 'folds', '0');
    expect(await fitAndWait(page)).toMatch(/^Done/);
    expect(pageErrors).toEqual([]);
  });

  it('shows a malformed CSV and a non-binary logistic target as errors, and stays usable', async () => {
    pageErrors = [];
    const page = await open(390, 844);
    const bad = path.join(mkdtempSync(path.join(os.tmpdir(), 'proxpath-bad-')), 'bad.csv');
    writeFileSync(bad, 'a,b,y\n1,2,3\n4,oops,6\n');
    await uploadFile(page, bad, 'bad.csv');
    expect((await errorMessages(page)).join('\n')).toContain('bad.csv: row 2 (line 3), column "b": value "oops" is not a number');
    // The last good data (the example's) stay, and can be fitted.
    expect(await page.$eval('#fit', (b) => (b as HTMLButtonElement).disabled)).toBe(false);

    // A good file dropped on the drop zone loads after the bad one.
    await page.$eval('#drop-zone', (zone, text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, readFileSync(GAUSS, 'utf8'));
    await page.waitForFunction(() => document.getElementById('data-summary')!.textContent!.startsWith('Loaded dropped.csv: 200 rows × 22 columns'), { timeout: 20_000 });
    await setField(page, 'loss', 'logistic');
    await setField(page, 'folds', '0');
    expect(await fitAndWait(page)).toMatch(/failed/);
    expect((await errorMessages(page)).join('\n')).toMatch(/dropped\.csv: logistic loss needs y in \{0, 1\}: row \d+ \(line \d+\) has y = /);
    await page.screenshot({ path: path.join(ARTIFACTS, 'mobile-error.png'), fullPage: true });

    await setField(page, 'loss', 'squared');
    expect(await fitAndWait(page)).toMatch(/^Done/);
    expect(await errorMessages(page)).toEqual([]);
    await waitDrawn(page, 'path-chart');
    expect(await paintedPixels(page, 'path-chart')).toBeGreaterThan(2000);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'mobile-results.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('says so when there is no WebGPU (an insecure origin), and fits on the CPU', async () => {
    pageErrors = [];
    const page = await browser.newPage();
    pages.push(page);
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // The same site from http://proxpath.test:<port> (not a secure context: no navigator.gpu, in
    // workers either), served by the preview server itself: Chromium resolves the name to
    // 127.0.0.1 (--host-resolver-rules), so every request of the page and of its workers is an
    // ordinary one. (Request interception left a worker's module import pending now and then,
    // under load: the fit worker never started and the fit never ended.)
    const insecure = new URL(url);
    insecure.hostname = INSECURE_HOST;
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(insecure.href, { timeout: 120_000 });
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await page.waitForFunction(() => document.getElementById('adapter')!.textContent!.startsWith('No WebGPU'), { timeout: 120_000 });
    expect(await page.$eval('#adapter', (e) => e.textContent)).toContain('WebGPU needs a secure origin');
    await loadBundled(page, 'diabetes');
    await setField(page, 'folds', '0');
    await setField(page, 'backend', 'webgpu');
    expect(await fitAndWait(page, 120_000)).toMatch(/failed/);
    expect((await errorMessages(page)).join('\n')).toContain('option backend: "webgpu": no WebGPU here');
    await setField(page, 'backend', 'auto');
    expect(await fitAndWait(page, 120_000)).toMatch(/^Done/);
    expect(await page.$eval('#summary', (e) => e.textContent)).toContain('cpu: auto: no WebGPU here');
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
