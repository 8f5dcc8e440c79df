// The page as a first-time user meets it (issue 15): a fitted example in the first view with Fit
// in sight, coefficient paths that name their features (line-end labels, hover), the nonzero
// counts on the top axes, tooltips with labelled, rounded numbers, errors beside what caused them
// (and gone after a success, the results of a failed fit hidden), and rows and lines numbered as
// the command line numbers them. Screenshots go to test/artifacts/page-ux/ (git-ignored).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'puppeteer-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvReader } from '../src/cli/csv-reader.js';
import { fitPath } from '../src/index.js';
import { launchChrome } from './helpers/browser.js';
import { fitAndWait, messagesIn, setField, uploadFile, waitDrawn, waitExample } from './helpers/page-driver.js';

const ARTIFACTS = path.resolve('test/artifacts/page-ux');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The diabetes example as the page fits it (the form's defaults), in Node. */
async function diabetesFit() {
  const rows = Papa.parse<string[]>(readFileSync('data/diabetes.csv', 'utf8').trim()).data;
  const header = rows[0];
  const body = rows.slice(1).map((r) => r.map(Number));
  const target = header.indexOf('y');
  const features = header.map((_, c) => c).filter((c) => c !== target);
  return fitPath(
    { X: body.map((r) => features.map((c) => r[c])), y: body.map((r) => r[target]), featureNames: features.map((c) => header[c]) },
    { loss: 'squared', alpha: 1, nLambda: 100, backend: 'cpu' },
  );
}

/** Box of an element in the viewport's coordinates. */
const box = async (page: Page, selector: string) => (await (await page.$(selector))!.boundingBox())!;

/** A chart exported as SVG through its button (the same option, rendered to SVG), as text. */
async function exportSvg(page: Page, chart: string): Promise<string> {
  const downloads = mkdtempSync(path.join(os.tmpdir(), 'proxpath-ux-downloads-'));
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await page.click(`.export[data-chart="${chart}"] button[data-format="svg"]`);
  const file = path.join(downloads, `proxpath-${chart}.svg`);
  const done = () => existsSync(file) && readFileSync(file, 'utf8').trimEnd().endsWith('</svg>');
  for (let tries = 0; tries < 100 && !done(); tries++) await new Promise((r) => setTimeout(r, 100));
  return readFileSync(file, 'utf8');
}

describe('page: first view, labels, axes, errors', () => {
  let server: PreviewServer;
  let browser: Browser;
  let url: string;
  let pageErrors: string[] = [];

  async function open(viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.setViewport(viewport);
    await page.goto(url);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-page-ux-'));
    await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    server = await preview({ logLevel: 'silent', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
    url = server.resolvedUrls!.local[0];
    browser = await launchChrome();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  });

  it('opens on a fitted example, its path in the first view with Fit in sight (desktop and phone)', async () => {
    pageErrors = [];
    for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const page = await open(viewport);
      await waitExample(page);
      await waitDrawn(page, 'path-chart');
      expect(await page.$eval('#run-status', (e) => e.textContent)).toMatch(/^Example \(diabetes\.csv, the settings above\) fitted in/);
      expect(await page.$eval('#example-note', (e) => (e as HTMLElement).hidden)).toBe(false);
      expect(await page.$eval('#columns-line', (e) => e.textContent)).toBe('features (10): age, sex, bmi, bp, s1, s2, s3, s4, s5, s6; target y; no weights');
      const chart = await box(page, '#path-chart');
      expect(chart.y).toBeLessThan(viewport.height / 2);
      if (name === 'desktop') {
        const fit = await box(page, '#fit');
        expect(fit.y + fit.height).toBeLessThanOrEqual(viewport.height);
        expect(chart.y + chart.height).toBeLessThanOrEqual(viewport.height);
      }
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}-first-view.png`) });
      await page.close();
    }
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('names the feature of the line under the pointer (tooltip and text), with the library’s β; labels the line ends', async () => {
    pageErrors = [];
    const page = await open(DESKTOP);
    await waitExample(page);
    await waitDrawn(page, 'path-chart');
    const fit = await diabetesFit();
    await page.$eval('#path-h', (e) => e.scrollIntoView());
    const chart = await box(page, '#path-chart');
    const seen = new Map<string, { k: number; text: string; tooltip: string }>();
    for (const across of [0.3, 0.55]) {
      for (let y = chart.y + 50; y < chart.y + chart.height - 45; y += 2) {
        await page.mouse.move(chart.x + chart.width * across, y);
        const hover = await page.$eval('#path-hover', (e) => ({ feature: (e as HTMLElement).dataset.feature, k: Number((e as HTMLElement).dataset.lambdaIndex), text: e.textContent! }));
        if (hover.feature && !seen.has(hover.feature)) {
          const tooltip = await page.$eval('#path-chart > div:nth-child(2)', (e) => e.textContent ?? '');
          seen.set(hover.feature, { k: hover.k, text: hover.text, tooltip });
          if (seen.size === 2) await page.screenshot({ path: path.join(ARTIFACTS, 'desktop-path-hover.png') });
        }
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
    for (const [feature, { k, text, tooltip }] of seen) {
      const j = fit.featureNames.indexOf(feature);
      expect(j, feature).toBeGreaterThanOrEqual(0);
      const beta = Number(/β = (\S+) at/.exec(text)![1]);
      expect(Math.abs(beta - fit.beta[k][j])).toBeLessThanOrEqual(1e-3 * Math.max(Math.abs(fit.beta[k][j]), 1e-3));
      expect(text).toMatch(/^\S+: β = \S+ at λ = \S+ \(log λ = \S+\)$/);
      expect(tooltip).toContain(feature);
    }
    // The line-end labels: every feature nonzero at the smallest λ is named in the chart itself.
    const svg = await exportSvg(page, 'path');
    const last = fit.lambda.length - 1;
    for (const [j, name] of fit.featureNames.entries()) if (fit.beta[last][j] !== 0) expect(svg, name).toContain(`>${name}</text>`);
    expect(svg).toContain('nonzero coefficients');
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('draws the nonzero counts over the CV curve; the tooltips label λ and round their numbers', async () => {
    pageErrors = [];
    const page = await open(DESKTOP);
    await waitExample(page);
    await waitDrawn(page, 'cv-chart');
    await page.$eval('#cv-h', (e) => e.scrollIntoView());
    const cv = await box(page, '#cv-chart');
    await page.mouse.move(cv.x + cv.width / 2, cv.y + cv.height / 2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'desktop-cv-top-axis.png') });
    expect(await exportSvg(page, 'cv')).toContain('nonzero coefficients');

    await page.$eval('#df-h', (e) => e.scrollIntoView());
    const stats = await box(page, '#stats-chart');
    await page.mouse.move(stats.x + stats.width / 2, stats.y + stats.height / 2);
    await page.waitForFunction(() => (document.querySelector('#stats-chart > div:nth-child(2)')?.textContent ?? '').includes('deviance'));
    const tooltip = await page.$eval('#stats-chart > div:nth-child(2)', (e) => e.textContent ?? '');
    expect(tooltip).toMatch(/^λ = [\d.e+-]+ \(log λ = -?[\d.]+\)nonzero coefficients: \d+deviance ratio: (0|1|0\.\d{1,3})$/);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    it(`${name}: a data error in the data panel, a fit's beside Fit with the file's row and line; the failed fit's results hidden; a success clears them`, async () => {
      pageErrors = [];
      const page = await open(viewport);
      await waitExample(page);
      // A malformed file: the command line's message, in the data panel; the example's data stay.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-ux-'));
      const bad = path.join(dir, 'bad.csv');
      const badText = 'a,b,y\n1,2,3\n\n4,oops,6\n';
      writeFileSync(bad, badText);
      const reader = new CsvReader('bad.csv');
      reader.push(badText);
      expect(() => reader.end()).toThrow('bad.csv: row 2 (line 4), column "b": value "oops" is not a number');
      await uploadFile(page, bad, 'bad.csv');
      expect(await messagesIn(page, 'data')).toEqual(['Error: bad.csv: row 2 (line 4), column "b": value "oops" is not a numberDismiss']);
      expect(await messagesIn(page, 'run')).toEqual([]);
      expect(await page.$eval('#fit', (b) => (b as HTMLButtonElement).disabled)).toBe(false);

      // A file whose target is not 0/1 at data row 3, line 5 (a blank line before it).
      const labels = path.join(dir, 'labels.csv');
      writeFileSync(labels, 'x1,x2,y\n0.5,1,0\n\n-1,2,1\n0.3,0.1,2\n1,1,0\n');
      await uploadFile(page, labels, 'labels.csv');
      expect(await messagesIn(page, 'data')).toEqual([]);
      await setField(page, 'loss', 'logistic');
      await setField(page, 'folds', '0');
      expect(await fitAndWait(page)).toBe('The fit failed:');
      const run = await messagesIn(page, 'run');
      expect(run).toEqual(['Error: labels.csv: logistic loss needs y in {0, 1}: row 3 (line 5) has y = 2Dismiss']);
      expect(await page.$eval('#results', (e) => (e as HTMLElement).hidden)).toBe(true);
      // The error is right under the Fit button, in view.
      const fitBox = await box(page, '#fit');
      const errorBox = await box(page, '#run-messages .message.error');
      expect(errorBox.y).toBeGreaterThan(fitBox.y);
      expect(errorBox.y - (fitBox.y + fitBox.height)).toBeLessThan(120);
      expect(errorBox.y + errorBox.height).toBeLessThanOrEqual(viewport.height + 1);
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}-fit-error.png`) });

      // A second failure replaces the first error; a success clears every error.
      await uploadFile(page, bad, 'bad.csv');
      expect(await messagesIn(page, 'data')).toHaveLength(1);
      await setField(page, 'loss', 'squared');
      await setField(page, 'target', '2');
      expect(await fitAndWait(page)).toMatch(/^Done/);
      expect(await messagesIn(page, 'data')).toEqual([]);
      expect(await messagesIn(page, 'run')).toEqual([]);
      expect(await page.$eval('#results', (e) => (e as HTMLElement).hidden)).toBe(false);
      expect(await page.$eval('#summary', (e) => e.textContent)).toContain('Columnsfeatures (2): x1, x2; target y; no weights');
      expect(pageErrors).toEqual([]);
    }, 120_000);
  }

  it('reads a CSV written by R\'s write.csv: its unnamed first column is row names, dropped and said so', async () => {
    pageErrors = [];
    const page = await open(DESKTOP);
    await waitExample(page);
    const file = path.resolve('test/fixtures/data/r-write-csv-labels.csv');
    await uploadFile(page, file, 'r-write-csv-labels.csv');
    const header = readFileSync(file, 'utf8').split('\n')[0].split(',').slice(1).map((c) => c.replace(/"/g, ''));
    expect(await page.$eval('#data-summary', (e) => e.textContent)).toMatch(/columns\. Its unnamed first column was read as row names and ignored\.$/);
    const features = header.filter((name) => name !== 'y');
    // (mtcars' wt column also draws the hint that a column named like weights is a feature.)
    expect(await page.$eval('#columns-line', (e) => e.textContent)).toContain(`features (${features.length}): ${features.join(', ')}; target y; no weights`);
    expect(await fitAndWait(page)).toMatch(/^Done/);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('makes the large preset in a worker with progress; a fit of it counts its seconds live', async () => {
    pageErrors = [];
    const page = await open(DESKTOP);
    await waitExample(page);
    // Every text the data summary and the status line show, as they change.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      for (const id of ['data-summary', 'run-status']) {
        const node = document.getElementById(id)!;
        new MutationObserver(() => seen.push(node.textContent ?? '')).observe(node, { childList: true, characterData: true, subtree: true });
      }
    });
    await page.$eval('#synthetic', (d) => ((d as HTMLDetailsElement).open = true));
    await page.$eval('#generate-large', (b) => b.scrollIntoView({ block: 'center' }));
    await page.click('#generate-large');
    await page.waitForFunction(() => document.getElementById('data-summary')!.textContent!.startsWith('Loaded synthetic'), { timeout: 120_000 });
    expect(await page.$eval('#data-summary', (e) => e.textContent)).toContain('100000 rows × 201 columns');
    await setField(page, 'folds', '0');
    await setField(page, 'nlambda', '10');
    await setField(page, 'backend', 'cpu');
    expect(await fitAndWait(page, 240_000)).toMatch(/^Done/);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.some((t) => /^Generating: \d+ of 100000 rows$/.test(t))).toBe(true);
    expect(seen.some((t) => /^\d+ of 10 λ \(path\) solved, \d+ iterations… \(path \d+\.\d s\)$/.test(t))).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
