// The data formats of fit, cv and predict besides CSV: libsvm/svmlight, Matrix Market (with
// --y), Parquet and Arrow IPC. Each file is written here from the same numbers as a CSV (the
// text formats by hand, Parquet by hyparquet-writer, Arrow by apache-arrow's writer), and must
// give the same fit as that CSV: the same λ, the same coefficients. Mistakes exit 2 with one
// line naming the file, the line or row, and the column.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inputFormatOf } from '../src/cli/input-format.js';
import { tripletsToCsc } from '../src/formats/csc.js';
import { Triplets, densify } from '../src/formats/triplets.js';
import type { PathFitJSON } from '../src/problem/result.js';
import { fitPath } from '../src/api/fit-path.js';
import { csv, expectUsageError, regressionRows, requireBuild, runCli, tempDir, writeText } from './helpers/cli.js';
import { normal, rng } from './helpers/data.js';

const N = 60;
const P = 5;

/** Regression rows with about half the x cells set to 0 (a sparse X), x5 kept nonzero somewhere. */
function sparseRows(): { header: string[]; rows: number[][] } {
  const { header, rows } = regressionRows(N, P, 7);
  return { header, rows: rows.map((row) => row.map((value, j) => (j < P && Math.abs(value) < 0.6 ? 0 : value))) };
}

const { header, rows } = sparseRows();

/** A wide sparse regression set: its libsvm text and its CSC (about 6 nonzeros a row, the signal in x1…x5). */
function wideSparse(nRows: number, nCols: number) {
  const random = rng(11);
  const gauss = normal(12);
  const indptr = new Int32Array(nCols + 1);
  const cells: [number, number, number][] = [];
  const y = new Float64Array(nRows);
  const lines: string[] = [];
  for (let i = 0; i < nRows; i++) {
    // Row 1 names the last feature: a libsvm file's features are x1 up to the largest index in it.
    const columns = [...new Set([1 + (i % 5), i === 0 ? nCols : 1, ...Array.from({ length: 5 }, () => 1 + Math.floor(random() * nCols))])].sort((a, b) => a - b);
    const values = columns.map(() => Math.round(gauss() * 1000) / 1000 || 1);
    y[i] = columns.reduce((s, j, t) => s + (j <= 5 ? (6 - j) * values[t] : 0), 0) + 0.1 * gauss();
    y[i] = Math.round(y[i] * 1e6) / 1e6;
    columns.forEach((j, t) => cells.push([j - 1, i, values[t]]));
    lines.push([y[i], ...columns.map((j, t) => `${j}:${values[t]}`)].join(' '));
  }
  cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [j] of cells) indptr[j + 1]++;
  for (let j = 0; j < nCols; j++) indptr[j + 1] += indptr[j];
  const csc = { format: 'csc' as const, nRows, nCols, indptr, indices: Int32Array.from(cells, (c) => c[1]), values: Float64Array.from(cells, (c) => c[2]) };
  return { libsvm: `${lines.join('\n')}\n`, csc, y };
}
const column = (j: number) => Float64Array.from(rows, (row) => row[j]);

function libsvmText(): string {
  return rows.map((row) => [row[P], ...row.slice(0, P).flatMap((v, j) => (v === 0 ? [] : [`${j + 1}:${v}`]))].join(' ')).join('\n') + '\n';
}

function mtxText(): string {
  const entries: string[] = [];
  for (let j = 0; j < P; j++) rows.forEach((row, i) => row[j] !== 0 && entries.push(`${i + 1} ${j + 1} ${row[j]}`));
  return `%%MatrixMarket matrix coordinate real general\n% written by cli-formats.test.ts\n${N} ${P} ${entries.length}\n${entries.join('\n')}\n`;
}

function parquetBytes(columns: { name: string; data: ArrayLike<unknown>; type: 'DOUBLE' | 'STRING' | 'INT64' }[], rowGroupSize?: number): Uint8Array {
  const columnData = columns.map(({ name, data, type }) => ({ name, data: Array.from(data), type, nullable: true }));
  const buffer = parquetWriteBuffer({ columnData, ...(rowGroupSize ? { rowGroupSize } : {}) });
  return new Uint8Array(buffer);
}

let dir: string;
beforeAll(requireBuild);
beforeEach(() => {
  dir = tempDir();
});

const fitJson = (args: string[]) => {
  const out = join(dir, `fit-${Math.random().toString(36).slice(2)}.json`);
  const run = runCli(['fit', ...args, '--out', out], dir);
  expect(run.status, run.stderr).toBe(0);
  return { json: JSON.parse(readFileSync(out, 'utf8')) as PathFitJSON, stderr: run.stderr, out };
};

function expectSameFit(got: PathFitJSON, want: PathFitJSON): void {
  expect(got.lambda).toHaveLength(want.lambda.length);
  got.lambda.forEach((lambda, k) => expect(Math.abs(lambda - want.lambda[k])).toBeLessThanOrEqual(1e-12 * want.lambda[0]));
  got.beta.forEach((beta, k) => beta.forEach((b, j) => expect(Math.abs(b - want.beta[k][j]), `λ ${k}, x${j + 1}`).toBeLessThanOrEqual(1e-12)));
  got.intercept.forEach((a, k) => expect(Math.abs(a - want.intercept[k])).toBeLessThanOrEqual(1e-12));
  expect(got.featureNames).toEqual(want.featureNames);
}

const files = () => ({
  csv: writeText(dir, 'data.csv', csv(header, rows)),
  libsvm: writeText(dir, 'data.libsvm', libsvmText()),
  mtx: writeText(dir, 'X.mtx', mtxText()),
  y: writeText(dir, 'y.txt', `${rows.map((row) => row[P]).join('\n')}\n`),
  parquet: write('data.parquet', parquetBytes(header.map((name, j) => ({ name, data: column(j), type: 'DOUBLE' })))),
  arrow: write('data.arrow', tableToIPC(tableFromArrays(Object.fromEntries(header.map((name, j) => [name, column(j)]))), 'file')),
});

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('the format of a data file', () => {
  it('is --input-format, else by extension, else CSV', () => {
    expect(inputFormatOf('a.csv')).toBe('csv');
    expect(inputFormatOf('a.SVM')).toBe('libsvm');
    expect(inputFormatOf('a.svmlight')).toBe('libsvm');
    expect(inputFormatOf('a.mtx')).toBe('mtx');
    expect(inputFormatOf('a.parquet')).toBe('parquet');
    expect(inputFormatOf('a.feather')).toBe('arrow');
    expect(inputFormatOf('a.ipc')).toBe('arrow');
    expect(inputFormatOf('a.txt')).toBe('csv');
    expect(inputFormatOf('a.txt', 'libsvm')).toBe('libsvm');
  });
});

describe('sparse triplets', () => {
  it('densify to column-major, duplicates summed, columns mapped or left out, past the first capacity', () => {
    const entries = new Triplets();
    entries.push(0, 1, 2);
    entries.push(1, 0, 3);
    entries.push(0, 1, 0.5);
    entries.push(1, 2, 7);
    expect(Array.from(densify(entries, 2, 3, (j) => j, 'm'))).toEqual([0, 3, 2.5, 0, 0, 7]);
    expect(Array.from(densify(entries, 2, 2, (j) => [1, 0, -1][j], 'm'))).toEqual([2.5, 0, 0, 3]);
    const many = new Triplets();
    for (let k = 0; k < 3000; k++) many.push(k % 1000, k % 3, 1);
    expect(densify(many, 1000, 3, (j) => j, 'm').reduce((a, b) => a + b, 0)).toBe(3000);
  });
});

describe('sparse triplets to CSC (what the command line fits)', () => {
  it('sorts each column by row, sums repeats, drops zeros and cancelled sums, maps or leaves out columns', () => {
    const entries = new Triplets();
    // Column 0: rows 1, 0, 1 (out of order, row 1 twice); column 1: 2 and −2 at row 0 cancel; column 2: row 1.
    for (const [i, j, v] of [[1, 0, 3], [0, 1, 2], [0, 0, 1], [1, 2, 7], [0, 1, -2], [1, 0, 0.5]]) entries.push(i, j, v);
    const csc = tripletsToCsc(entries, 2, 3, (j) => j);
    expect(Array.from(csc.indptr)).toEqual([0, 2, 2, 3]);
    expect(Array.from(csc.indices)).toEqual([0, 1, 1]);
    expect(Array.from(csc.values)).toEqual([1, 3.5, 7]);
    expect(csc.indices).toBeInstanceOf(Int32Array);
    expect(csc.values).toBeInstanceOf(Float64Array);
    // Columns mapped as densify maps them (−1 and past the end: left out), and the same matrix.
    const mapped = tripletsToCsc(entries, 2, 2, (j) => [1, 0, -1][j]);
    expect(Array.from(mapped.indptr)).toEqual([0, 0, 2]);
    const dense = densify(entries, 2, 2, (j) => [1, 0, -1][j], 'm');
    expect(Array.from(dense)).toEqual([0, 0, 1, 3.5]);
  });
});

describe('round trips: each format gives the fit of the CSV of the same data', () => {
  it('libsvm, Matrix Market, Parquet and Arrow IPC: the same λ and coefficients (1e-12)', () => {
    const f = files();
    const want = fitJson([f.csv, '--alpha', '0.7']).json;
    expectSameFit(fitJson([f.libsvm, '--alpha', '0.7']).json, want);
    expectSameFit(fitJson([f.mtx, '--y', f.y, '--alpha', '0.7']).json, want);
    expectSameFit(fitJson([f.parquet, '--alpha', '0.7']).json, want);
    // Row groups of 16 rows: the chunks land at their rows.
    const grouped = write('grouped.parquet', parquetBytes(header.map((name, j) => ({ name, data: column(j), type: 'DOUBLE' })), 16));
    expectSameFit(fitJson([grouped, '--alpha', '0.7']).json, want);
    expectSameFit(fitJson([f.arrow, '--alpha', '0.7']).json, want);
    // --input-format overrides the extension.
    const renamed = writeText(dir, 'data.txt', libsvmText());
    expectSameFit(fitJson([renamed, '--input-format', 'libsvm', '--alpha', '0.7']).json, want);
  });

  it('the batched iteration (--solver batched) fits a libsvm file sparse: the CSV\'s fit to its tolerance', () => {
    const f = files();
    const want = fitJson([f.csv, '--solver', 'batched', '--nlambda', '10']).json;
    const got = fitJson([f.libsvm, '--solver', 'batched', '--nlambda', '10']).json;
    expect(got.device.columns).toBe('sparse');
    expect(got.lambda).toEqual(want.lambda);
    // Both stop at the batched iteration's tolerance, on products summed in another order.
    got.objective.forEach((value, k) => expect(Math.abs(value - want.objective[k])).toBeLessThanOrEqual(1e-9 * Math.abs(want.objective[k])));
  });

  it('says which columns it read: libsvm and mtx features x1…xp, the target label or --y', () => {
    const f = files();
    expect(fitJson([f.libsvm]).stderr).toContain('features (5): x1, x2, x3, x4, x5; target label; no weights');
    expect(fitJson([f.mtx, '--y', f.y]).stderr).toContain('features (5): x1, x2, x3, x4, x5; target y; no weights');
  });

  it('weights: a column of Parquet and Arrow (--weights), a file for libsvm and mtx (--weights-file)', () => {
    const f = files();
    const w = rows.map((_, i) => 1 + (i % 3));
    const withW = [...header, 'w'];
    const wRows = rows.map((row, i) => [...row, w[i]]);
    const want = fitJson([writeText(dir, 'w.csv', csv(withW, wRows)), '--weights', 'w']).json;
    const wFile = writeText(dir, 'w.txt', `w\n${w.join('\n')}\n`);
    expectSameFit(fitJson([f.libsvm, '--weights-file', wFile]).json, want);
    expectSameFit(fitJson([f.mtx, '--y', f.y, '--weights-file', wFile]).json, want);
    const wColumns = withW.map((name, j) => ({ name, data: Float64Array.from(wRows, (row) => row[j]), type: 'DOUBLE' as const }));
    expectSameFit(fitJson([write('w.parquet', parquetBytes(wColumns)), '--weights', 'w']).json, want);
    const arrow = tableToIPC(tableFromArrays(Object.fromEntries(wColumns.map(({ name, data }) => [name, data]))), 'stream');
    expectSameFit(fitJson([write('w.arrows', arrow), '--input-format', 'arrow', '--weights', 'w']).json, want);
  });

  it('Matrix Market: array layout, symmetric coordinates, integer and pattern fields read as their dense matrix', () => {
    const f = files();
    const want = fitJson([f.mtx, '--y', f.y]).json;
    const values: number[] = [];
    for (let j = 0; j < P; j++) rows.forEach((row) => values.push(row[j]));
    const array = writeText(dir, 'array.mtx', `%%MatrixMarket matrix array real general\n${N} ${P}\n${values.join('\n')}\n`);
    // The target as a one-column Matrix Market file, as scipy.io.mmwrite writes a vector.
    const yMtx = writeText(dir, 'y.mtx', `%%MatrixMarket matrix array real general\n${N} 1\n${rows.map((row) => row[P]).join('\n')}\n`);
    expectSameFit(fitJson([array, '--y', yMtx]).json, want);
    // A 3 × 3 symmetric matrix (lower triangle stored) with an integer field, and a pattern one.
    const y3 = writeText(dir, 'y3.txt', '1\n2\n4\n');
    const sym = writeText(dir, 'sym.mtx', '%%MatrixMarket matrix coordinate integer symmetric\n3 3 4\n1 1 2\n2 1 1\n3 2 -1\n3 3 5\n');
    const dense = writeText(dir, 'dense.csv', 'x1,x2,x3,y\n2,1,0,1\n1,0,-1,2\n0,-1,5,4\n');
    expectSameFit(fitJson([sym, '--y', y3, '--lambda', '0.1']).json, fitJson([dense, '--lambda', '0.1']).json);
    const pattern = writeText(dir, 'pattern.mtx', '%%MatrixMarket matrix coordinate pattern general\n3 2 3\n1 1\n2 2\n3 1\n');
    const ones = writeText(dir, 'ones.csv', 'x1,x2,y\n1,0,1\n0,1,2\n1,0,4\n');
    expectSameFit(fitJson([pattern, '--y', y3, '--lambda', '0.1']).json, fitJson([ones, '--lambda', '0.1']).json);
  });

  it('cv reads the formats too: the same CV curve as the CSV', () => {
    const f = files();
    const cvJson = (args: string[]) => {
      const run = runCli(['cv', ...args, '--folds', '4', '--format', 'json', '--workers', '1'], dir);
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { curves: { cvm: number[] }[] };
    };
    const want = cvJson([f.csv]).curves[0].cvm;
    for (const args of [[f.libsvm], [f.mtx, '--y', f.y], [f.parquet], [f.arrow]]) {
      cvJson(args).curves[0].cvm.forEach((m, k) => expect(Math.abs(m - want[k])).toBeLessThanOrEqual(1e-12 * Math.abs(want[k])));
    }
  });

  it('predict reads every format: the same predictions as from the CSV', () => {
    const f = files();
    const model = fitJson([f.csv]).out;
    const predict = (...args: string[]) => {
      const run = runCli(['predict', model, ...args], dir);
      expect(run.status, run.stderr).toBe(0);
      return run.stdout;
    };
    const want = predict(f.csv);
    expect(want.split('\n')).toHaveLength(N + 2);
    expect(predict(f.libsvm)).toBe(want);
    expect(predict(f.mtx)).toBe(want);
    expect(predict(f.parquet)).toBe(want);
    expect(predict(f.arrow)).toBe(want);
    // A libsvm file that never mentions x5 predicts with x5 = 0, as the model's fifth feature.
    const noX5 = libsvmText().split('\n').map((line) => line.replace(/ 5:\S+/, '')).join('\n');
    const zeroed = rows.map((row) => [...row.slice(0, 4), 0, row[P]]);
    expect(predict(writeText(dir, 'no-x5.svm', noX5))).toBe(predict(writeText(dir, 'no-x5.csv', csv(header, zeroed))));
  });
});

describe('mistakes: exit 2, one line naming the file, the line or row, and the column', () => {
  const fails = (args: string[], ...needles: string[]) => {
    const out = join(dir, 'never.json');
    expectUsageError(runCli(['fit', ...args, '--out', out], dir), out, ...needles);
  };

  it('libsvm: indices not ascending, not 1-based, a value that is not a number, a bad token', () => {
    fails([writeText(dir, 'a.libsvm', '1 1:0.5 2:1\n2 1:0.5 3:1 2:4\n')], 'a.libsvm: line 2, column "x2": indices must ascend within a line (2 after 3)');
    fails([writeText(dir, 'b.libsvm', '1 1:0.5\n\n2 0:1 1:2\n')], 'b.libsvm: line 3: "0:1": indices are 1-based');
    fails([writeText(dir, 'c.libsvm', '1 1:0.5 4:abc\n')], 'c.libsvm: line 1, column "x4": value "abc" is not a number');
    fails([writeText(dir, 'd.libsvm', '1 1:0.5\nyes 1:2\n')], 'd.libsvm: line 2: label: value "yes" is not a number');
    fails([writeText(dir, 'e.libsvm', '1 1:0.5 junk\n')], 'e.libsvm: line 1: "junk" is not index:value');
    fails([writeText(dir, 'f.libsvm', '1 1:inf\n')], 'f.libsvm: line 1, column "x1": value "inf" is not finite');
  });

  it('libsvm: qid tokens and comments are ignored', () => {
    const f = files();
    const withQid = libsvmText().split('\n').map((line, i) => (line === '' ? line : line.replace(' ', ` qid:${i % 4} `) + ' # row')).join('\n');
    expectSameFit(fitJson([writeText(dir, 'qid.libsvm', withQid)]).json, fitJson([f.libsvm]).json);
  });

  it('libsvm and mtx: --weights, --target and --y refused with what to do instead', () => {
    const f = files();
    fails([f.libsvm, '--weights', 'w'], 'option --weights: a libsvm file has no named columns; give the weights one per line with --weights-file');
    fails([f.libsvm, '--target', 'y'], 'option --target: a libsvm file\'s target is its labels');
    fails([f.mtx], 'option --y is needed: a Matrix Market file holds only X');
    fails([f.mtx, '--y', f.y, '--weights', 'w'], 'option --weights: a Matrix Market file has no named columns');
    fails([f.csv, '--y', f.y], 'option --y: only for Matrix Market data');
    fails([f.csv, '--input-format', 'xls'], "option '--input-format <format>' argument 'xls' is invalid");
  });

  it('mtx: a bad banner, an index out of range, a bad value, too few entries, a --y of the wrong length', () => {
    const f = files();
    fails([writeText(dir, 'a.mtx', 'x1,x2\n1,2\n'), '--y', f.y], 'a.mtx: line 1: not a Matrix Market banner');
    const head = '%%MatrixMarket matrix coordinate real general\n3 2 2\n';
    fails([writeText(dir, 'b.mtx', `${head}1 1 0.5\n4 1 2\n`), '--y', f.y], 'b.mtx: line 4: row index "4" is outside 1…3');
    fails([writeText(dir, 'c.mtx', `${head}1 1 0.5\n2 2 x\n`), '--y', f.y], 'c.mtx: line 4, row 2, column "x2": value "x" is not a number');
    fails([writeText(dir, 'd.mtx', `${head}1 1 0.5\n`), '--y', f.y], 'd.mtx: 1 entries, but the size line announced 2');
    const y3 = writeText(dir, 'y3.txt', '1\n2\nthree\n');
    fails([writeText(dir, 'e.mtx', `${head}1 1 0.5\n2 2 1\n`), '--y', y3], 'option --y: ', 'y3.txt: line 3: value "three" is not a number');
    fails([f.mtx, '--y', writeText(dir, 'short.txt', '1\n2\n')], 'option --y: ', 'short.txt" has 2 values, ', 'X.mtx has 60 rows');
  });

  it('a sparse X is never densified: the memory plan counts its nonzeros, and refuses past the budget with the figure', () => {
    const f = files();
    // 10¹² cells, one nonzero: no dense matrix is made; the --y mistake is the first one found.
    const huge = writeText(dir, 'huge.mtx', '%%MatrixMarket matrix coordinate real general\n1000000 1000000 1\n1 1 1\n');
    fails([huge, '--y', f.y], 'option --y: ', 'huge.mtx has 1000000 rows');
    // 2·10⁹ features: their column offsets, vectors and path alone pass any budget; said before the file is read.
    fails([writeText(dir, 'wide.svm', '1 1:1 2000000000:1\n2 1:2\n3 4:1\n')], 'wide.svm: the fit needs about ', '≈ 2000000000 features with ≈ 4 nonzeros', "(estimated from the file's first MiB)");
  });

  it('a libsvm file too large to densify under the memory budget fits sparse, as the library fits its CSC', async () => {
    const nRows = 400;
    const nCols = 20_000;
    const { libsvm, csc, y } = wideSparse(nRows, nCols);
    const file = writeText(dir, 'wide.libsvm', libsvm);
    const budget = { PROXPATH_MEMORY_BYTES: String(32 * 2 ** 20) };
    expect(nRows * nCols * 8).toBeGreaterThan(32 * 2 ** 20); // a dense copy alone (61 MiB) passes the budget
    const out = join(dir, 'wide.json');
    const run = runCli(['fit', file, '--nlambda', '20', '--out', out], dir, budget);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as PathFitJSON;
    expect(json.device.columns).toBe('sparse');
    const library = await fitPath({ X: csc, y }, { nLambda: 20 });
    expectSameFit(json, library.toJSON());
    // cv and predict under the same budget: the folds are row subsets of the CSC, the predictions read its rows.
    const cvOut = join(dir, 'wide-cv.json');
    const cv = runCli(['cv', file, '--folds', '3', '--nlambda', '10', '--workers', '1', '--out', cvOut], dir, budget);
    expect(cv.status, cv.stderr).toBe(0);
    const cvJson = JSON.parse(readFileSync(cvOut, 'utf8')) as { curves: { cvm: number[] }[] };
    expect(cvJson.curves[0].cvm.every(Number.isFinite)).toBe(true);
    const predicted = runCli(['predict', out, file], dir, budget);
    expect(predicted.status, predicted.stderr).toBe(0);
    expect(predicted.stdout.trim().split('\n').slice(1).map(Number)).toEqual(Array.from(library.predict(csc)));
    // The exact quantile solver reads dense copies: refused under the same budget, with the figure, after reading.
    const refused = runCli(['fit', file, '--loss', 'quantile', '--out', out], dir, budget);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/wide\.libsvm: the fit needs about [\d.]+ MiB for ≈ \d+ rows × ≈ 20000 features with ≈ \d+ nonzeros \(its nonzeros, the solver's copy, and the dense copies of X that the exact absolute and quantile solvers read\), more than the 32\.0 MiB it may use here/);
  });

  it('Parquet and Arrow: a null cell names its row and column (or --drop-incomplete drops the row); a text column is refused', () => {
    const withNull = (j: number) => {
      const data: (number | null)[] = Array.from(column(j));
      if (j === 1) data[2] = null;
      return data;
    };
    const parquet = write('nulls.parquet', parquetBytes(header.map((name, j) => ({ name, data: withNull(j), type: 'DOUBLE' }))));
    const arrow = write('nulls.arrow', tableToIPC(tableFromArrays(Object.fromEntries(header.map((name, j) => [name, withNull(j)]))), 'file'));
    fails([parquet], 'nulls.parquet: row 3, column "x2": value is null; use --drop-incomplete to drop such rows');
    fails([arrow], 'nulls.arrow: row 3, column "x2": value is null; use --drop-incomplete to drop such rows');
    const dropped = rows.filter((_, i) => i !== 2);
    const want = fitJson([writeText(dir, 'dropped.csv', csv(header, dropped))]).json;
    for (const file of [parquet, arrow]) {
      const { json, stderr } = fitJson([file, '--drop-incomplete']);
      expectSameFit(json, want);
      expect(stderr).toContain('warning: dropped 1 of 60 rows with missing values');
    }
    const names = rows.map((_, i) => `r${i}`);
    const textColumn = [...header.map((name, j) => ({ name, data: column(j), type: 'DOUBLE' as const })), { name: 'id', data: names, type: 'STRING' as const }];
    fails([write('text.parquet', parquetBytes(textColumn))], 'text.parquet: column "id" is not numeric (its type is BYTE_ARRAY UTF8)');
    const arrowText = tableToIPC(tableFromArrays({ ...Object.fromEntries(header.map((name, j) => [name, column(j)])), id: names }), 'file');
    fails([write('text.arrow', arrowText)], 'text.arrow: column "id" is not numeric (its type is');
  });

  it('Parquet and Arrow: integer columns (INT64, BigInt) read as numbers; --target by name; a file of another format is named', () => {
    const ints = Array.from({ length: N }, (_, i) => (i * 7) % 5);
    const intRows = rows.map((row, i) => [ints[i], ...row.slice(1)]);
    const want = fitJson([writeText(dir, 'ints.csv', csv(['count', ...header.slice(1)], intRows)), '--target', 'y']).json;
    const columns = [
      { name: 'count', data: BigInt64Array.from(ints, BigInt), type: 'INT64' as const },
      ...header.slice(1).map((name, k) => ({ name, data: column(k + 1), type: 'DOUBLE' as const })),
    ];
    expectSameFit(fitJson([write('ints.parquet', parquetBytes(columns)), '--target', 'y']).json, want);
    const arrow = tableToIPC(tableFromArrays(Object.fromEntries(columns.map(({ name, data }) => [name, data]))), 'file');
    expectSameFit(fitJson([write('ints.arrow', arrow), '--target', 'y']).json, want);
    const f = files();
    fails([f.parquet, '--target', 'nope'], 'data.parquet: --target column "nope" not found; the columns are "x1"');
    fails([writeText(dir, 'fake.parquet', 'x,y\n1,2\n')], 'fake.parquet: not a Parquet file');
    fails([writeText(dir, 'fake.arrow', 'x,y\n1,2\n')], 'fake.arrow: not an Arrow IPC file');
  });
});
