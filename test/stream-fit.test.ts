// Fits beyond memory (issue 17 item 3): the squared loss from one streamed pass's weighted sums.
// The equivalent rows (problem/sufficient.ts) must reproduce the data's sums, hence the same path
// as the data itself, whatever the means, weights, dependent or constant columns; the CSV reader's
// blocks must hold exactly the rows it would have kept; and `fit` streams when asked or when the
// rows would not fit in memory, and refuses the other losses then with the figure.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/index.js';
import { equivalentRows, SquaredSums } from '../src/problem/sufficient.js';
import { readCsv, streamCsv } from '../src/cli/csv.js';
import { csv, requireBuild, runCli, tempDir, writeText } from './helpers/cli.js';
import { normal, rng } from './helpers/data.js';

const n = 900;
const p = 6;
const u = rng(31);
const z = normal(32);
/** Column-major X with large means, one constant column and one a combination of two others. */
function data() {
  const X = new Float64Array(n * p);
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) X[j * n + i] = 1e5 + (j + 1) * z();
    X[3 * n + i] = 42; // constant
    X[5 * n + i] = 2 * X[i] - X[n + i]; // dependent
    y[i] = 3 + 0.5 * X[i] - X[2 * n + i] + 2 * z();
    w[i] = i % 17 === 0 ? 0 : 0.2 + u();
  }
  return { X, y, w };
}

function summed(X: Float64Array, y: Float64Array, w: Float64Array, block: number): SquaredSums {
  const sums = new SquaredSums(p);
  for (let b = 0; b < n; b += block) {
    const c = Math.min(block, n - b);
    sums.add(c, (j) => X.subarray(j * n + b, j * n + b + c), y.subarray(b, b + c), w.subarray(b, b + c));
  }
  return sums;
}

describe('the squared loss from its weighted sums', () => {
  it('the equivalent rows give the data\'s path (objectives 1e-12, coefficients 1e-9 of the largest)', async () => {
    const { X, y, w } = data();
    const rows = equivalentRows(summed(X, y, w, 128));
    expect(rows.nRows).toBe(p); // q = p + 2 less the constant and the dependent column
    for (const options of [{ tol: 1e-12 }, { tol: 1e-12, alpha: 0.3, standardize: false }, { tol: 1e-12, lower: -0.2 }]) {
      const direct = await fitPath({ X: { data: X, nRows: n, nCols: p, layout: 'column-major' }, y, weights: w }, { ...options, lambdaMinRatio: 1e-4 });
      const fromSums = await fitPath({ X: { data: rows.X, nRows: rows.nRows, nCols: p, layout: 'row-major' }, y: rows.y, weights: rows.weights }, { ...options, lambdaMinRatio: 1e-4 });
      expect(fromSums.lambda.length).toBe(direct.lambda.length);
      const largest = Math.max(...direct.beta.flat().map(Math.abs));
      for (let k = 0; k < direct.lambda.length; k++) {
        expect(Math.abs(fromSums.lambda[k] - direct.lambda[k]) / direct.lambda[k]).toBeLessThan(1e-12);
        expect(Math.abs(fromSums.objective[k] - direct.objective[k]) / direct.objective[k], `objective at λ_${k}`).toBeLessThan(1e-12);
        for (let j = 0; j < p; j++) expect(Math.abs(fromSums.beta[k][j] - direct.beta[k][j]), `β_${j} at λ_${k}`).toBeLessThan(1e-9 * largest);
        expect(Math.abs(fromSums.devRatio[k] - direct.devRatio[k])).toBeLessThan(1e-12);
      }
      expect(fromSums.nullDeviance / rows.nRows).toBeCloseTo(direct.nullDeviance / n, 9);
    }
  });

  it('does not depend on the blocks the rows come in', () => {
    const { X, y, w } = data();
    const a = summed(X, y, w, 1).S;
    const b = summed(X, y, w, n).S;
    for (let t = 0; t < a.length; t++) expect(Math.abs(a[t] - b[t])).toBeLessThan(1e-9 * (1 + Math.abs(b[t])));
  });

  it('refuses sums without a row of positive weight', () => {
    expect(() => equivalentRows(new SquaredSums(3))).toThrow(/no rows with positive weight/);
  });
});

describe('fit --stream and fits beyond memory', () => {
  const dir = tempDir();
  const rows: (string | number)[][] = [];
  for (let i = 0; i < 3000; i++) {
    const a = 50 + 3 * u();
    const b = z();
    const c = u();
    const missing = i % 250 === 7;
    rows.push([(2 * a - b + c * z()).toFixed(6), missing ? 'NA' : a.toFixed(6), b.toFixed(6), c.toFixed(6), (0.5 + u()).toFixed(4), (0.1 * z()).toFixed(5)]);
  }
  writeText(dir, 'data.csv', csv(['y', 'a', 'b', 'c', 'w', 'o'], rows));
  const flags = ['--weights', 'w', '--offset', 'o', '--drop-incomplete', '--nlambda', '40'];

  it('the CSV reader\'s blocks hold the rows it keeps, missing ones dropped', async () => {
    const file = join(dir, 'data.csv');
    const options = { weights: 'w', offset: 'o', dropIncomplete: true };
    const whole = await readCsv(file, options);
    const seen: number[] = [];
    const summary = await streamCsv(file, options, (block) => {
      for (let i = 0; i < block.count; i++) seen.push(block.feature(0)[i], block.y[i], block.weights![i], block.offset![i]);
    }, undefined, { blockRows: 97 });
    expect(summary.nRows).toBe(whole.X.nRows);
    expect(summary.nDropped).toBe(whole.nDropped);
    expect(summary.nDropped).toBe(12);
    const expected: number[] = [];
    for (let i = 0; i < whole.X.nRows; i++) expected.push(whole.X.data[i], whole.y[i], whole.weights![i], whole.offset![i]);
    expect(seen).toEqual(expected);
  });

  it('gives the in-memory fit\'s path, for the file\'s n, and says it streamed', () => {
    requireBuild();
    const memory = runCli(['fit', 'data.csv', ...flags, '--out', 'memory.json'], dir);
    const streamed = runCli(['fit', 'data.csv', ...flags, '--stream', '--out', 'stream.json'], dir);
    expect(memory.status, memory.stderr).toBe(0);
    expect(streamed.status, streamed.stderr).toBe(0);
    expect(streamed.stderr).toMatch(/streamed: 2988 rows in one pass \(--stream\)/);
    const a = JSON.parse(readFileSync(join(dir, 'memory.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(dir, 'stream.json'), 'utf8'));
    expect(b.problem.n).toBe(a.problem.n);
    expect(b.lambda.length).toBe(a.lambda.length);
    expect(Math.abs(b.nullDeviance - a.nullDeviance) / a.nullDeviance).toBeLessThan(1e-9);
    const largest = Math.max(...a.beta.flat().map(Math.abs));
    for (let k = 0; k < a.lambda.length; k++) {
      expect(Math.abs(b.objective[k] - a.objective[k]) / a.objective[k]).toBeLessThan(1e-9);
      for (let j = 0; j < 3; j++) expect(Math.abs(b.beta[k][j] - a.beta[k][j])).toBeLessThan(1e-7 * largest);
    }
  });

  it('streams by itself when the rows would not fit, and refuses the other losses with the figure', () => {
    const small = { PROXPATH_MEMORY_BYTES: '200000' };
    const squared = runCli(['fit', 'data.csv', ...flags, '--out', 'auto.json'], dir, small);
    expect(squared.status, squared.stderr).toBe(0);
    expect(squared.stderr).toMatch(/streamed: 2988 rows in one pass \(in memory the fit would need about .* MiB for ≈ \d+ rows × 6 columns, more than the 0\.191 MiB it may use here\)/);
    const huber = runCli(['fit', 'data.csv', ...flags, '--loss', 'huber'], dir, small);
    expect(huber.status).toBe(2);
    expect(huber.stderr).toMatch(/^error: data\.csv: the fit needs about [\d.]+ MiB for ≈ \d+ rows × 6 columns, more than the 0\.191 MiB it may use here \(estimated from the file's first MiB\); .*--loss squared/m);
    expect(huber.stderr.trim().split('\n')).toHaveLength(1);
    const refused = runCli(['fit', 'data.csv', '--stream', '--loss', 'logistic'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/option --stream: only the squared loss/);
  });
});
