// The penalty flags of `proxpath fit` and `proxpath cv`: --penalty, --gamma, --groups and
// --groups-file reach the fit (the result records them and predict reads the saved model), and
// each bad value exits 2 with one line naming the flag.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliResult, csv, regressionRows, requireBuild, runCli, tempDir, writeText, expectUsageError as expectCliUsageError } from './helpers/cli.js';

let dir: string;
let out: string;
let data: string;

beforeAll(requireBuild);
beforeEach(() => {
  dir = tempDir();
  out = join(dir, 'result.json');
  const { header, rows } = regressionRows(40, 4, 3);
  data = writeText(dir, 'data.csv', csv(header, rows));
});

const fit = (...args: string[]): CliResult => runCli(['fit', data, ...args, '--out', out], dir);

const expectUsageError = (result: CliResult, ...needles: string[]): void => expectCliUsageError(result, out, ...needles);

describe('penalty flags', () => {
  it('fits MCP with a γ, records it, and predict reads the saved model', () => {
    const result = fit('--penalty', 'mcp', '--gamma', '2.5', '--tol', '1e-10');
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.problem).toMatchObject({ penalty: 'mcp', gamma: 2.5 });
    expect(Math.max(...json.kktViolation)).toBeLessThan(1e-5);
    const predicted = runCli(['predict', out, data], dir);
    expect(predicted.status, predicted.stderr).toBe(0);
    expect(predicted.stdout.trim().split('\n')).toHaveLength(41);
  });

  it('fits a group lasso from --groups-file and cross-validates a sparse group lasso from --groups', () => {
    writeText(dir, 'groups.txt', 'a\na\n\nb\nb\n');
    const result = fit('--penalty', 'group', '--groups-file', join(dir, 'groups.txt'));
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.problem).toMatchObject({ penalty: 'group', groups: ['a', 'a', 'b', 'b'] });
    // A group enters whole: x1 and x2 are both zero or both nonzero at every λ.
    for (const row of json.beta as number[][]) expect(row[0] === 0).toBe(row[1] === 0);
    const cv = runCli(['cv', data, '--penalty', 'sparse-group', '--groups', 'a,a,b,b', '--folds', '4', '--out', out], dir);
    expect(cv.status, cv.stderr).toBe(0);
    const cvJson = JSON.parse(readFileSync(out, 'utf8'));
    expect(cvJson.curves[0].alpha).toBe(0.95); // the sparse group lasso's default mixing
    expect(cvJson.curves[0].fit.problem.penalty).toBe('sparse-group');
  });

  it('exits 2 with one line naming the flag', () => {
    expectUsageError(fit('--penalty', 'mcp', '--gamma', '1'), 'option --gamma: 1 must be a finite number > 1 for mcp');
    expectUsageError(fit('--penalty', 'scad', '--gamma', '2'), 'option --gamma: 2 must be a finite number > 2 for scad');
    expectUsageError(fit('--penalty', 'group', '--groups', 'a,b'), 'option --groups: 2 labels given, expected one per feature (4)');
    expectUsageError(fit('--groups', 'a,a,b,b'), 'option --groups: penalty enet takes no groups');
    expectUsageError(fit('--penalty', 'group'), 'option --groups: penalty group needs one group label per feature');
    expectUsageError(fit('--penalty', 'lasso'), "option '--penalty <name>' argument 'lasso' is invalid");
    expectUsageError(fit('--penalty', 'group', '--groups-file', join(dir, 'missing.txt')), 'option --groups-file: cannot read');
    expectUsageError(fit('--penalty', 'mcp', '--loss', 'absolute', '--backend', 'webgpu'), 'option --backend: "webgpu": penalty mcp with loss absolute runs only on the CPU');
    expectUsageError(fit('--penalty', 'group', '--groups', 'a,a,b,b', '--loss', 'quantile'), 'option --penalty: group needs a differentiable loss');
  });
});
