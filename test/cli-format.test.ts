// `proxpath fit` and `cv` for people: glmnet's print(fit) and print(cv) tables (the text R prints
// for the same numbers: test/fixtures/print, made by scripts/print-references.R), the tables the
// command prints against its own JSON, --format, the default on a terminal, and where the JSON went.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CvFitJSON } from '../src/cv/cv-fit.js';
import type { MeasureName } from '../src/cv/measures.js';
import type { PathFitJSON } from '../src/problem/result.js';
import { cvTable } from '../src/cli/cv-table.js';
import { callLine, chooseFormat } from '../src/cli/deliver.js';
import { fitTable } from '../src/cli/fit-table.js';
import { formatR, zapsmall } from '../src/cli/r-format.js';
import { CLI, csv, regressionRows, requireBuild, runCli, tempDir, writeText } from './helpers/cli.js';

interface FitReference { name: string; df: number[]; devRatio: number[]; lambda: number[]; printed: string }
interface CvReference extends Omit<FitReference, 'df' | 'devRatio'> {
  cvm: number[]; cvsd: number[]; nzero: number[]; indexMin: number; index1se: number; measureName: string;
}
const references = JSON.parse(readFileSync('test/fixtures/print/print-references.json', 'utf8')) as { fits: FitReference[]; cvs: CvReference[] };

/** The table as R prints it, without the Call line and blank lines. */
const body = (text: string) => text.split('\n').filter((line) => line !== '' && !line.startsWith('Call:')).join('\n');

/** Which of proxpath's measures (and loss) each R case is. */
const CV_CASES: Record<string, { measure: MeasureName; loss: string }> = {
  'diabetes mse': { measure: 'mse', loss: 'squared' },
  'diabetes y / 1e4 mae': { measure: 'mae', loss: 'squared' },
  'breast cancer auc': { measure: 'auc', loss: 'logistic' },
  'breast cancer deviance': { measure: 'deviance', loss: 'logistic' },
  'breast cancer class': { measure: 'class', loss: 'logistic' },
};

describe("glmnet's print tables, for the numbers R printed", () => {
  it.each(references.fits.map((ref) => [ref.name, ref] as const))('print(fit): %s', (_, ref) => {
    const text = fitTable(ref, 'glmnet(x = x, y = y)');
    expect(text.startsWith('\nCall:  glmnet(x = x, y = y) \n\n')).toBe(true);
    expect(body(text)).toBe(ref.printed);
  });

  it.each(references.cvs.map((ref) => [ref.name, ref] as const))('print(cv): %s', (name, ref) => {
    const { measure, loss } = CV_CASES[name];
    const curve = { ...ref, alpha: 1, lambdaMin: ref.lambda[ref.indexMin], lambda1se: ref.lambda[ref.index1se], fit: { problem: { loss } } };
    const cv = { measure, nFolds: 10, curves: [curve], best: { curve: 0 } } as unknown as CvFitJSON;
    expect(body(cvTable(cv, 'cv.glmnet(x = x, y = y)'))).toBe(ref.printed);
  });

  it("formats like R's format(): common decimals, scientific only when narrower", () => {
    expect(formatR([45.16, 0.014], 5)).toEqual(['45.160', ' 0.014']);
    expect(formatR([1e-10, 1], 7)).toEqual(['1e-10', '1e+00']);
    expect(formatR([-2.5, 10], 4)).toEqual(['-2.5', '10.0']);
    expect(zapsmall([3002.4, 1e-9], 4)).toEqual([3002.4, 0]);
    expect(zapsmall([7.025, 0.0972943], 4)).toEqual([7.025, 0.097]);
  });
});

describe('choosing the output', () => {
  it('is the table on a terminal and the JSON elsewhere, unless --format says', () => {
    expect(chooseFormat(undefined, true)).toBe('table');
    expect(chooseFormat(undefined, false)).toBe('json');
    expect(chooseFormat('json', true)).toBe('json');
    expect(chooseFormat('table', false)).toBe('table');
  });

  it('writes the call as a shell would read it', () => {
    expect(callLine('proxpath', ['fit', 'my data.csv', '--alpha', '0.5'])).toBe("proxpath fit 'my data.csv' --alpha 0.5");
  });
});

let dir: string;
beforeAll(requireBuild);
beforeEach(() => {
  dir = tempDir();
});

const data = () => {
  const { header, rows } = regressionRows(60, 4, 5);
  return writeText(dir, 'data.csv', csv(header, rows));
};

/** The rows of a printed table (after its header line), split into cells. */
function tableRows(text: string, header: RegExp): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => header.test(line));
  expect(start, text).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    rows.push(line.trim().split(/\s+/));
  }
  return rows;
}

describe('proxpath fit and cv --format table', () => {
  it('fit: one row per λ, Df, %Dev and Lambda of the JSON, and says where the JSON went', () => {
    const file = data();
    const out = join(dir, 'fit.json');
    const run = runCli(['fit', file, '--format', 'table', '--out', out], dir);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as PathFitJSON;
    const rows = tableRows(run.stdout, /^\s+Df\s+%Dev\s+Lambda$/);
    expect(rows).toHaveLength(json.lambda.length);
    rows.forEach(([index, df, dev, lambda], k) => {
      expect(Number(index)).toBe(k + 1);
      expect(Number(df)).toBe(json.df[k]);
      expect(Number(dev)).toBeCloseTo(json.devRatio[k] * 100, 2);
      // signif(λ, 4), then shown with the column's decimals (R's zapsmall: 5 digits of the largest).
      expect(Math.abs(Number(lambda) - json.lambda[k])).toBeLessThanOrEqual(json.lambda[k] * 5e-4 + 0.5 * 10 ** -(lambda.split('.')[1]?.length ?? 0));
    });
    expect(run.stdout).toContain(`Call:  proxpath fit ${file} --format table --out ${out}`);
    expect(run.stderr).toContain(`result JSON written to ${out}\n`);
    expect(run.stderr).toMatch(/^backend: cpu/m);
  });

  it('fit without --out: the table, and a line saying the JSON was not written', () => {
    const run = runCli(['fit', data(), '--format', 'table'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\s+Df\s+%Dev\s+Lambda$/m);
    expect(run.stdout).not.toContain('{');
    expect(run.stderr).toContain('result JSON not written: --out FILE writes it, --format json prints it');
  });

  it('cv: the rows min and 1se of the JSON: λ, index, measure, SE, nonzero', () => {
    const out = join(dir, 'cv.json');
    const run = runCli(['cv', data(), '--folds', '5', '--format', 'table', '--out', out], dir);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as CvFitJSON;
    const curve = json.curves[0];
    expect(run.stdout).toContain('Measure: Mean-Squared Error \n');
    const rows = tableRows(run.stdout, /^\s+Lambda\s+Index\s+Measure\s+SE\s+Nonzero$/);
    expect(rows.map((row) => row[0])).toEqual(['min', '1se']);
    [curve.indexMin, curve.index1se].forEach((k, r) => {
      const [, lambda, index, measure, se, nonzero] = rows[r].map(Number);
      expect(index).toBe(k + 1);
      expect(nonzero).toBe(curve.nzero[k]);
      for (const [shown, value] of [[lambda, curve.lambda[k]], [measure, curve.cvm[k]], [se, curve.cvsd[k]]]) {
        expect(Math.abs(shown - value) / value).toBeLessThan(5e-3); // 4 significant digits of the column's largest
      }
    });
  });

  it('cv with an α grid: one table per α, the best marked', () => {
    const run = runCli(['cv', data(), '--folds', '4', '--alpha', '0.5,1', '--format', 'table'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.match(/^alpha = (0\.5|1)( \(best\))?$/gm)).toHaveLength(2);
    expect(run.stdout.match(/\(best\)/g)).toHaveLength(1);
  });

  it('--format json keeps the JSON on stdout, as without a terminal', () => {
    const run = runCli(['fit', data(), '--format', 'json'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).lambda.length).toBeGreaterThan(0);
  });

  it('rejects another format in one line', () => {
    const run = runCli(['fit', data(), '--format', 'csv'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: .*--format.*csv.*\n$/);
  });
});

// A terminal for stdout: util-linux `script` runs the command on a pseudo-terminal.
const hasScript = existsSync('/usr/bin/script');
describe.skipIf(!hasScript)('on a terminal (util-linux script; skipped without it)', () => {
  it('fit prints the table by default, and the JSON still goes to --out', () => {
    const file = data();
    const out = join(dir, 'fit.json');
    const command = [process.execPath, CLI, 'fit', file, '--out', out].map((arg) => `'${arg}'`).join(' ');
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stdout).toBe(0);
    const text = run.stdout.replace(/\r/g, '');
    expect(text).toMatch(/^\s+Df\s+%Dev\s+Lambda$/m);
    expect(text).toContain(`result JSON written to ${out}`);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('proxpath-fit');
  });
});
