// The command line's multinomial logistic regression (--loss multinomial): fit, cv and predict on
// the 3-class fixture (string labels, weights) give exactly what the library gives on the same
// numbers (fitPath, cvPath, predict); grouped and ungrouped; integer labels; and the mistakes
// (2 classes, a missing label, options the multinomial fit does not take) each exit 2 in one line.

import { readFileSync, writeFileSync } from 'node:fs';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { join, resolve } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cvPath, fitPath, loadMultinomialModel } from '../src/index.js';
import { type CliResult, expectUsageError, requireBuild, runCli, tempDir, writeText } from './helpers/cli.js';

const DATA = resolve('test/fixtures/data/multinomial.csv');
const lines = readFileSync(DATA, 'utf8').trim().split('\n');
const header = lines[0].split(',').map((name) => name.replace(/"/g, ''));
const rows = lines.slice(1).map((line) => line.split(',').map((v) => v.replace(/"/g, '')));
const features = header.flatMap((name, j) => (name === 'y' || name === 'w' ? [] : [j]));
const X = rows.map((row) => features.map((j) => Number(row[j])));
const y = rows.map((row) => row[header.indexOf('y')]);
const weights = rows.map((row) => Number(row[header.indexOf('w')]));
const CLASSES = ['setosa', 'versicolor', 'virginica'];

let dir: string;
beforeAll(requireBuild);
beforeEach(() => {
  dir = tempDir();
});

const run = (...args: string[]): CliResult => runCli(args, dir);
const ok = (result: CliResult): CliResult => {
  expect(result.status, result.stderr).toBe(0);
  return result;
};
const readJson = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
/** A predict CSV: its header cells and its rows of cells. */
const table = (text: string) => {
  const [head, ...body] = text.trim().split('\n');
  return { head: head.split(','), body: body.map((line) => line.split(',')) };
};

/** The fixture with its labels replaced (same rows, same numbers). */
function relabelled(name: string, label: (y: string, i: number) => string): string {
  const body = rows.map((row, i) => row.map((cell, j) => (header[j] === 'y' ? label(cell, i) : cell)).join(','));
  return writeText(dir, name, `${header.join(',')}\n${body.join('\n')}\n`);
}

describe('proxpath fit --loss multinomial', () => {
  for (const type of ['ungrouped', 'grouped'] as const) {
    it(`${type}: the JSON is the library's fit (λ, classes, intercept [K][C], beta [K][C][p])`, async () => {
      ok(run('fit', DATA, '--loss', 'multinomial', '--type-multinomial', type, '--weights', 'w', '--nlambda', '8', '--alpha', '0.7', '--out', 'fit.json'));
      const saved = readJson('fit.json');
      const fit = await fitPath({ X, y, weights, featureNames: header.filter((n) => n !== 'y' && n !== 'w') }, { loss: 'multinomial', multinomial: type, nLambda: 8, alpha: 0.7 });
      expect(saved.format).toBe('proxpath-multinomial-fit');
      expect(saved.classes).toEqual(CLASSES);
      expect(saved.problem.multinomial).toBe(type);
      for (const key of ['lambda', 'intercept', 'beta', 'df', 'devRatio', 'featureNames'] as const) expect(saved[key], key).toEqual(fit[key]);
      expect(saved.beta[0]).toHaveLength(3);
      expect(saved.timing.parseMs).toBeGreaterThanOrEqual(0);
      // Grouped: a feature is in or out for every class at once.
      if (type === 'grouped') for (const perClass of saved.beta) for (let j = 0; j < 12; j++) expect(new Set(perClass.map((row: number[]) => row[j] === 0)).size).toBe(1);
    });
  }

  it('prints print(fit)\'s table, the features and the classes', () => {
    const result = ok(run('fit', DATA, '--loss', 'multinomial', '--weights', 'w', '--nlambda', '4', '--format', 'table'));
    expect(result.stdout).toMatch(/Df +%Dev +Lambda/);
    expect(result.stdout.split('\n').filter((line) => /^\d+ /.test(line))).toHaveLength(4);
    expect(result.stderr).toContain('classes (3): setosa, versicolor, virginica');
    expect(result.stderr).toContain('target y; weights w');
  });

  it('integer labels are numeric classes, sorted as numbers; the fit is the string labels\' fit', () => {
    const path = relabelled('ints.csv', (label) => String([2, 10, 30][CLASSES.indexOf(label)]));
    ok(run('fit', path, '--loss', 'multinomial', '--weights', 'w', '--nlambda', '5', '--out', 'ints.json'));
    ok(run('fit', DATA, '--loss', 'multinomial', '--weights', 'w', '--nlambda', '5', '--out', 'strings.json'));
    const [ints, strings] = [readJson('ints.json'), readJson('strings.json')];
    expect(ints.classes).toEqual([2, 10, 30]);
    expect(ints.beta).toEqual(strings.beta);
    expect(ints.intercept).toEqual(strings.intercept);
    ok(run('predict', 'ints.json', path, '--type', 'class'));
  });
});

describe('Parquet, Arrow and libsvm targets as labels', () => {
  const names = header.filter((n) => n !== 'y' && n !== 'w');
  const column = (name: string) => rows.map((row) => Number(row[header.indexOf(name)]));
  const fitOf = (path: string, ...flags: string[]) => {
    ok(run('fit', path, '--loss', 'multinomial', '--nlambda', '5', ...flags, '--out', 'fit.json'));
    return readJson('fit.json');
  };

  it('a Parquet STRING column, an Arrow Utf8 column, an integer column: the CSV\'s fit', () => {
    const csvFit = fitOf(DATA, '--weights', 'w');
    const xs = names.map((name) => ({ name, data: column(name), type: 'DOUBLE' as const, nullable: true }));
    const parquet = (y: { data: unknown[]; type: 'STRING' | 'INT64' }) =>
      new Uint8Array(parquetWriteBuffer({ columnData: [...xs, { name: 'w', data: column('w'), type: 'DOUBLE', nullable: true }, { name: 'y', ...y, nullable: true }] }));
    writeFileSync(join(dir, 'text.parquet'), parquet({ data: y, type: 'STRING' }));
    expect(fitOf(join(dir, 'text.parquet'), '--weights', 'w').beta).toEqual(csvFit.beta);
    writeFileSync(join(dir, 'ints.parquet'), parquet({ data: y.map((label) => BigInt(CLASSES.indexOf(label) + 1)), type: 'INT64' }));
    const ints = fitOf(join(dir, 'ints.parquet'), '--weights', 'w');
    expect(ints.classes).toEqual([1, 2, 3]);
    expect(ints.beta).toEqual(csvFit.beta);
    const arrow = tableFromArrays({ ...Object.fromEntries([...names, 'w'].map((name) => [name, Float64Array.from(column(name))])), y });
    writeFileSync(join(dir, 'data.arrow'), tableToIPC(arrow, 'file'));
    expect(fitOf(join(dir, 'data.arrow'), '--weights', 'w').beta).toEqual(csvFit.beta);
  });

  it('libsvm labels are numeric classes; the fit is the library\'s', async () => {
    const lines = X.map((x, i) => `${CLASSES.indexOf(y[i])} ${x.map((v, j) => `${j + 1}:${v}`).join(' ')}`);
    writeText(dir, 'data.libsvm', lines.join('\n') + '\n');
    const fit = fitOf(join(dir, 'data.libsvm'));
    expect(fit.classes).toEqual([0, 1, 2]);
    const library = await fitPath({ X, y }, { loss: 'multinomial', nLambda: 5 });
    expect(fit.lambda).toEqual(library.lambda);
    expect(fit.beta).toEqual(library.beta);
  });
});

describe('proxpath cv --loss multinomial', () => {
  it('the saved CV is cvPath\'s on the same folds (class error), and predict uses its λ choices', async () => {
    const foldId = y.map((_, i) => (i % 4) + 1);
    writeText(dir, 'folds.txt', foldId.join('\n') + '\n');
    ok(run('cv', DATA, '--loss', 'multinomial', '--weights', 'w', '--nlambda', '8', '--foldid', 'folds.txt', '--measure', 'class', '--out', 'cv.json'));
    const saved = readJson('cv.json');
    const cv = await cvPath({ X, y, weights }, { loss: 'multinomial', nLambda: 8, foldId, measure: 'class' });
    expect(saved.format).toBe('proxpath-multinomial-cv');
    expect(saved.nFolds).toBe(4);
    for (const key of ['lambda', 'cvm', 'cvsd', 'indexMin', 'index1se', 'lambdaMin', 'lambda1se'] as const) expect(saved[key], key).toEqual(cv[key]);
    expect(saved.fit.beta).toEqual(cv.fit.beta);

    const model = loadMultinomialModel(saved.fit);
    const predicted = table(ok(run('predict', 'cv.json', DATA, '--type', 'response', '--lambda', 'min')).stdout);
    expect(predicted.head).toEqual(CLASSES);
    expect(predicted.body.map((r) => r.map(Number))).toEqual(model.predict(X, { lambda: cv.lambdaMin, type: 'response' }));
    const classes = table(ok(run('predict', 'cv.json', DATA, '--type', 'class')).stdout);
    expect(classes.head).toEqual(['prediction']);
    expect(classes.body.map((r) => r[0])).toEqual(model.predict(X, { lambda: cv.lambda1se, type: 'class' }));
  });

  it('prints print(cv)\'s min and 1se rows under cv.glmnet\'s measure name', () => {
    const result = ok(run('cv', DATA, '--loss', 'multinomial', '--nlambda', '6', '--folds', '3', '--format', 'table'));
    expect(result.stdout).toContain('Measure: Multinomial Deviance');
    expect(result.stdout).toMatch(/^min /m);
    expect(result.stdout).toMatch(/^1se /m);
  });
});

describe('proxpath predict with a multinomial fit', () => {
  it('link, response and class at a λ are the library\'s predictions', () => {
    ok(run('fit', DATA, '--loss', 'multinomial', '--weights', 'w', '--nlambda', '6', '--out', 'fit.json'));
    const model = loadMultinomialModel(readFileSync(join(dir, 'fit.json'), 'utf8'));
    for (const type of ['link', 'response'] as const) {
      const got = table(ok(run('predict', 'fit.json', DATA, '--type', type, '--lambda', '0.01')).stdout);
      expect(got.head).toEqual(CLASSES);
      expect(got.body.map((r) => r.map(Number))).toEqual(model.predict(X, { lambda: 0.01, type }));
    }
    const got = table(ok(run('predict', 'fit.json', DATA, '--type', 'class')).stdout);
    expect(got.body.map((r) => r[0])).toEqual(model.predict(X, { type: 'class' }));
  });
});

describe('mistakes: exit 2, one line', () => {
  const out = () => join(dir, 'none.json');
  const fails = (args: string[], ...needles: string[]) => expectUsageError(runCli([...args, '--out', out()], dir), out(), ...needles);

  it('two classes: the library\'s error, pointing at --loss logistic', () => {
    const path = relabelled('two.csv', (label) => (label === 'virginica' ? 'setosa' : label));
    fails(['fit', path, '--loss', 'multinomial'], '2 classes', 'at least 3', 'loss logistic');
  });

  it('a missing label names its row, line and column', () => {
    const path = relabelled('gap.csv', (label, i) => (i === 4 ? '' : label));
    fails(['fit', path, '--loss', 'multinomial'], 'row 5 (line 6)', 'column "y"', 'label is empty', '--drop-incomplete');
    ok(run('fit', path, '--loss', 'multinomial', '--drop-incomplete', '--nlambda', '3', '--out', 'kept.json'));
    expect(readJson('kept.json').problem.n).toBe(199);
  });

  it('options the multinomial fit does not take are refused by name, before the file is read', () => {
    fails(['fit', DATA, '--loss', 'multinomial', '--relax'], 'option --relax', 'not available with --loss multinomial');
    fails(['fit', 'missing.csv', '--loss', 'multinomial', '--penalty', 'mcp'], 'option --penalty', '--type-multinomial grouped');
    fails(['fit', DATA, '--loss', 'multinomial', '--offset', 'w'], 'option --offset');
    fails(['fit', DATA, '--loss', 'multinomial', '--dfmax', '0'], 'option --dfmax');
    fails(['fit', DATA, '--loss', 'multinomial', '--polish'], 'option --polish');
    fails(['fit', DATA, '--type-multinomial', 'grouped'], 'option --type-multinomial', 'only with --loss multinomial');
    fails(['cv', DATA, '--loss', 'multinomial', '--measure', 'auc'], 'option --measure', 'auc');
    fails(['cv', DATA, '--loss', 'multinomial', '--alpha', '0.5,1'], 'option --alpha', 'one value');
  });

  it('bounds with grouped: the library\'s refusal in the flags\' words', () => {
    fails(['fit', DATA, '--loss', 'multinomial', '--type-multinomial', 'grouped', '--lower', '0'], 'option --lower/--upper', 'ungrouped');
  });

  it('predict: min/1se of a single fit, an offset', () => {
    ok(run('fit', DATA, '--loss', 'multinomial', '--weights', 'w', '--nlambda', '3', '--out', 'fit.json'));
    fails(['predict', 'fit.json', DATA, '--lambda', 'min'], 'option --lambda', 'needs a CV result');
    fails(['predict', 'fit.json', DATA, '--offset', 'w'], 'option --offset', 'without an offset');
  });
});
