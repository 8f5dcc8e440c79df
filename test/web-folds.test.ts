// The folds of a CV in the browser's Web Workers (hosts/web-workers.ts, as the page runs them):
// the same bits as in turn in the page, and Node's numbers (to rounding: Chromium's and Node's
// V8 need not round exp and log alike); runs at once through one runner, one of them aborted,
// give each the bits it gives alone.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cvPath, type CvOptions } from '../src/index.js';
import { readFixtureCsv } from './helpers/data.js';
import { openBuiltPage, type BuiltPage } from './helpers/vite-page.js';

type Curves = { cvm: number[]; cvsd: number[]; indexMin: number; index1se: number }[];
type PageCv = { curves: Curves; threads?: number; warnings: string[] };
type Run = { X: number[][]; y: number[]; options: CvOptions };

describe('cross-validation folds in Web Workers', () => {
  let built: BuiltPage;
  beforeAll(async () => {
    built = await openBuiltPage(path.join(path.dirname(fileURLToPath(import.meta.url)), 'web-folds'), 'index.html');
    await built.page.waitForFunction(() => 'proxpathWebFolds' in window, { timeout: 30_000 });
  }, 120_000);
  afterAll(async () => built?.close());

  type Api = { cv: (...x: unknown[]) => Promise<unknown>; cvAtOnce: (...x: unknown[]) => Promise<unknown> };
  const inPage = (X: number[][], y: number[], options: CvOptions, threads: number) =>
    built.page.evaluate((a, b, o, t) => (window as unknown as { proxpathWebFolds: Api }).proxpathWebFolds.cv(a, b, o, t), X, y, options as never, threads) as Promise<PageCv>;
  const atOnce = (runs: Run[], threads: number, abortAt = -1) =>
    built.page.evaluate((r, t, a) => (window as unknown as { proxpathWebFolds: Api }).proxpathWebFolds.cvAtOnce(r, t, a), runs as never, threads, abortAt) as Promise<(PageCv | string)[]>;

  const cores = () => built.page.evaluate(() => navigator.hardwareConcurrency);

  it('two workers give the same bits as one at a time, and Node’s numbers', async () => {
    const data = readFixtureCsv('logistic.csv');
    const options: CvOptions = { loss: 'logistic', folds: 5, alphas: [0.5, 1], seed: 2 };
    const parallel = await inPage(data.X, data.y, options, 2);
    const serial = await inPage(data.X, data.y, options, 1);
    const node = (await cvPath({ X: data.X, y: data.y }, { ...options, workers: 1 })).curves;
    expect(parallel.curves).toEqual(serial.curves);
    expect(parallel.threads).toBe((await cores()) >= 2 ? 2 : undefined);
    parallel.curves.forEach((curve, a) => {
      curve.cvm.forEach((m, k) => expect(Math.abs(m - node[a].cvm[k]) / m).toBeLessThan(1e-12));
      expect(curve.indexMin).toBe(node[a].indexMin);
    });
    expect(built.pageErrors).toEqual([]);
  }, 120_000);

  it('runs at once through one runner, one aborted midway, give each the bits it gives alone', async () => {
    const logistic = readFixtureCsv('logistic.csv');
    const gauss = readFixtureCsv('gauss.csv');
    const runs: Run[] = [
      { X: logistic.X, y: logistic.y, options: { loss: 'logistic', folds: 4, seed: 3 } },
      { X: gauss.X, y: gauss.y, options: { folds: 5, alphas: [0.5, 1], nLambda: 20 } },
      { X: gauss.X, y: gauss.y, options: { loss: 'huber', folds: 4, nLambda: 15 } },
    ];
    const alone: PageCv[] = [];
    for (const r of runs) alone.push(await inPage(r.X, r.y, r.options, 2));
    expect(await atOnce(runs, 2)).toEqual(alone);
    const aborted = await atOnce(runs, 2, 1);
    expect(aborted).toEqual([alone[0], 'AbortError', alone[2]]);
    expect(built.pageErrors).toEqual([]);
  }, 120_000);

  it('more workers than the page’s cores or the fold fits: lowered, with a warning', async () => {
    const data = readFixtureCsv('logistic.csv');
    const options: CvOptions = { loss: 'logistic', folds: 3, seed: 2 };
    const many = await inPage(data.X, data.y, options, 64);
    const threads = Math.min(3, await cores());
    expect(many.threads).toBe(threads > 1 ? threads : undefined);
    expect(many.warnings.some((w) => w.startsWith(`workers: 64 lowered to ${threads}, `))).toBe(true);
    expect(many.curves).toEqual((await inPage(data.X, data.y, options, 1)).curves);
  }, 120_000);
});
