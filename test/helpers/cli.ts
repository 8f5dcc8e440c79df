// Runs the compiled `proxpath` command in a temp folder and builds small CSV files for it.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { normal, rng } from './data.js';

export const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

/** Fails with a clear message when dist/ was not built (`npm test` builds it first). */
export function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the CLI tests`);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PROXPATH_DEBUG: '', ...env },
    timeout: timeoutMs,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'proxpath-cli-'));
}

/** Writes `text` to `dir/name` and returns the path. */
export function writeText(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Header line plus rows, as CSV text. */
export function csv(header: string[], rows: (string | number)[][]): string {
  return [header, ...rows].map((row) => row.join(',')).join('\n') + '\n';
}

/**
 * A small regression data set with columns x1…xp and y (y = X·β + noise, β = 1, -1, 0.5, 0…),
 * from a seeded generator. `response` turns the linear predictor into y (default: + noise).
 */
export function regressionRows(
  n: number,
  p: number,
  seed = 1,
  response?: (eta: number, random: () => number) => number,
): { header: string[]; rows: number[][] } {
  const random = rng(seed);
  const gauss = normal(seed + 1);
  const beta = Array.from({ length: p }, (_, j) => [1, -1, 0.5][j] ?? 0);
  const rows = Array.from({ length: n }, () => {
    const x = Array.from({ length: p }, () => Number(gauss().toFixed(4)));
    const eta = x.reduce((sum, xj, j) => sum + xj * beta[j], 0);
    const y = response ? response(eta, random) : eta + 0.5 * gauss();
    return [...x, Number(y.toFixed(4))];
  });
  const header = [...Array.from({ length: p }, (_, j) => `x${j + 1}`), 'y'];
  return { header, rows };
}

/** Exit 2, exactly one `error: ` line containing every `needle`, no stack, no output, no file at `out`. */
export function expectUsageError(result: CliResult, out: string, ...needles: string[]): void {
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  for (const needle of needles) expect(lines[0]).toContain(needle);
  expect(result.stderr).not.toContain('    at ');
  expect(result.stdout).toBe('');
  expect(existsSync(out)).toBe(false);
}
