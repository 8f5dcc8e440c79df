// The folds of a CV in the browser's Web Workers (cv/web-workers.ts, as the page runs them):
// the same bits as in turn in the page, and Node's numbers (to rounding: Chromium's and Node's
// V8 need not round exp and log alike).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cvPath, type CvOptions } from '../src/index.js';
import { readFixtureCsv } from './helpers/data.js';
import { openBuiltPage, type BuiltPage } from './helpers/vite-page.js';

describe('cross-validation folds in Web Workers', () => {
  let built: BuiltPage;
  beforeAll(async () => {
    built = await openBuiltPage(path.join(path.dirname(fileURLToPath(import.meta.url)), 'web-folds'), 'index.html');
    await built.page.waitForFunction(() => 'proxpathWebFolds' in window, { timeout: 30_000 });
  }, 120_000);
  afterAll(async () => built?.close());

  const inPage = (X: number[][], y: number[], options: CvOptions, threads: number) =>
    built.page.evaluate(
      (a, b, o, t) => (window as unknown as { proxpathWebFolds: { cv: (...x: unknown[]) => Promise<unknown> } }).proxpathWebFolds.cv(a, b, o, t),
      X, y, options as never, threads,
    ) as Promise<{ cvm: number[]; cvsd: number[]; indexMin: number; index1se: number }[]>;

  it('two workers give the same bits as one at a time, and Node’s numbers', async () => {
    const data = readFixtureCsv('logistic.csv');
    const options: CvOptions = { loss: 'logistic', folds: 5, alphas: [0.5, 1], seed: 2 };
    const parallel = await inPage(data.X, data.y, options, 2);
    const serial = await inPage(data.X, data.y, options, 1);
    const node = (await cvPath({ X: data.X, y: data.y }, { ...options, workers: 1 })).curves;
    expect(parallel).toEqual(serial);
    parallel.forEach((curve, a) => {
      curve.cvm.forEach((m, k) => expect(Math.abs(m - node[a].cvm[k]) / m).toBeLessThan(1e-12));
      expect(curve.indexMin).toBe(node[a].indexMin);
    });
    expect(built.pageErrors).toEqual([]);
  }, 120_000);
});
