// `proxpath cv` and `proxpath predict`, and the built library's worker-thread folds: the same
// bits as serial folds; bad input → exit 2 with one line naming it.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { csv, regressionRows, requireBuild, runCli, tempDir, writeText, type CliResult } from './helpers/cli.js';

let dir: string;
beforeAll(requireBuild);
beforeEach(() => {
  dir = tempDir();
});

function expectUsageError(result: CliResult, ...needles: string[]): void {
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines, result.stderr).toHaveLength(1);
  for (const needle of needles) expect(lines[0]).toContain(needle);
  expect(result.stderr).not.toContain('    at ');
}

const data = (n = 60) => {
  const { header, rows } = regressionRows(n, 4, 3);
  return writeText(dir, 'data.csv', csv(header, rows));
};

describe('worker-thread folds', () => {
  it('give the same bits as serial folds', async () => {
    // The built library (worker threads load the compiled fold-worker.js); a computed URL keeps
    // the typecheck from needing dist/.
    const built = new URL('../dist/src/index.js', import.meta.url).href;
    const { cvPath } = (await import(built)) as typeof import('../src/index.js');
    const { rows } = regressionRows(80, 5, 9);
    const X = rows.map((r) => r.slice(0, 5));
    const y = rows.map((r) => r[5]);
    const options = { folds: 4, alphas: [0.5, 1], seed: 3 };
    const serial = await cvPath({ X, y }, { ...options, workers: 1 });
    const parallel = await cvPath({ X, y }, { ...options, workers: 2 });
    expect(parallel.curves.map((c) => c.cvm)).toEqual(serial.curves.map((c) => c.cvm));
    expect(parallel.curves.map((c) => c.cvsd)).toEqual(serial.curves.map((c) => c.cvsd));
  });
});

describe('proxpath cv and predict', () => {
  it('cross-validates, saves a model, and predicts a CSV with the columns in another order', () => {
    const file = data();
    const model = join(dir, 'cv.json');
    const run = runCli(['cv', file, '--folds', '5', '--alpha', '0.5,1', '--out', model], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/5-fold CV \(mse\): best α = /);
    const cv = JSON.parse(readFileSync(model, 'utf8'));
    expect(cv.format).toBe('proxpath-cv');
    expect(cv.curves).toHaveLength(2);

    const { header, rows } = regressionRows(7, 4, 11);
    const order = [4, 2, 0, 3, 1]; // y, x3, x1, x4, x2
    const newFile = writeText(dir, 'new.csv', csv(order.map((j) => header[j]), rows.map((r) => order.map((j) => r[j]))));
    const predicted = runCli(['predict', model, newFile, '--lambda', 'min'], dir);
    expect(predicted.status, predicted.stderr).toBe(0);
    const values = predicted.stdout.trim().split('\n');
    expect(values[0]).toBe('prediction');
    const best = cv.curves[cv.best.curve];
    const k = best.indexMin;
    rows.forEach((r, i) => {
      const eta = best.fit.intercept[k] + r.slice(0, 4).reduce((s: number, x: number, j: number) => s + x * best.fit.beta[k][j], 0);
      expect(Number(values[i + 1])).toBeCloseTo(eta, 10);
    });
  });

  it('reads fold numbers from a file', () => {
    const file = data(30);
    const folds = writeText(dir, 'folds.txt', `fold\n${Array.from({ length: 30 }, (_, i) => (i % 3) + 1).join('\n')}\n`);
    const run = runCli(['cv', file, '--foldid', folds, '--out', join(dir, 'cv.json')], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'cv.json'), 'utf8')).foldId.slice(0, 4)).toEqual([1, 2, 3, 1]);
  });

  it('bad input: folds, fold files, measures, models', () => {
    const file = data(30);
    const out = join(dir, 'cv.json');
    expectUsageError(runCli(['cv', file, '--folds', '2', '--out', out], dir), '--folds', 'from 3');
    expectUsageError(runCli(['cv', file, '--folds', '31', '--out', out], dir), '--folds', '31');
    const short = writeText(dir, 'short.txt', '1\n2\n3\n');
    expectUsageError(runCli(['cv', file, '--foldid', short, '--out', out], dir), '--foldid', '3 values for 30 rows');
    const gap = writeText(dir, 'gap.txt', Array.from({ length: 30 }, (_, i) => [1, 2, 4][i % 3]).join('\n'));
    expectUsageError(runCli(['cv', file, '--foldid', gap, '--out', out], dir), '--foldid', 'fold 3 of 1…4 has no rows');
    expectUsageError(runCli(['cv', file, '--measure', 'auc', '--out', out], dir), '--measure', 'auc needs a binary response');
    expectUsageError(runCli(['cv', file, '--measure', 'r2', '--out', out], dir), '--measure');
    expect(existsSync(out)).toBe(false);

    const corrupt = writeText(dir, 'corrupt.json', '{"format": "proxpath-fit", "lambda": [');
    expectUsageError(runCli(['predict', corrupt, file], dir), 'corrupt.json', 'not valid JSON');
    const other = writeText(dir, 'other.json', '{"coefficients": [1, 2]}');
    expectUsageError(runCli(['predict', other, file], dir), 'not a proxpath model');
    const fitted = join(dir, 'fit.json');
    expect(runCli(['fit', file, '--out', fitted], dir).status).toBe(0);
    const renamed = writeText(dir, 'renamed.csv', readFileSync(file, 'utf8').replace('x3', 'z3'));
    expectUsageError(runCli(['predict', fitted, renamed], dir), 'model feature column "x3" not found');
    expectUsageError(runCli(['predict', fitted, file, '--lambda', 'min'], dir), '--lambda', 'needs a CV result');
    expectUsageError(runCli(['predict', fitted, file, '--type', 'class'], dir), 'class needs loss logistic');
  });
});
