// What the README says about running the command and about its output holds: no example runs
// `npx proxpath` (outside a project that provides it, npx would fetch a registry package of that
// name); the ways it gives run this checkout; its features line and table are the command's.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuild, runCli, tempDir } from './helpers/cli.js';

const README = readFileSync('README.md', 'utf8');

/** The lines of the README's fenced code blocks. */
function codeLines(text: string): string[] {
  const lines: string[] = [];
  let inside = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inside = !inside;
    else if (inside) lines.push(line);
  }
  return lines;
}

/** The fenced block that follows the first occurrence of `marker`. */
function blockAfter(marker: string): string {
  const at = README.indexOf(marker);
  expect(at, marker).toBeGreaterThanOrEqual(0);
  const start = README.indexOf('```\n', at) + 4;
  return README.slice(start, README.indexOf('\n```', start));
}

beforeAll(requireBuild);

describe('README: running the command', () => {
  it('no example runs npx proxpath; the text warns where it would fetch a registry package', () => {
    expect(codeLines(README).filter((line) => /\bnpx\s+proxpath\b/.test(line))).toEqual([]);
    expect(README).toMatch(/do not run `npx proxpath` anywhere else/);
  });

  it('gives npm link and the path of the built command, and the path runs from another folder', () => {
    expect(codeLines(README).some((line) => /^npm link\b/.test(line))).toBe(true);
    expect(README).toContain('node /path/to/proxpath/dist/src/cli/main.js');
    expect(CLI.endsWith('dist/src/cli/main.js')).toBe(true);
    const run = runCli(['--help'], tempDir());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: proxpath');
  });
});

describe('README: the output it shows', () => {
  it('the features line is what fit prints for test/fixtures/data/gauss.csv', () => {
    const shown = blockAfter('`test/fixtures/data/gauss.csv`');
    const run = runCli(['fit', resolve('test/fixtures/data/gauss.csv'), '--nlambda', '5', '--format', 'json'], tempDir());
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr.split('\n')).toContain(shown);
  });

  it("the print(fit) table's first rows are what fit prints for data/diabetes.csv", () => {
    const shown = blockAfter('`proxpath fit data/diabetes.csv --out fit.json` on a terminal');
    const run = runCli(['fit', resolve('data/diabetes.csv'), '--format', 'table'], tempDir());
    expect(run.status, run.stderr).toBe(0);
    const rows = (text: string) => text.split('\n').filter((line) => /^(\s+Df|\d+ )/.test(line));
    const readme = rows(shown);
    expect(readme.length).toBeGreaterThanOrEqual(3);
    expect(rows(run.stdout).slice(0, readme.length)).toEqual(readme);
    expect(shown.split('\n')[0]).toBe('Call:  proxpath fit data/diabetes.csv --out fit.json ');
  });

  it('documents --format and the row-names rule', () => {
    // Prose is wrapped anywhere: compared with its whitespace collapsed.
    const prose = README.replace(/\s+/g, ' ');
    expect(prose).toContain('`--format json|table`');
    expect(prose).toContain("R's `write.csv()`");
    expect(prose).toContain('column 1 (unnamed) read as row names and ignored');
  });
});

describe('README: the multinomial command lines', () => {
  it('each runs (in order, in one folder) and exits 0', () => {
    const dir = tempDir();
    const at = README.indexOf('```sh\n', README.indexOf('Multinomial logistic regression (glmnet\'s')) + 6;
    const lines = README.slice(at, README.indexOf('\n```', at)).split('\n').filter((line) => line.startsWith('proxpath '));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      const args = line.split(/\s+/).slice(1).map((arg) => (arg.startsWith('test/fixtures/') ? resolve(arg) : arg));
      const run = runCli(args, dir);
      expect(run.status, `${line}\n${run.stderr}`).toBe(0);
    }
  });
});
