// The page's data formats besides CSV, driven in headless Chromium on the built page: a libsvm
// file (also as a .txt, recognised by its first line), a Matrix Market X chosen together with its
// target file, Parquet (written by hyparquet-writer) and Arrow IPC (apache-arrow's tableToIPC),
// each from the same numbers as a CSV, must give the CSV's fit (the same λ and coefficients); a
// mistake in each is shown with its file, line or row and column, in the command line's words;
// a large libsvm file shows its progress and is cancelled by a newer load.

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from './helpers/browser.js';
import { csv, regressionRows, requireBuild, runCli } from './helpers/cli.js';
import { fitAndWait, messagesIn, setField, shownCoefficients, uploadFile, waitDrawn, waitExample } from './helpers/page-driver.js';

const N = 60;
const P = 5;
/** Regression rows (x1…x5, y) with about half the x cells 0: a sparse X. */
const { header, rows } = (() => {
  const data = regressionRows(N, P, 7);
  return { header: data.header, rows: data.rows.map((row) => row.map((value, j) => (j < P && Math.abs(value) < 0.6 ? 0 : value))) };
})();
const column = (j: number) => Float64Array.from(rows, (row) => row[j]);

const libsvmText = () => rows.map((row) => [row[P], ...row.slice(0, P).flatMap((v, j) => (v === 0 ? [] : [`${j + 1}:${v}`]))].join(' ')).join('\n') + '\n';

function mtxText(): string {
  const entries: string[] = [];
  for (let j = 0; j < P; j++) rows.forEach((row, i) => row[j] !== 0 && entries.push(`${i + 1} ${j + 1} ${row[j]}`));
  return `%%MatrixMarket matrix coordinate real general\n${N} ${P} ${entries.length}\n${entries.join('\n')}\n`;
}

function parquetBytes(columns: { name: string; data: unknown[]; type: 'DOUBLE' | 'STRING' }[]): Uint8Array {
  return new Uint8Array(parquetWriteBuffer({ columnData: columns.map((c) => ({ ...c, nullable: true })) }));
}

const arrowBytes = (columns: Record<string, Float64Array | (number | null)[]>) => tableToIPC(tableFromArrays(columns as Record<string, Float64Array>));

/** Chooses several files at once in the file input and waits for the load (or its error). */
async function uploadFiles(page: Page, files: string[], name: string): Promise<void> {
  const input = (await page.$('#file-input')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(...files);
  await page.waitForFunction(
    (n) => document.getElementById('data-summary')!.textContent!.startsWith(`Loaded ${n}`) || [...document.querySelectorAll('.message.error')].some((e) => e.textContent!.includes(`${n}:`)),
    { timeout: 20_000 },
    name,
  );
}

/** The fit's λ and coefficients at a few λ (by the slider), on the CPU without CV. */
async function fitShown(page: Page): Promise<{ lambda: string; beta: Record<string, number>; intercept: number }[]> {
  await setField(page, 'loss', 'squared');
  await setField(page, 'backend', 'cpu');
  await setField(page, 'folds', '0');
  expect(await fitAndWait(page)).toMatch(/^Done/);
  await waitDrawn(page, 'path-chart');
  const shown = [];
  for (const k of [5, 20, 45]) {
    await setField(page, 'lambda-slider', String(k));
    const { beta, intercept } = await shownCoefficients(page);
    shown.push({ lambda: (await page.$eval('#lambda-value', (e) => e.textContent))!, beta, intercept });
  }
  return shown;
}

describe('page: data formats', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let dir: string;
  const pageErrors: string[] = [];
  const write = (name: string, data: string | Uint8Array) => {
    writeFileSync(path.join(dir, name), data);
    return path.join(dir, name);
  };

  beforeAll(async () => {
    requireBuild(); // the command line's messages are compared with the page's
    dir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-page-formats-'));
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-page-formats-build-'));
    await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    server = await preview({ logLevel: 'silent', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
    browser = await launchChrome();
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(server.resolvedUrls!.local[0]);
    await waitExample(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  });

  it('fits a libsvm (.libsvm and .txt), a Matrix Market X with its y file, a Parquet and an Arrow file as their CSV', async () => {
    await uploadFile(page, write('data.csv', csv(header, rows)), 'data.csv');
    const want = await fitShown(page);
    expect(Object.values(want[2].beta).filter((b) => b !== 0).length).toBeGreaterThanOrEqual(3);
    const y = column(P);
    const cases = [
      { name: 'data.libsvm', files: [write('data.libsvm', libsvmText())], target: 'label' },
      { name: 'data.txt', files: [write('data.txt', libsvmText())], target: 'label' },
      { name: 'x.mtx', files: [write('y.txt', `${Array.from(y).join('\n')}\n`), write('x.mtx', mtxText())], target: 'y' },
      { name: 'data.parquet', files: [write('data.parquet', parquetBytes(header.map((name, j) => ({ name, data: Array.from(column(j)), type: 'DOUBLE' }))))], target: 'y' },
      { name: 'data.arrow', files: [write('data.arrow', arrowBytes(Object.fromEntries(header.map((name, j) => [name, column(j)]))))], target: 'y' },
    ];
    for (const { name, files, target } of cases) {
      await uploadFiles(page, files, name);
      expect(await messagesIn(page, 'data'), name).toEqual([]);
      expect(await page.$eval('#data-summary', (e) => e.textContent), name).toMatch(new RegExp(`^Loaded ${name.replace('.', '\\.')}.*: ${N} rows × ${P + 1} columns\\.`));
      expect(await page.$eval('#target', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent), name).toBe(target);
      const got = await fitShown(page);
      got.forEach((at, k) => {
        expect(at.lambda, name).toBe(want[k].lambda);
        expect(Object.keys(at.beta), name).toEqual(Object.keys(want[k].beta));
        for (const feature of Object.keys(want[k].beta)) expect(at.beta[feature], `${name} ${feature}`).toBeCloseTo(want[k].beta[feature], 12);
        expect(at.intercept, name).toBeCloseTo(want[k].intercept, 12);
      });
    }
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('shows each format’s mistake with its file, line or row and column, as the command line words it', async () => {
    const text = ['x1', 'x2', 'y'];
    const cases = [
      { name: 'bad.libsvm', files: [write('bad.libsvm', '1 1:0.5\n0 2:abc\n')], args: [] },
      { name: 'bad.mtx', files: [write('bad.mtx', '%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n2 2 oops\n'), write('ok-y.txt', '1\n2\n')], args: ['--y', 'ok-y.txt'] },
      { name: 'bad.parquet', files: [write('bad.parquet', parquetBytes([{ name: 'x1', data: [1, 2], type: 'DOUBLE' }, { name: 's', data: ['a', 'b'], type: 'STRING' }, { name: 'y', data: [3, 4], type: 'DOUBLE' }]))], args: ['--target', 'y'] },
      { name: 'bad.arrow', files: [write('bad.arrow', arrowBytes(Object.fromEntries(text.map((name, j) => [name, j === 1 ? [1, 2, null] : [1, 2, 3]]))))], args: ['--target', 'y'] },
    ];
    for (const { name, files, args } of cases) {
      await uploadFiles(page, files, name);
      const shown = (await messagesIn(page, 'data')).join('\n');
      const cli = runCli(['fit', name, ...args, '--out', 'never.json'], dir);
      expect(cli.status, cli.stderr).toBe(2);
      const said = cli.stderr.trim().replace(/^error: /, '');
      expect(said, name).toMatch(new RegExp(`^${name.replace('.', '\\.')}: (line|row) \\d|column "s"`));
      // The same words up to the advice (the command line's --drop-incomplete).
      expect(shown, name).toContain(said.split('; ')[0]);
    }
    // A mistake in the target file of a Matrix Market X, and an X without its target.
    await uploadFiles(page, [write('bad-y.txt', '1\n2\nz\n'), write('ok.mtx', '%%MatrixMarket matrix array real general\n3 1\n1\n2\n3\n')], 'bad-y.txt');
    const cli = runCli(['fit', 'ok.mtx', '--y', 'bad-y.txt', '--out', 'never.json'], dir);
    expect(cli.stderr.trim()).toBe('error: option --y: bad-y.txt: line 3: value "z" is not a number');
    expect((await messagesIn(page, 'data')).join('\n')).toContain('bad-y.txt: line 3: value "z" is not a number');
    await uploadFiles(page, [path.join(dir, 'ok.mtx')], 'ok.mtx');
    expect((await messagesIn(page, 'data')).join('\n')).toContain('ok.mtx: a Matrix Market file holds only X: choose or drop it together with its target file');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('shows a large libsvm file’s progress, and a newer load cancels it', async () => {
    const line = `1 ${Array.from({ length: 40 }, (_, j) => `${j + 1}:0.123456789`).join(' ')}\n`;
    const big = write('big.libsvm', line.repeat(Math.ceil((24 << 20) / line.length)));
    // Every summary shown from here on, to tell that the large file never finished loading.
    await page.evaluate(() => {
      const summary = document.getElementById('data-summary')!;
      const seen: string[] = ((window as unknown as { summaries: string[] }).summaries = []);
      new MutationObserver(() => seen.push(summary.textContent!)).observe(summary, { childList: true, characterData: true, subtree: true });
    });
    const input = (await page.$('#file-input')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(big);
    await page.waitForFunction(() => /^Reading big\.libsvm: \d+\.\d of \d+\.\d MB, \d+ rows$/.test(document.getElementById('data-summary')!.textContent!), { timeout: 20_000, polling: 20 });
    expect(await page.$eval('#parse-progress', (e) => (e as HTMLProgressElement).hidden)).toBe(false);
    await page.select('#bundled', 'diabetes');
    await page.click('#load-bundled');
    await page.waitForFunction(() => document.getElementById('data-summary')!.textContent!.startsWith('Loaded diabetes.csv'), { timeout: 20_000 });
    expect(await messagesIn(page, 'data')).toEqual([]);
    const summaries = await page.evaluate(() => (window as unknown as { summaries: string[] }).summaries);
    expect(summaries.filter((text) => text.startsWith('Loaded big.libsvm'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
