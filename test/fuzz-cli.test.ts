// A bounded, seeded fuzz of the command line: random bytes as a CSV, random mutations of the
// fixture CSVs and of a saved model, random option strings. Whatever the input, the command
// ends with status 0 (a finite result) or 2 (one `error:` line and no output file): never an
// internal error, a stack trace, a crash by signal, or a file half-written.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuild, runCli, tempDir, writeText } from './helpers/cli.js';
import { rng } from './helpers/data.js';

const random = rng(20261205);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (below: number): number => Math.floor(random() * below);

let dir: string;
/** The first rows of each fixture: fits of them take milliseconds. */
const fixtures: string[] = [];

beforeAll(() => {
  requireBuild();
  dir = tempDir();
  for (const name of ['gauss.csv', 'logistic.csv', 'poisson.csv', 'robust.csv']) {
    const text = readFileSync(new URL(`fixtures/data/${name}`, import.meta.url), 'utf8');
    fixtures.push(text.split('\n').slice(0, 41).join('\n') + '\n');
  }
});

interface Run {
  what: string;
  args: string[];
  out: string;
}

interface Outcome extends Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

async function execute(run: Run): Promise<Outcome> {
  const child = spawn(process.execPath, [CLI, ...run.args], { cwd: dir, env: { ...process.env, PROXPATH_DEBUG: '' } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.resume();
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearTimeout(killer);
  return { ...run, code, signal, stderr };
}

/** Runs two at a time (the machine's cores); returns what broke the contract. */
async function violations(runs: Run[], statuses = new Set<number | null>()): Promise<string[]> {
  const broken: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < runs.length) {
      const outcome = await execute(runs[next++]);
      statuses.add(outcome.code);
      const problem = contractBreach(outcome);
      if (problem) broken.push(`${outcome.what} [${outcome.args.join(' ')}]: ${problem}`);
      rmSync(outcome.out, { force: true });
    }
  };
  await Promise.all([worker(), worker()]);
  return broken;
}

function contractBreach({ code, signal, stderr, out }: Outcome): string | null {
  if (signal) return `killed by ${signal}`;
  if (code !== 0 && code !== 2) return `exit ${code}: ${stderr.slice(0, 300)}`;
  if (/\n\s+at |internal error/.test(stderr)) return `stack trace or internal error: ${stderr.slice(0, 300)}`;
  if (code === 2) {
    if (!/^error: [^\n]+\n$/.test(stderr)) return `exit 2 without exactly one error line: ${stderr.slice(0, 300)}`;
    if (existsSync(out)) return 'exit 2 but the output file was written';
    return null;
  }
  if (!existsSync(out)) return 'exit 0 but no output file';
  const text = readFileSync(out, 'utf8');
  // NaN and Infinity would have been written as null.
  if (out.endsWith('.json') && /\bnull\b/.test(text)) return 'a null (non-finite number) in the result';
  return null;
}

const TOKENS = [',', '\n', '"', '-', 'e', '.', '0', '9', ' ', 'NaN', 'inf', '1e400', '1e-400', 'NA', '', 'x', '\r\n', '\u00a0'];

/** One random edit of a CSV's text. */
function mutate(text: string): string {
  const lines = text.split('\n');
  switch (int(7)) {
    case 0: { // delete a stretch of characters
      const at = int(text.length);
      return text.slice(0, at) + text.slice(at + 1 + int(20));
    }
    case 1: { // insert a token
      const at = int(text.length);
      return text.slice(0, at) + pick(TOKENS) + text.slice(at);
    }
    case 2: { // replace a cell
      const r = 1 + int(lines.length - 2);
      const cells = lines[r].split(',');
      cells[int(cells.length)] = pick(['', 'NA', '1e400', '-1e400', 'abc', '0x10', '1e-400', ' 3 ', '1e308', '-0', 'Infinity']);
      lines[r] = cells.join(',');
      return lines.join('\n');
    }
    case 3: { // rename a header column (duplicates, empty, quoted)
      const cells = lines[0].split(',');
      cells[int(cells.length)] = pick(['y', 'x1', '', '"a,b"', 'w', '1', '"']);
      lines[0] = cells.join(',');
      return lines.join('\n');
    }
    case 4: // truncate
      return text.slice(0, int(text.length));
    case 5: { // drop or duplicate a column in every row
      const c = int(lines[0].split(',').length);
      const dup = random() < 0.5;
      return lines.map((l) => { const cells = l.split(','); if (dup) cells.splice(c, 0, cells[c]); else cells.splice(c, 1); return cells.join(','); }).join('\n');
    }
    default: { // scale a row by a huge factor
      const r = 1 + int(lines.length - 2);
      lines[r] = lines[r].split(',').map((v) => (Number.isFinite(Number(v)) && v !== '' ? String(Number(v) * pick([1e150, 1e-150, 1e300])) : v)).join(',');
      return lines.join('\n');
    }
  }
}

const LOSS_FLAGS = [[], ['--loss', 'logistic'], ['--loss', 'poisson'], ['--loss', 'huber'], ['--loss', 'quantile'], ['--loss', 'absolute']];
const VALUES = ['0', '-1', '0.5', '3', '1e400', 'nan', 'inf', '-inf', 'abc', '', '1,2', '0.5,0.1', '1e-300', '2', '1,1,1', '-inf,inf'];
const FLAGS = ['--alpha', '--nlambda', '--lambda-min-ratio', '--lambda', '--penalty-factor', '--lower', '--upper', '--tol', '--max-iter', '--delta', '--tau', '--target', '--weights', '--solver', '--backend'];
const SWITCHES = ['--no-standardize', '--no-intercept', '--polish', '--drop-incomplete'];

function randomOptions(): string[] {
  const args: string[] = [...pick(LOSS_FLAGS)];
  for (let t = int(4); t > 0; t--) {
    if (random() < 0.3) args.push(pick(SWITCHES));
    else args.push(pick(FLAGS), pick(VALUES));
  }
  // The WebGPU backend would start a browser: the fuzz stays on the CPU.
  return [...args, '--backend', 'cpu'];
}

describe('CLI fuzz (seeded, bounded): exit 0 or 2, one line, no stack, nothing written on 2', () => {
  it('random bytes as the CSV', async () => {
    const runs: Run[] = Array.from({ length: 10 }, (_, t) => {
      const bytes = Buffer.from(Array.from({ length: 1 + int(400) }, () => (random() < 0.3 ? pick([44, 10, 48, 49, 46, 45]) : int(256))));
      const file = writeText(dir, `bytes${t}.csv`, bytes as unknown as string);
      const out = join(dir, `bytes${t}.json`);
      return { what: 'random bytes', args: ['fit', file, '--out', out, '--backend', 'cpu'], out };
    });
    expect(await violations(runs)).toEqual([]);
  }, 300_000);

  it('mutated fixture CSVs, fit and cv', async () => {
    const runs: Run[] = Array.from({ length: 24 }, (_, t) => {
      let text = pick(fixtures);
      for (let m = 1 + int(3); m > 0; m--) text = mutate(text);
      const file = writeText(dir, `mutant${t}.csv`, text);
      const out = join(dir, `mutant${t}.json`);
      const command = t % 4 === 3 ? ['cv', file, '--folds', '3', '--nlambda', '10'] : ['fit', file, '--nlambda', '20'];
      return { what: 'mutated CSV', args: [...command, ...pick(LOSS_FLAGS), '--backend', 'cpu', '--out', out], out };
    });
    const statuses = new Set<number | null>();
    expect(await violations(runs, statuses)).toEqual([]);
    // The mutations reach both sides of the contract: some files still fit, some are refused.
    expect([...statuses].sort()).toEqual([0, 2]);
  }, 300_000);

  it('random option strings', async () => {
    const file = writeText(dir, 'clean.csv', fixtures[0]);
    const runs: Run[] = Array.from({ length: 24 }, (_, t) => {
      const out = join(dir, `options${t}.json`);
      return { what: 'random options', args: ['fit', file, ...randomOptions(), '--out', out], out };
    });
    const statuses = new Set<number | null>();
    expect(await violations(runs, statuses)).toEqual([]);
    expect([...statuses].sort()).toEqual([0, 2]);
  }, 300_000);

  it('mutated models for predict', async () => {
    const file = writeText(dir, 'model-data.csv', fixtures[0]);
    const model = join(dir, 'model.json');
    expect(runCli(['fit', file, '--nlambda', '5', '--backend', 'cpu', '--out', model], dir).status).toBe(0);
    const text = readFileSync(model, 'utf8');
    const runs: Run[] = Array.from({ length: 12 }, (_, t) => {
      let mutant = text;
      for (let m = 1 + int(3); m > 0; m--) {
        const at = int(mutant.length);
        mutant = random() < 0.5 ? mutant.slice(0, at) + pick(['1e400', '-', '"', ',', 'null', '[]', '{}', '0']) + mutant.slice(at) : mutant.slice(0, at) + mutant.slice(at + 1 + int(10));
      }
      const mutantFile = writeText(dir, `model${t}.json`, mutant);
      const out = join(dir, `predictions${t}.csv`);
      return { what: 'mutated model', args: ['predict', mutantFile, file, '--out', out], out };
    });
    expect(await violations(runs)).toEqual([]);
  }, 300_000);
});
