// The command line's contract (DESIGN §2): bad input → exit 2, one `error:` line naming what
// and where, no stack trace, no output file; good input → the result JSON.

import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliResult, csv, regressionRows, requireBuild, runCli, tempDir, writeText, expectUsageError as expectCliUsageError } from './helpers/cli.js';

let dir: string;
let out: string;

beforeAll(requireBuild);
beforeEach(() => {
  dir = tempDir();
  out = join(dir, 'result.json');
});

/** A clean data set: x1…x3 and y, 30 rows. */
function goodCsv(name = 'data.csv', n = 30): string {
  const { header, rows } = regressionRows(n, 3, 7);
  return writeText(dir, name, csv(header, rows));
}

/** The good data with one cell replaced (row is 1-based, as in the messages). */
function csvWithCell(row: number, column: number, value: string): string {
  const { header, rows } = regressionRows(30, 3, 7);
  const cells: (string | number)[][] = rows.map((r) => [...r]);
  cells[row - 1][column] = value;
  return writeText(dir, 'data.csv', csv(header, cells));
}

const expectUsageError = (result: CliResult, ...needles: string[]): void => expectCliUsageError(result, out, ...needles);

const fit = (...args: string[]): CliResult => runCli(['fit', ...args, '--out', out], dir);

describe('proxpath fit: errors in the data file', () => {
  it('reports a file that cannot be read', () => {
    expectUsageError(fit(join(dir, 'nope.csv')), 'nope.csv', 'no such file');
  });

  it('reports an empty file', () => {
    expectUsageError(fit(writeText(dir, 'empty.csv', '')), 'empty.csv', 'empty');
  });

  it('reports a header without data rows', () => {
    expectUsageError(fit(writeText(dir, 'head.csv', 'x1,x2,y\n')), 'head.csv', 'no data rows');
  });

  it('reports a ragged row', () => {
    const path = writeText(dir, 'data.csv', 'x1,x2,y\n1,2,3\n4,5\n6,7,8\n');
    expectUsageError(fit(path), 'row 2 (line 3)', '2 fields', 'expected 3');
  });

  it('reports a non-numeric cell', () => {
    expectUsageError(fit(csvWithCell(4, 1, 'abc')), 'row 4 (line 5)', 'column "x2"', '"abc"', 'not a number');
  });

  it('reports an NA cell', () => {
    expectUsageError(fit(csvWithCell(3, 0, 'NA')), 'row 3 (line 4)', 'column "x1"', '"NA"', 'missing');
  });

  it('reports an empty cell', () => {
    expectUsageError(fit(csvWithCell(5, 3, '')), 'row 5 (line 6)', 'column "y"', 'empty');
  });

  it('reports a NaN cell', () => {
    expectUsageError(fit(csvWithCell(2, 2, 'NaN')), 'row 2 (line 3)', 'column "x3"', '"NaN"');
  });

  it('reports an Inf cell', () => {
    expectUsageError(fit(csvWithCell(6, 1, '-Inf')), 'row 6 (line 7)', 'column "x2"', '"-Inf"', 'not finite');
  });

  it('reports a target column that is not there', () => {
    expectUsageError(fit(goodCsv(), '--target', 'price'), '--target', '"price"', 'not found');
  });

  it('reports a weights column that is not there', () => {
    expectUsageError(fit(goodCsv(), '--weights', 'w'), '--weights', '"w"', 'not found');
  });

  it('reports duplicate column names', () => {
    const path = writeText(dir, 'data.csv', 'x1,x1,y\n1,2,3\n4,5,6\n7,8,9\n');
    expectUsageError(fit(path), '"x1"', 'twice');
  });

  it('reports a file with no feature columns (p = 0)', () => {
    const path = writeText(dir, 'data.csv', 'y\n1\n2\n3\n');
    expectUsageError(fit(path), 'no feature columns');
  });

  it('reports a file with one data row (n < 2)', () => {
    const path = writeText(dir, 'data.csv', 'x1,x2,y\n1,2,3\n');
    expectUsageError(fit(path), '1 row');
  });
});

describe('proxpath fit: data the loss or the weights do not allow', () => {
  /** The good data plus a weights column w. */
  function weighted(weight: (i: number) => number): string {
    const { header, rows } = regressionRows(30, 3, 7);
    return writeText(dir, 'data.csv', csv([...header, 'w'], rows.map((r, i) => [...r, weight(i)])));
  }

  it('reports a negative weight', () => {
    expectUsageError(fit(weighted((i) => (i === 4 ? -1 : 1)), '--weights', 'w'), 'weight', '-1');
  });

  it('names the file row of a bad weight when rows were dropped before it', () => {
    const path = weighted((i) => (i === 4 ? -1 : 1));
    const text = readFileSync(path, 'utf8').split('\n');
    text[2] = text[2].replace(/^[^,]*/, 'NA'); // data row 2 is dropped: the bad weight is still row 5
    writeText(dir, 'data.csv', text.join('\n'));
    const result = fit(path, '--weights', 'w', '--drop-incomplete');
    expectUsageError(result, 'row 5 (line 6)', '-1');
  });

  it('reports weights that are all zero', () => {
    expectUsageError(fit(weighted(() => 0), '--weights', 'w'), 'weight');
  });

  it('reports a logistic response that is not 0/1', () => {
    const { header, rows } = regressionRows(30, 3, 7, (eta, random) => (random() < 0.5 ? 0 : 1));
    rows[7][3] = 2;
    expectUsageError(fit(writeText(dir, 'data.csv', csv(header, rows)), '--loss', 'logistic'), 'y', '2');
  });

  it('reports a negative Poisson response', () => {
    const { header, rows } = regressionRows(30, 3, 7, (eta, random) => Math.floor(3 * random()));
    rows[9][3] = -3;
    expectUsageError(fit(writeText(dir, 'data.csv', csv(header, rows)), '--loss', 'poisson'), 'y', '-3');
  });
});

describe('proxpath fit: bad options', () => {
  it('reports --alpha outside [0, 1]', () => {
    expectUsageError(fit(goodCsv(), '--alpha', '1.5'), '--alpha', '1.5');
  });

  it('reports a Huber --delta that is not positive', () => {
    expectUsageError(fit(goodCsv(), '--loss', 'huber', '--delta', '0'), '--delta', '0');
  });

  it('reports a --tau outside (0, 1)', () => {
    expectUsageError(fit(goodCsv(), '--loss', 'quantile', '--tau', '1.5'), '--tau', '1.5');
  });

  it('reports a --tau of 0 and a negative --delta', () => {
    expectUsageError(fit(goodCsv(), '--loss', 'quantile', '--tau', '0'), '--tau', '0');
    expectUsageError(fit(goodCsv(), '--loss', 'huber', '--delta', '-1'), '--delta', '-1');
  });

  it('reports an unknown --solver', () => {
    expectUsageError(fit(goodCsv(), '--solver', 'newton'), '--solver', 'newton');
  });

  it('reports --alpha that is not a number', () => {
    expectUsageError(fit(goodCsv(), '--alpha', 'abc'), '--alpha', '"abc"', 'not a number');
  });

  it('reports a --lambda list with a trailing text', () => {
    expectUsageError(fit(goodCsv(), '--lambda', '0.1,0.05x'), '--lambda', '"0.05x"');
  });

  it('reports a negative --lambda value', () => {
    expectUsageError(fit(goodCsv(), '--lambda', '0.5,-0.1'), '--lambda', '-0.1');
  });

  it('reports --nlambda 0', () => {
    expectUsageError(fit(goodCsv(), '--nlambda', '0'), '--nlambda', '0');
  });

  it('reports --penalty-factor with the wrong number of values', () => {
    expectUsageError(fit(goodCsv(), '--penalty-factor', '1,1'), '--penalty-factor', '2');
  });

  it('reports a negative --penalty-factor value', () => {
    expectUsageError(fit(goodCsv(), '--penalty-factor', '1,-2,1'), '--penalty-factor', '-2');
  });

  it('reports --lower 1 (a lower bound above 0)', () => {
    expectUsageError(fit(goodCsv(), '--lower', '1'), '--lower', '1');
  });

  it('reports --upper -1 (an upper bound below 0)', () => {
    expectUsageError(fit(goodCsv(), '--upper', '-1'), '--upper', '-1');
  });

  it('reports an unknown option', () => {
    expectUsageError(fit(goodCsv(), '--alpah', '0.5'), '--alpah');
  });

  it('reports an unknown loss', () => {
    expectUsageError(fit(goodCsv(), '--loss', 'hinge'), '--loss', 'hinge');
  });

  it('reports an unknown command', () => {
    expectUsageError(runCli(['fitt', goodCsv()], dir), 'fitt');
  });

  it('reports a missing data file argument', () => {
    expectUsageError(runCli(['fit'], dir), 'data');
  });

  it('reports an --out path that is a directory', () => {
    mkdirSync(join(dir, 'sub'));
    const result = runCli(['fit', goodCsv(), '--out', join(dir, 'sub')], dir);
    expectUsageError(result, '--out', 'is a directory');
  });

  it('reports an --out folder that does not exist', () => {
    const result = runCli(['fit', goodCsv(), '--out', join(dir, 'no', 'r.json')], dir);
    expectUsageError(result, '--out', 'does not exist');
  });
});

describe('proxpath fit: results', () => {
  /** Reads and checks the result JSON: DESIGN §2 keys, lengths consistent with K and p. */
  function readResult(p: number, path = out): Record<string, any> {
    const json = JSON.parse(readFileSync(path, 'utf8'));
    for (const key of ['lambda', 'intercept', 'beta', 'featureNames', 'objective', 'converged']) {
      expect(json, key).toHaveProperty(key);
    }
    for (const key of ['iterations', 'df', 'devRatio', 'backend', 'device', 'timing', 'problem']) {
      expect(json, key).toHaveProperty(key);
    }
    const K = json.lambda.length;
    expect(K).toBeGreaterThan(0);
    for (const key of ['intercept', 'beta', 'objective', 'converged', 'iterations', 'df', 'devRatio']) {
      expect(json[key], key).toHaveLength(K);
    }
    for (const beta of json.beta) expect(beta).toHaveLength(p);
    expect(json.featureNames).toHaveLength(p);
    expect(['cpu', 'webgpu']).toContain(json.backend);
    for (const key of ['parseMs', 'setupMs', 'solveMs', 'totalMs']) {
      expect(typeof json.timing[key], key).toBe('number');
    }
    expect(json.problem.p).toBe(p);
    return json;
  }

  it('writes the result JSON of a lasso path', () => {
    const result = fit(goodCsv(), '--nlambda', '20');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    const json = readResult(3);
    expect(json.lambda.length).toBeLessThanOrEqual(20); // the path may stop early, as glmnet's does
    expect(json.featureNames).toEqual(['x1', 'x2', 'x3']);
    expect(json.problem).toMatchObject({ n: 30, p: 3, loss: 'squared', alpha: 1 });
    // The path starts at λ_max with all coefficients 0 and decreases.
    expect(json.beta[0]).toEqual([0, 0, 0]);
    for (let k = 1; k < json.lambda.length; k++) expect(json.lambda[k]).toBeLessThan(json.lambda[k - 1]);
    // No temp file is left beside the result.
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes to stdout without --out, and passes the options through', () => {
    const result = runCli(
      ['fit', goodCsv(), '--alpha', '0.5', '--lambda', '1,0.1,0.01', '--lower', '-inf', '--upper', 'inf,inf,0'],
      dir,
    );
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.lambda).toEqual([1, 0.1, 0.01]);
    expect(json.problem).toMatchObject({ alpha: 0.5, lambdaSequence: 'user' });
    for (const beta of json.beta) expect(beta[2]).toBeLessThanOrEqual(0);
  });

  it('fits a quantile path exactly with --loss quantile --tau, and names τ in the result', () => {
    const result = runCli(['fit', goodCsv(), '--loss', 'quantile', '--tau', '0.25', '--nlambda', '8'], dir);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.problem).toMatchObject({ loss: 'quantile', tau: 0.25 });
    expect(json.converged.every(Boolean)).toBe(true);
    expect(Math.max(...json.kktViolation)).toBeLessThan(1e-9);
  });

  it('drops a row with NA under --drop-incomplete, with a warning', () => {
    const result = fit(csvWithCell(3, 0, 'NA'), '--drop-incomplete');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^warning: dropped 1 of 30 rows/m);
    expect(readResult(3).problem.n).toBe(29);
  });

  it('reads quoted names and values, a weights column and a chosen target', () => {
    const { rows } = regressionRows(30, 2, 3);
    const text = csv(
      ['"a"', '"resp"', '"b, c"', 'w'],
      rows.map(([x1, x2, y], i) => [`"${x1}"`, y, `" ${x2} "`, 1 + (i % 3)]),
    );
    const result = fit(writeText(dir, 'data.csv', text), '--target', 'resp', '--weights', 'w', '--nlambda', '5');
    expect(result.status, result.stderr).toBe(0);
    const json = readResult(2);
    expect(json.featureNames).toEqual(['a', 'b, c']);
    expect(json.problem.n).toBe(30);
  });

  it('prints help with exit status 0', () => {
    const result = runCli(['fit', '--help'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--penalty-factor');
  });
});

describe('proxpath demo and info', () => {
  // The demo also compares the backends (the CPU, WebGPU in headless Chromium, glmnet): ~15 s
  // quiet, past 40 s on a loaded 2-core machine.
  it('demo prints a table and writes result.json', () => {
    const result = runCli(['demo'], dir, {}, 240_000);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('bmi');
    expect(result.stdout).toMatch(/backend: (cpu|webgpu)/);
    const json = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(json.problem).toMatchObject({ n: 442, p: 10, loss: 'squared' });
    expect(json.featureNames).toEqual(['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']);
  }, 300_000);

  it('info names the runtime and the backend', () => {
    const result = runCli(['info'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(process.version);
    expect(result.stdout).toMatch(/backend \(auto\): (cpu|webgpu)/);
  });
});
