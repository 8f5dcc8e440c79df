// Stopping a fit: Ctrl-C, TERM and HUP end the command mid-fit with status 130, one line and no
// output file (real signals to a child process); in the library an AbortSignal stops even a
// single long λ, because the CPU solvers pause for the event loop while they work, and those
// pauses change no bits.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { AbortError } from '../src/errors.js';
import { standardize } from '../src/problem/standardize.js';
import { validate } from '../src/problem/validate.js';
import { workDoubles } from '../src/solvers/engines.js';
import { type PathControl, solvePath } from '../src/solvers/path.js';
import type { Dataset, FitOptions } from '../src/problem/types.js';
import { CLI, csv, regressionRows, requireBuild, tempDir, writeText } from './helpers/cli.js';
import { rng } from './helpers/data.js';
import { denseCoefficients } from '../src/solvers/path-lists.js';

/**
 * Heavy-tailed noise: the exact quantile path with α = 0.5 (the active-set path; the α = 1
 * simplex is fast enough to end within the test's second) takes several seconds on this many rows
 * and features (16,000 × 80: the updated active-set method ends 8,000 × 40 in about a second).
 */
const heavyTail = (eta: number, random: () => number) => eta + (3 * (random() - 0.5)) / (random() + 0.05);

let dir: string;
let data: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir();
  const { header, rows } = regressionRows(16000, 80, 3, heavyTail);
  data = writeText(dir, 'data.csv', csv(header, rows));
});

/** Starts the command, sends `signal` once it has run a while, and returns how it ended. */
async function stopped(args: string[], signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, PROXPATH_DEBUG: '' } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exit = once(child, 'exit');
  // Once the CLI catches the stop signals (its handlers go in before the data are read; a
  // loaded machine may take seconds to get there), and a while into the fit after that.
  await caughtSignals(child.pid!, ['SIGHUP', 'SIGINT', 'SIGTERM']);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  child.kill(signal);
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code] = (await exit) as [number | null];
  clearTimeout(watchdog);
  return { code, stderr };
}

/** Waits until process `pid` catches every one of `names` (Linux: SigCgt in /proc/pid/status). */
async function caughtSignals(pid: number, names: NodeJS.Signals[]): Promise<void> {
  const bits = names.reduce((mask, name) => mask | (1n << BigInt(osConstants.signals[name] - 1)), 0n);
  for (let waited = 0; waited < 60_000; waited += 50) {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^SigCgt:\s*([0-9a-f]+)$/m);
    if (line && (BigInt(`0x${line[1]}`) & bits) === bits) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process ${pid} did not catch ${names.join(', ')} within a minute`);
}

describe('signals stop the CLI mid-fit: exit 130, one line, nothing written', () => {
  const cases: [string, string[], NodeJS.Signals][] = [
    ['fit, exact quantile path, Ctrl-C', ['fit', 'data.csv', '--loss', 'quantile', '--alpha', '0.5', '--out', 'fit.json'], 'SIGINT'],
    ['fit, exact quantile path, TERM', ['fit', 'data.csv', '--loss', 'quantile', '--alpha', '0.5', '--out', 'fit.json'], 'SIGTERM'],
    ['fit, exact quantile path, HUP (terminal closed)', ['fit', 'data.csv', '--loss', 'quantile', '--alpha', '0.5', '--out', 'fit.json'], 'SIGHUP'],
    ['fit, batched Huber iteration', ['fit', 'data.csv', '--loss', 'huber', '--solver', 'batched', '--tol', '1e-12', '--out', 'fit.json'], 'SIGINT'],
    ['cv, one worker', ['cv', 'data.csv', '--loss', 'quantile', '--alpha', '0.5', '--folds', '3', '--workers', '1', '--out', 'cv.json'], 'SIGINT'],
  ];
  for (const [name, args, signal] of cases) {
    it(name, async () => {
      const { code, stderr } = await stopped(args, signal);
      expect(code).toBe(130);
      expect(stderr).toMatch(/^error: .*aborted\n$/);
      // Neither the output nor a temp file of it.
      expect(readdirSync(dir).sort()).toEqual(['data.csv']);
    }, 60_000);
  }
});

describe('an AbortSignal stops a single long λ (library)', () => {
  // One λ of an exact quantile fit: no between-λ check can see the abort, only a pause inside.
  const random = rng(11);
  const n = 1500;
  const p = 12;
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => random() - 0.5));
  const dataset: Dataset = { X, y: X.map((row) => row[0] - row[1] + heavyTail(0, random)) };
  const options: FitOptions = { loss: 'quantile', tau: 0.3, lambda: [1e-4] };

  async function solve(control: PathControl) {
    const problem = validate(dataset, options);
    const std = standardize(problem, workDoubles(problem));
    try {
      return await solvePath(problem, std, control);
    } finally {
      std.heap.release();
    }
  }

  it('aborts inside the λ when the signal fires during the solve', async () => {
    const controller = new AbortController();
    // Fires after a few turns of the event loop: only pauses inside the solve let it run.
    let turns = 0;
    const tick = () => (++turns < 3 ? setImmediate(tick) : controller.abort());
    setImmediate(tick);
    await expect(solve({ signal: controller.signal, pauseEveryMs: 0 })).rejects.toBeInstanceOf(AbortError);
    expect(turns).toBe(3);
  });

  it('pausing at every loop head gives the same bits as the default pacing', async () => {
    const paused = await solve({ pauseEveryMs: 0 });
    const plain = await solve({});
    expect(paused.converged).toEqual([true]);
    expect(Array.from(denseCoefficients(paused.betaStd[0]))).toEqual(Array.from(denseCoefficients(plain.betaStd[0])));
    expect(paused.interceptStd).toEqual(plain.interceptStd);
    expect(paused.lossValue).toEqual(plain.lossValue);
  });
});
