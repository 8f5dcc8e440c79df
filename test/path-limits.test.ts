// glmnet's dfmax, pmax and exclude against R glmnet 4.1 at thresh 1e-14
// (scripts/path-limits-references.R): the same path lengths, df, λ and coefficients, the pmax
// warning, on the CPU's coordinate descent and the batched iteration; and the errors.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/api/fit-path.js';
import { cvPath } from '../src/api/cv-path.js';
import type { FitOptions } from '../src/problem/types.js';
import { expectUsageError, runCli, tempDir } from './helpers/cli.js';

interface Case {
  name: string; family: 'gaussian' | 'binomial'; target: 'y' | 'yb'; dfmax?: number; pmax?: number; exclude?: number[];
  lambda: number[]; df: number[]; a0: number[]; beta: number[][];
}
const refs = JSON.parse(readFileSync(new URL('fixtures/refs/path_limits.json', import.meta.url), 'utf8')) as { cases: Case[] };
const DATA = new URL('fixtures/data/path-limits.csv', import.meta.url);
const lines = readFileSync(DATA, 'utf8').trim().split('\n');
const header = lines[0].split(',').map((name) => name.replace(/"/g, ''));
const rows = lines.slice(1).map((line) => line.split(',').map(Number));
const features = header.filter((name) => name.startsWith('x'));
const X = rows.map((row) => features.map((name) => row[header.indexOf(name)]));
const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);

const optionsOf = (c: Case): FitOptions => ({
  loss: c.family === 'gaussian' ? 'squared' : 'logistic', tol: 1e-14, backend: 'cpu',
  ...(c.dfmax !== undefined ? { dfmax: c.dfmax } : {}), ...(c.pmax !== undefined ? { pmax: c.pmax } : {}),
  ...(c.exclude ? { exclude: c.exclude } : {}),
});

describe('dfmax, pmax and exclude as glmnet', () => {
  for (const c of refs.cases) {
    for (const solver of ['cd', 'batched'] as const) {
      it(`${c.name} (${solver}): glmnet's path length, df, λ and coefficients`, async () => {
        const fit = await fitPath({ X, y: column(c.target), featureNames: features }, { ...optionsOf(c), solver });
        expect(fit.lambda.length).toBe(c.lambda.length);
        expect(fit.df).toEqual(c.df);
        fit.lambda.forEach((l, k) => {
          expect(Math.abs(l - c.lambda[k]) / c.lambda[k], `λ ${k}`).toBeLessThan(1e-12);
          fit.beta[k].forEach((b, j) => expect(Math.abs(b - c.beta[k][j]), `β ${j} at λ ${k}`).toBeLessThan(1e-6));
        });
        if (c.pmax !== undefined) {
          expect(fit.warnings).toContain(`more than pmax = ${c.pmax} features are ever nonzero at the ${c.lambda.length + 1}th λ: the path ends at the ${c.lambda.length}th (glmnet's pmax)`);
        }
        if (c.exclude) for (const position of c.exclude) expect(fit.beta.every((b) => b[position - 1] === 0)).toBe(true);
      });
    }
  }

  it('exclude takes names and 1-based positions alike; a user λ list ends at dfmax too', async () => {
    const y = column('y');
    const byName = await fitPath({ X, y, featureNames: features }, { exclude: ['x1', 'x3'] });
    const byPosition = await fitPath({ X, y, featureNames: features }, { exclude: [1, 3] });
    expect(byName.beta).toEqual(byPosition.beta);
    const given = await fitPath({ X, y }, { lambda: refs.cases[0].lambda.concat([1e-3]), dfmax: 5 });
    expect(given.lambda).toEqual(refs.cases[0].lambda);
  });

  it('cross-validates on the limited full path: its λ are the folds\' λ', async () => {
    const cv = await cvPath({ X, y: column('y') }, { dfmax: 5, folds: 5, seed: 2, backend: 'cpu' });
    const curve = cv.curves[0];
    expect(curve.lambda.length).toBe(refs.cases[0].lambda.length);
    expect(curve.cvm.every(Number.isFinite)).toBe(true);
  });

  it.each([
    [{ dfmax: 0 }, 'option dfmax: 0 must be an integer ≥ 1'],
    [{ pmax: 2.5 }, 'option pmax: 2.5 must be an integer ≥ 1'],
    [{ exclude: ['nope'] }, 'option exclude: "nope" is not a feature name (nor a 1-based position)'],
    [{ exclude: [31] }, 'option exclude: position 31 is not a feature (1 to 30)'],
  ] as [FitOptions, string][])('%j: %s', async (options, message) => {
    await expect(fitPath({ X, y: column('y'), featureNames: features }, options)).rejects.toThrow(message);
  });

  it('the command line: --dfmax, --pmax, --exclude by name or position, and their errors', () => {
    const dir = tempDir();
    const out = `${dir}/fit.json`;
    const run = runCli(['fit', DATA.pathname, '--target', 'y', '--weights', 'yb', '--exclude', 'x1,3', '--pmax', '5', '--out', out], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("glmnet's pmax");
    const fit = JSON.parse(readFileSync(out, 'utf8'));
    expect(fit.beta.every((b: number[]) => b[0] === 0 && b[2] === 0)).toBe(true);
    const none = `${dir}/none.json`;
    expectUsageError(runCli(['fit', DATA.pathname, '--dfmax', '-1', '--out', none], dir), none, 'option --dfmax: -1 must be an integer ≥ 1');
    expectUsageError(runCli(['fit', DATA.pathname, '--exclude', 'x99', '--out', none], dir), none, 'option --exclude: "x99" is not a feature name');
  });
});
