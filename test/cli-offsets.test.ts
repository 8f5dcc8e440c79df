// The command line's offsets: --offset <column> for fit, cv and predict (a column of a CSV,
// Parquet or Arrow file, never a feature), --offset-file for libsvm and Matrix Market data; the
// same fits, curves and predictions as the library's; and the mistakes, each one `error:` line.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cvPath, fitPath, type CvFitJSON, type PathFitJSON } from '../src/index.js';
import { csv, expectUsageError, requireBuild, runCli, tempDir, writeText } from './helpers/cli.js';

// The Poisson counts of the offsets fixture (scripts/offset-references.R): x1…x8, the offset o, yc.
const lines = readFileSync(new URL('fixtures/data/offsets.csv', import.meta.url), 'utf8').trim().split('\n');
const fixtureHeader = lines[0].split(',').map((name) => name.replace(/"/g, ''));
const fixtureRows = lines.slice(1).map((line) => line.split(',').map(Number));
const features = fixtureHeader.filter((name) => /^x\d+$/.test(name));
const at = (row: number[], name: string) => row[fixtureHeader.indexOf(name)];
const X = fixtureRows.map((row) => features.map((name) => at(row, name)));
const y = fixtureRows.map((row) => at(row, 'yc'));
const offset = fixtureRows.map((row) => at(row, 'o'));
/** The CSV of fit and cv: the offset column between the features and the target. */
const header = [...features, 'o', 'count'];
const rows = X.map((x, i) => [...x, offset[i], y[i]]);
const OPTIONS = ['--loss', 'poisson', '--target', 'count', '--nlambda', '20'];

let dir: string;
beforeAll(requireBuild);
beforeEach(() => {
  dir = tempDir();
});

function run(args: string[]): { json: unknown; stderr: string; out: string } {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
  const result = runCli([...args, '--out', out], dir);
  expect(result.status, result.stderr).toBe(0);
  return { json: JSON.parse(readFileSync(out, 'utf8')), stderr: result.stderr, out };
}

function expectSameFit(got: PathFitJSON, want: { lambda: number[]; beta: number[][]; intercept: number[] }): void {
  expect(got.lambda).toHaveLength(want.lambda.length);
  got.lambda.forEach((lambda, k) => expect(Math.abs(lambda - want.lambda[k])).toBeLessThanOrEqual(1e-12 * want.lambda[0]));
  got.beta.forEach((beta, k) => beta.forEach((b, j) => expect(Math.abs(b - want.beta[k][j]), `λ ${k}, x${j + 1}`).toBeLessThanOrEqual(1e-12)));
  got.intercept.forEach((a, k) => expect(Math.abs(a - want.intercept[k])).toBeLessThanOrEqual(1e-12));
}

const libsvmText = () => rows.map((row, i) => [y[i], ...X[i].map((v, j) => `${j + 1}:${v}`)].join(' ')).join('\n') + '\n';
const offsetFile = () => writeText(dir, 'offset.txt', `o\n${offset.join('\n')}\n`);

describe('proxpath fit and cv with --offset', () => {
  it('fit: the offset column is no feature, and the fit is the library\'s with that offset', async () => {
    const data = writeText(dir, 'data.csv', csv(header, rows));
    const { json, stderr } = run(['fit', data, ...OPTIONS, '--offset', 'o']);
    const fit = json as PathFitJSON;
    expect(stderr).toContain('features (8): x1, x2, x3, x4, x5, x6, x7, x8; target count; no weights; offset o');
    expect(fit.featureNames).toEqual(features);
    expect(fit.problem.offset).toBe(true);
    const want = await fitPath({ X, y, offset, featureNames: features }, { loss: 'poisson', nLambda: 20 });
    expectSameFit(fit, want);
  });

  it('Parquet takes the column; libsvm and Matrix Market take --offset-file: the same fit', () => {
    const want = run(['fit', writeText(dir, 'data.csv', csv(header, rows)), ...OPTIONS, '--offset', 'o']).json as PathFitJSON;
    const columns = header.map((name, j) => ({ name, data: rows.map((row) => row[j]), type: 'DOUBLE' as const, nullable: true }));
    const parquet = join(dir, 'data.parquet');
    writeFileSync(parquet, new Uint8Array(parquetWriteBuffer({ columnData: columns })));
    expectSameFit(run(['fit', parquet, ...OPTIONS, '--offset', 'o']).json as PathFitJSON, want);
    const libsvm = writeText(dir, 'data.libsvm', libsvmText());
    const poisson = ['--loss', 'poisson', '--nlambda', '20'];
    expectSameFit(run(['fit', libsvm, ...poisson, '--offset-file', offsetFile()]).json as PathFitJSON, want);
    const entries = X.flatMap((x, i) => x.map((v, j) => `${i + 1} ${j + 1} ${v}`));
    const mtx = writeText(dir, 'X.mtx', `%%MatrixMarket matrix coordinate real general\n${X.length} ${features.length} ${entries.length}\n${entries.join('\n')}\n`);
    const yFile = writeText(dir, 'y.txt', `${y.join('\n')}\n`);
    expectSameFit(run(['fit', mtx, '--y', yFile, ...poisson, '--offset-file', offsetFile()]).json as PathFitJSON, want);
  });

  it('cv: each fold with its rows\' offsets, the curve the library\'s', async () => {
    const data = writeText(dir, 'data.csv', csv(header, rows));
    const foldId = rows.map((_, i) => 1 + (i % 4));
    const folds = writeText(dir, 'folds.txt', `${foldId.join('\n')}\n`);
    const cv = run(['cv', data, ...OPTIONS, '--offset', 'o', '--foldid', folds, '--workers', '1']).json as CvFitJSON;
    const want = await cvPath({ X, y, offset }, { loss: 'poisson', nLambda: 20, foldId, workers: 1 });
    cv.curves[0].cvm.forEach((m, k) => expect(m).toBeCloseTo(want.curves[0].cvm[k], 12));
  });

  it('a column named offset that is left a feature is pointed out', () => {
    const data = writeText(dir, 'data.csv', csv([...features, 'offset', 'count'], rows));
    expect(run(['fit', data, ...OPTIONS]).stderr).toContain('"offset" is a feature: --offset offset makes it the offset');
  });
});

describe('proxpath predict with --offset', () => {
  let model: string;
  let plainModel: string;
  beforeEach(() => {
    const data = writeText(dir, 'data.csv', csv(header, rows));
    model = run(['fit', data, ...OPTIONS, '--offset', 'o']).out;
    plainModel = run(['fit', writeText(dir, 'plain.csv', csv([...features, 'count'], X.map((x, i) => [...x, y[i]]))), ...OPTIONS]).out;
  });

  const predictions = (text: string) => text.trim().split('\n').slice(1).map(Number);

  it('adds the new rows\' offsets (a column anywhere in the file, or a file beside libsvm data) to the link', async () => {
    const newOffset = offset.slice(0, 6).map((o) => o + 0.25);
    const newData = writeText(dir, 'new.csv', csv(['o2', ...features], X.slice(0, 6).map((x, i) => [newOffset[i], ...x])));
    const result = runCli(['predict', model, newData, '--offset', 'o2', '--lambda', '0.05', '--type', 'response'], dir);
    expect(result.status, result.stderr).toBe(0);
    const fit = await fitPath({ X, y, offset, featureNames: features }, { loss: 'poisson', nLambda: 20 });
    const want = fit.predict(X.slice(0, 6), { lambda: 0.05, type: 'response', offset: newOffset });
    predictions(result.stdout).forEach((v, i) => expect(v).toBe(want[i]));
    const libsvm = writeText(dir, 'new.libsvm', libsvmText().split('\n').slice(0, 6).join('\n') + '\n');
    const file = writeText(dir, 'new-offset.txt', `${newOffset.join('\n')}\n`);
    const sparse = runCli(['predict', model, libsvm, '--offset-file', file, '--lambda', '0.05', '--type', 'response'], dir);
    expect(sparse.status, sparse.stderr).toBe(0);
    expect(predictions(sparse.stdout)).toEqual(predictions(result.stdout));
  });

  it('refuses a missing offset, an offset for a model without one, and both flags', () => {
    const out = join(dir, 'p.csv');
    const newData = writeText(dir, 'new.csv', csv(['o', ...features], X.slice(0, 3).map((x, i) => [offset[i], ...x])));
    expectUsageError(runCli(['predict', model, newData, '--out', out], dir), out, `${model} was fit with an offset: give the new rows' offsets (--offset <column>`);
    expectUsageError(runCli(['predict', plainModel, newData, '--offset', 'o', '--out', out], dir), out, `option --offset: ${plainModel} was fit without an offset`);
    expectUsageError(runCli(['predict', model, newData, '--offset', 'o', '--offset-file', newData, '--out', out], dir), out, 'give --offset or --offset-file, not both');
    expectUsageError(runCli(['predict', model, newData, '--offset', 'x1', '--out', out], dir), out, 'column "x1" is a model feature; it cannot be the offset too');
    expectUsageError(runCli(['predict', model, newData, '--offset', 'nope', '--out', out], dir), out, '--offset column "nope" not found');
  });
});

describe('offset mistakes in fit', () => {
  it('each one error line: the target as offset, a column in a sparse file, a file beside a CSV, a missing cell, a short file', () => {
    const out = join(dir, 'fit.json');
    const data = writeText(dir, 'data.csv', csv(header, rows));
    const fails = (args: string[], ...needles: string[]) => expectUsageError(runCli(['fit', ...args, '--out', out], dir), out, ...needles);
    fails([data, ...OPTIONS, '--offset', 'count'], 'column "count" cannot be both the target and the offset');
    fails([data, ...OPTIONS, '--weights', 'o', '--offset', 'o'], 'column "o" cannot be both the weights and the offset');
    const libsvm = writeText(dir, 'data.libsvm', libsvmText());
    fails([libsvm, '--offset', 'o'], 'option --offset: a libsvm file has no named columns; give the offsets one per line with --offset-file');
    fails([data, ...OPTIONS, '--offset-file', offsetFile()], "option --offset-file: only for libsvm and Matrix Market data; a csv file's offset is a column: --offset");
    const holed = rows.map((row, i) => (i === 2 ? row.map((v, j) => (j === features.length ? '' : v)) : row));
    fails([writeText(dir, 'holed.csv', csv(header, holed)), ...OPTIONS, '--offset', 'o'], 'row 3 (line 4), column "o": value is empty');
    const short = writeText(dir, 'short.txt', `${offset.slice(0, 10).join('\n')}\n`);
    fails([libsvm, '--offset-file', short], '--offset-file');
  });
});
