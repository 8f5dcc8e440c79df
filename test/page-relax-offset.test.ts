// The page's offset column and relaxed-lasso control (issue 18), driven in headless Chromium on the
// built site: the offset picker takes a column out of the features and into the fit's linear
// predictor (the coefficients at the selected λ are the library's fit with that offset); the
// relaxed lasso's cross-validation shows its (λ, γ) choices and the coefficients there, the
// library's; a γ grid out of [0, 1] and an offset that is the target are refused with a message
// naming the field and value.

import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cvPath, fitPath } from '../src/index.js';
import { launchChrome } from './helpers/browser.js';
import { csv, writeText } from './helpers/cli.js';
import { normal, rng } from './helpers/data.js';
import { errorMessages, fitAndWait, messagesIn, setField, shownCoefficients, uploadFile, waitDrawn, waitExample } from './helpers/page-driver.js';

const ARTIFACTS = path.resolve('test/artifacts/page-relax-offset');
const N = 150;
const P = 6;

/** Columns x1…x6, offset, y: y = x1 − x2 + 0.5·x3 + offset + noise, the offset large enough to matter. */
function offsetTable() {
  const z = normal(21);
  const u = rng(22);
  const rows = Array.from({ length: N }, () => {
    const x = Array.from({ length: P }, () => Math.round(z() * 1e4) / 1e4);
    const offset = Math.round((2 * u() - 1) * 1e4) / 1e4 * 3;
    const y = Math.round((x[0] - x[1] + 0.5 * x[2] + offset + 0.5 * z()) * 1e6) / 1e6;
    return [...x, offset, y];
  });
  const header = [...Array.from({ length: P }, (_, j) => `x${j + 1}`), 'offset', 'y'];
  return { header, rows };
}

describe('page: offset column and relaxed lasso', () => {
  let server: PreviewServer;
  let browser: Browser;
  let url: string;
  let pageErrors: string[] = [];
  const { header, rows } = offsetTable();
  const X = rows.map((r) => r.slice(0, P));
  const offset = rows.map((r) => r[P]);
  const y = rows.map((r) => r[P + 1]);
  const featureNames = header.slice(0, P);
  let file: string;

  async function open(): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url);
    await waitExample(page);
    await uploadFile(page, file, 'offset.csv');
    await setField(page, 'backend', 'cpu');
    return page;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    file = writeText(mkdtempSync(path.join(os.tmpdir(), 'proxpath-page-ro-')), 'offset.csv', csv(header, rows));
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-page-ro-build-'));
    await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    server = await preview({ logLevel: 'silent', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
    url = server.resolvedUrls!.local[0];
    browser = await launchChrome();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  });

  it('the offset column leaves the features and enters the fit: the coefficients are the library’s with that offset', async () => {
    pageErrors = [];
    const page = await open();
    const line = () => page.$eval('#columns-line', (e) => e.textContent ?? '');
    expect(await line()).toContain('features (7): x1, x2, x3, x4, x5, x6, offset; target y; no weights; "offset" is a feature: choose it as the offset column');
    await page.select('#offset', String(P)); // the column "offset"
    expect(await line()).toBe('features (6): x1, x2, x3, x4, x5, x6; target y; no weights; offset offset');
    await setField(page, 'folds', '0');
    expect(await fitAndWait(page)).toMatch(/^Done/);
    await waitDrawn(page, 'path-chart');
    expect(await page.$eval('#summary', (e) => e.textContent)).toContain(', intercept, offset');
    await setField(page, 'lambda-slider', '30');
    const shown = await shownCoefficients(page);
    const fit = await fitPath({ X, y, offset, featureNames }, { loss: 'squared', alpha: 1, nLambda: 100, backend: 'cpu' });
    const plain = await fitPath({ X, y, featureNames }, { loss: 'squared', alpha: 1, nLambda: 100, backend: 'cpu' });
    expect(shown.selected).toBe(30);
    featureNames.forEach((name, j) => expect(shown.beta[name], name).toBeCloseTo(fit.beta[30][j], 12));
    expect(shown.intercept).toBeCloseTo(fit.intercept[30], 12);
    // The offset mattered: without it the path is another one.
    expect(Math.max(...featureNames.map((_, j) => Math.abs(fit.beta[30][j] - plain.beta[30][j])))).toBeGreaterThan(1e-3);
    await page.screenshot({ path: path.join(ARTIFACTS, 'offset.png'), fullPage: true });

    // The target as the offset: refused beside Fit, naming the column.
    await page.select('#offset', String(P + 1));
    await fitAndWait(page);
    expect((await messagesIn(page, 'run')).join(' ')).toContain('column "y" cannot be both the target and the offset: choose another offset column, or none');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the relaxed lasso: its γ grid goes to the fit, and the CV shows the library’s (λ, γ) choices', async () => {
    pageErrors = [];
    const page = await open();
    const gridDisabled = () => page.$eval('#gamma-relax', (e) => (e as HTMLInputElement).disabled);
    expect(await page.$eval('#gamma-relax', (e) => (e as HTMLInputElement).value)).toBe('0, 0.25, 0.5, 0.75, 1'); // glmnet's default grid
    expect(await gridDisabled()).toBe(true);
    await setField(page, 'relax', true);
    expect(await gridDisabled()).toBe(false);
    await page.select('#offset', String(P));

    // A γ out of [0, 1]: refused with the field and the value.
    await setField(page, 'gamma-relax', '0, 1.5');
    await fitAndWait(page);
    expect((await errorMessages(page)).join(' ')).toContain('relaxed lasso γ grid: "1.5" is not a number in [0, 1]');

    await setField(page, 'gamma-relax', '0, 0.5, 1');
    await setField(page, 'folds', '5');
    expect(await fitAndWait(page, 120_000)).toMatch(/^Done/);
    await waitDrawn(page, 'cv-chart');
    const choice = await page.$eval('#cv-choice', (e) => ({ ...(e as HTMLElement).dataset, text: e.textContent ?? '' }) as Record<string, string>);
    const cv = await cvPath({ X, y, offset, featureNames }, { relax: true, gammaRelax: [0, 0.5, 1], folds: 5, seed: 1, nLambda: 100, backend: 'cpu', workers: 1 });
    const r = cv.curves[0].relaxed!;
    expect([Number(choice.gammaMin), Number(choice.gamma1se)]).toEqual([r.gammaMin, r.gamma1se]);
    expect(Math.abs(Number(choice.lambdaMin) - r.lambdaMin)).toBeLessThanOrEqual(1e-12 * r.lambdaMin);
    expect(Math.abs(Number(choice.lambda1se) - r.lambda1se)).toBeLessThanOrEqual(1e-12 * r.lambda1se);
    expect(choice.text).toContain(`over (γ, λ): λ_min = `);
    expect(choice.text).toContain(`γ_min = ${r.gammaMin}`);
    expect(choice.text).toContain(`γ_1se = ${r.gamma1se}`);
    expect(await page.$eval('#summary', (e) => e.textContent)).toContain('relaxed lasso (γ grid 0, 0.5, 1)');
    // The selection after the CV is λ_1se, labelled with its γ; λ_min's button selects the relaxed λ_min.
    expect(await page.$eval('#lambda-value', (e) => e.textContent)).toContain(`λ_1se, γ_1se = ${r.gamma1se})`);
    // The table shows the relaxed coefficients at the choice: (λ_1se, γ_1se), then (λ_min, γ_min) by its button.
    const expectTable = async (want: { intercept: number; beta: number[] }, gamma: number) => {
      expect(await page.$eval('#gamma-select', (e) => (e as HTMLSelectElement).value)).toBe(String(gamma));
      const shown = await shownCoefficients(page);
      featureNames.forEach((name, j) => expect(shown.beta[name], name).toBeCloseTo(want.beta[j], 12));
      expect(shown.intercept).toBeCloseTo(want.intercept, 12);
    };
    await expectTable(cv.coef({ lambda: 'lambda1se' }), r.gamma1se);
    await page.click('#pick-min');
    expect(await page.$eval('#lambda-value', (e) => e.textContent)).toContain(`${r.indexMin + 1} of `);
    await expectTable(cv.coef({ lambda: 'lambdaMin' }), r.gammaMin);
    // Any γ of the grid at the selected λ: the library's blend there.
    await setField(page, 'gamma-select', '0.5');
    await expectTable(cv.curves[0].fit.coefAt(cv.curves[0].lambda[r.indexMin], { gamma: 0.5 }), 0.5);
    expect(await page.$eval('#coef-caption', (e) => e.textContent)).toContain('Relaxed γ = 0.5: γ·penalized + (1 − γ)·refit.');
    await page.screenshot({ path: path.join(ARTIFACTS, 'relaxed-cv.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
