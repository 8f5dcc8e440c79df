// Which columns of a CSV the command line reads, and that it says so: an unnamed first column
// (R's write.csv(), pandas' to_csv()) is row names and is dropped; every other column that is not
// the target or the weights is a feature, listed in one stderr line (a column named like weights
// is a feature unless --weights names it, and the line says so).

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/cli/csv.js';
import { featuresLine, shortList } from '../src/cli/features-line.js';
import { hasRowNames } from '../src/csv/row-names.js';
import type { PathFitJSON } from '../src/problem/result.js';
import { csv, expectUsageError, regressionRows, requireBuild, runCli, tempDir, writeText } from './helpers/cli.js';

/** Written by R: write.csv(read.csv("data/diabetes.csv")[1:80, ]) — row names "1"…"80". */
const R_DIABETES = resolve('test/fixtures/data/r-write-csv.csv');
/** Written by R: write.csv(mtcars[, c("mpg", "cyl", "disp", "hp", "wt")]), mpg renamed y — labels "Mazda RX4", … */
const R_MTCARS = resolve('test/fixtures/data/r-write-csv-labels.csv');
/** Regression data with a column w (the glmnet fixtures' weights). */
const GAUSS = resolve('test/fixtures/data/gauss.csv');

let dir: string;
beforeAll(requireBuild);
beforeEach(() => {
  dir = tempDir();
});

const fitJson = (file: string, ...args: string[]) => {
  const out = join(dir, `fit-${Math.random().toString(36).slice(2)}.json`);
  const run = runCli(['fit', file, '--out', out, ...args], dir);
  expect(run.status, run.stderr).toBe(0);
  return { json: JSON.parse(readFileSync(out, 'utf8')) as PathFitJSON, stderr: run.stderr };
};

/** The stderr line that starts with `features (`. */
const featuresOf = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('features ('));

describe('row names: an unnamed first column', () => {
  it('is the rule: an empty first name, and more than one column', () => {
    expect(hasRowNames(['', 'age', 'y'])).toBe(true);
    expect(hasRowNames(['age', '', 'y'])).toBe(false);
    expect(hasRowNames([''])).toBe(false);
  });

  it("R's write.csv: the row names are dropped, and the fit is the fit of the same rows without them", () => {
    const text = readFileSync(R_DIABETES, 'utf8');
    expect(text.startsWith('"","age",')).toBe(true);
    // The same rows without the first column, the header unquoted.
    const plain = text.trim().split('\n').map((line) => line.replace(/^[^,]*,/, '').replace(/"/g, '')).join('\n');
    const withNames = fitJson(R_DIABETES);
    const without = fitJson(writeText(dir, 'plain.csv', `${plain}\n`));
    expect(withNames.json.featureNames).toEqual(['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']);
    expect(withNames.json.beta).toEqual(without.json.beta);
    expect(withNames.json.lambda).toEqual(without.json.lambda);
    expect(featuresOf(withNames.stderr)).toEqual([
      'features (10): age, sex, bmi, bp, s1, s2, s3, s4, s5, s6; target y; no weights; column 1 (unnamed) read as row names and ignored',
    ]);
    expect(featuresOf(without.stderr)[0]).not.toContain('row names');
  });

  it('text labels (mtcars) are row names too, in fit, cv and predict', () => {
    const { json, stderr } = fitJson(R_MTCARS);
    expect(json.featureNames).toEqual(['cyl', 'disp', 'hp', 'wt']);
    expect(featuresOf(stderr)[0]).toContain('column 1 (unnamed) read as row names and ignored');
    const cv = runCli(['cv', R_MTCARS, '--folds', '4', '--format', 'json'], dir);
    expect(cv.status, cv.stderr).toBe(0);
    const model = writeText(dir, 'fit.json', JSON.stringify(json));
    const predicted = runCli(['predict', model, R_MTCARS], dir);
    expect(predicted.status, predicted.stderr).toBe(0);
    expect(predicted.stdout.trim().split('\n')).toHaveLength(1 + 32);
  });

  it("pandas' to_csv (an empty first header, an integer index) reads the same way", () => {
    const data = parseCsv(',x1,x2,y\n0,1,2,3\n1,4,5,7\n2,0,1,1\n', 'data.csv');
    expect(data.rowNames).toBe(true);
    expect(data.featureNames).toEqual(['x1', 'x2']);
    expect(Array.from(data.X.data)).toEqual([1, 4, 0, 2, 5, 1]);
    expect(Array.from(data.y)).toEqual([3, 7, 1]);
  });

  it('an unnamed column elsewhere is still an error', () => {
    const file = writeText(dir, 'data.csv', 'x1,,y\n1,2,3\n4,5,6\n');
    const out = join(dir, 'none.json');
    expectUsageError(runCli(['fit', file, '--out', out], dir), out, 'column 2 has no name');
  });

  it('a file of row names and a target only has no features', () => {
    const file = writeText(dir, 'data.csv', '"","y"\n"a",1\n"b",2\n');
    const out = join(dir, 'none.json');
    expectUsageError(runCli(['fit', file, '--out', out], dir), out, 'no feature columns', 'the header has only "y"');
  });
});

describe('the features line', () => {
  it('fit: a column w is a feature without --weights, and the line says so; --weights w takes it out', () => {
    const file = GAUSS;
    const plain = fitJson(file);
    expect(plain.json.featureNames).toContain('w');
    const [line] = featuresOf(plain.stderr);
    expect(line).toMatch(/^features \(21\): x1, x2, .*; target y; no weights; "w" is a feature: --weights w makes it the observation weights$/);
    const weighted = fitJson(file, '--weights', 'w');
    expect(weighted.json.featureNames).not.toContain('w');
    expect(featuresOf(weighted.stderr)[0]).toMatch(/^features \(20\): x1, .*; target y; weights w$/);
  });

  it('cv prints it too, also with the JSON on stdout', () => {
    const run = runCli(['cv', GAUSS, '--folds', '3', '--weights', 'w', '--nlambda', '10'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).format).toBe('proxpath-cv');
    expect(featuresOf(run.stderr)).toHaveLength(1);
    expect(featuresOf(run.stderr)[0]).toContain('; weights w');
  });

  it('is one line however many columns: the names that fit, then a count of the rest', () => {
    const { header, rows } = regressionRows(30, 200, 2);
    const { stderr } = fitJson(writeText(dir, 'wide.csv', csv(header, rows)), '--nlambda', '5');
    const [line] = featuresOf(stderr);
    expect(line).toMatch(/^features \(200\): x1, x2, x3, .*, … \(\+\d+ more\); target y; no weights$/);
    expect(line.length).toBeLessThan(140);
    const shown = Number(/\(\+(\d+) more\)/.exec(line)![1]);
    expect(line.split(': ')[1].split(', ').length - 1).toBe(200 - shown); // the names, then "… (+N more)"
  });

  it('lists what it is given', () => {
    expect(shortList(['a', 'b', 'c'])).toBe('a, b, c');
    expect(shortList(['alpha', 'beta', 'gamma'], 12)).toBe('alpha, beta, … (+1 more)');
    expect(shortList(['a-very-long-name'], 5)).toBe('a-very-long-name');
    expect(featuresLine({ featureNames: ['wt', 'hp'], targetName: 'mpg', weightsName: '', rowNames: false })).toBe(
      'features (2): wt, hp; target mpg; no weights; "wt" is a feature: --weights wt makes it the observation weights',
    );
  });
});
