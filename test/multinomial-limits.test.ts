// glmnet's dfmax and pmax with loss multinomial, against R glmnet 4.1 at thresh 1e-14
// (scripts/multinomial-limits-references.R), both types: the same path lengths, λ, df and, per λ,
// the same features nonzero in some class; pmax's warning; the command line's --dfmax. One known
// difference, grouped with pmax, is explained in its case.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitPath, type MultinomialOptions } from '../src/index.js';
import { runCli } from './helpers/cli.js';

interface LimitCase { name: string; type: 'ungrouped' | 'grouped'; dfmax?: number; pmax?: number; lambda: number[]; df: number[]; support: (number[] | number)[] }
const refs = JSON.parse(readFileSync(new URL('fixtures/refs/multinomial_limits.json', import.meta.url), 'utf8')) as { cases: LimitCase[] };
const DATA = new URL('fixtures/data/multinomial.csv', import.meta.url);

const lines = readFileSync(DATA, 'utf8').trim().split('\n');
const header = lines[0].split(',').map((name) => name.replace(/"/g, ''));
const rows = lines.slice(1).map((line) => line.split(',').map((v) => v.replace(/"/g, '')));
const features = header.flatMap((name, j) => (/^x\d+$/.test(name) ? [j] : []));
const X = rows.map((row) => features.map((j) => Number(row[j])));
const y = rows.map((row) => row[header.indexOf('y')]);

/** jsonlite writes a one-element list as its element. */
const asList = (support: number[] | number): number[] => (Array.isArray(support) ? support : [support]);

describe('dfmax and pmax with loss multinomial, as glmnet', () => {
  for (const c of refs.cases) {
    it(c.name, async () => {
      const options: MultinomialOptions = { loss: 'multinomial', multinomial: c.type, tol: 1e-13, backend: 'cpu' };
      if (c.dfmax !== undefined) options.dfmax = c.dfmax;
      if (c.pmax !== undefined) options.pmax = c.pmax;
      const fit = await fitPath({ X, y }, options);
      // glmnet's grouped solver counts for pmax every feature that entered its active set during
      // the iterations (its nin), which may pass the features nonzero at the solution: its path
      // may end a λ earlier. Ours counts the features nonzero at the solutions (as for every loss).
      const transient = c.type === 'grouped' && c.pmax !== undefined;
      if (transient && fit.lambda.length === c.lambda.length + 1) {
        const ever = new Set(fit.beta.flatMap((beta) => features.map((_, j) => j).filter((j) => beta.some((row) => row[j] !== 0))));
        expect(ever.size).toBeLessThanOrEqual(c.pmax!);
        for (const list of [fit.lambda, fit.df, fit.beta]) list.pop();
      }
      expect(fit.lambda).toHaveLength(c.lambda.length);
      fit.lambda.forEach((lambda, k) => expect(Math.abs(lambda - c.lambda[k])).toBeLessThanOrEqual(1e-10 * c.lambda[0]));
      expect(fit.df).toEqual(c.df);
      fit.beta.forEach((beta, k) => {
        const support = features.map((_, j) => j).filter((j) => beta.some((row) => row[j] !== 0)).map((j) => j + 1);
        expect(support, `λ ${k + 1}`).toEqual(asList(c.support[k]));
      });
      if (c.pmax !== undefined && !transient) {
        expect(fit.warnings).toContain(`more than pmax = ${c.pmax} features are ever nonzero at the ${c.lambda.length + 1}th λ: the path ends at the ${c.lambda.length}th (glmnet's pmax)`);
      }
    });
  }

  it('the command line: --dfmax ends the path where the library does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxpath-mlimits-'));
    const out = join(dir, 'fit.json');
    const run = runCli(['fit', DATA.pathname, '--loss', 'multinomial', '--target', 'y', '--weights', 'w', '--dfmax', '3', '--out', out], dir);
    expect(run.status, run.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(out, 'utf8')) as { lambda: number[]; df: number[] };
    const weights = rows.map((row) => Number(row[header.indexOf('w')]));
    const library = await fitPath({ X, y, weights }, { loss: 'multinomial', dfmax: 3 });
    expect(saved.lambda).toEqual(library.lambda);
    expect(saved.df.at(-1)).toBeGreaterThan(3);
    expect(saved.df.slice(0, -1).every((df) => df <= 3)).toBe(true);
  });
});
