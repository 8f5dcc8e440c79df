// The relaxed lasso on the command line: fit and cv --relax [--gamma-relax], their tables as
// glmnet's print.relaxed and print.cv.relaxed lay them out, predict --gamma, and the errors.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CvFit, loadModel, PathFit } from '../src/index.js';
import { csv, expectUsageError, regressionRows, requireBuild, runCli, tempDir, writeText } from './helpers/cli.js';

beforeAll(requireBuild);

describe('proxpath fit, cv and predict with --relax', () => {
  const dir = tempDir();
  const { header, rows } = regressionRows(60, 6, 3);
  const data = writeText(dir, 'data.csv', csv(header, rows));
  const readPredictions = (text: string) => text.trim().split('\n').slice(1).map(Number);

  it('fit --relax --gamma-relax: the refits in the JSON, print.relaxed\'s table, and predict --gamma', () => {
    const run = runCli(['fit', data, '--relax', '--gamma-relax', '0,0.5,1', '--out', 'fit.json', '--format', 'table'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(' \nRelaxed\n\n');
    expect(run.stdout).toMatch(/Df +%Dev %Dev R +Lambda/);
    const fit = loadModel(readFileSync(`${dir}/fit.json`, 'utf8')) as PathFit;
    expect(fit.relaxed!.gamma).toEqual([0, 0.5, 1]);
    const lambda = fit.lambda[8];
    const predicted = runCli(['predict', 'fit.json', data, '--lambda', String(lambda), '--gamma', '0.5'], dir);
    expect(predicted.status, predicted.stderr).toBe(0);
    const X = rows.map((row) => row.slice(0, 6));
    expect(readPredictions(predicted.stdout)).toEqual(Array.from(fit.predict(X, { lambda, gamma: 0.5 })));
  });

  it('cv --relax: print.cv.relaxed\'s table, and predict at its (λ, γ) choices', () => {
    const run = runCli(['cv', data, '--relax', '--folds', '4', '--out', 'cv.json', '--format', 'table'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Gamma Index +Lambda Index +Measure +SE Nonzero/);
    expect(run.stderr).toMatch(/γ_min = [\d.]+, γ_1se = [\d.]+/);
    const cv = loadModel(readFileSync(`${dir}/cv.json`, 'utf8')) as CvFit;
    const X = rows.map((row) => row.slice(0, 6));
    const atMin = runCli(['predict', 'cv.json', data, '--lambda', 'min'], dir);
    expect(atMin.status, atMin.stderr).toBe(0);
    expect(readPredictions(atMin.stdout)).toEqual(Array.from(cv.predict(X, { lambda: 'lambdaMin' })));
    const mixed = runCli(['predict', 'cv.json', data, '--lambda', 'min', '--gamma', '1se'], dir);
    expect(readPredictions(mixed.stdout)).toEqual(Array.from(cv.predict(X, { lambda: 'lambdaMin', gamma: 'gamma1se' })));
  });

  it('the errors: --gamma-relax without --relax, γ out of [0, 1], --gamma of a fit without refits or min of a single fit', () => {
    expectUsageError(runCli(['fit', data, '--gamma-relax', '0.5', '--out', 'x.json'], dir), `${dir}/x.json`, 'option --gamma-relax: the γ grid of the relaxed fit needs relax: true');
    expectUsageError(runCli(['cv', data, '--relax', '--gamma-relax', '0,1.5', '--out', 'x.json'], dir), `${dir}/x.json`, 'option --gamma-relax: γ = 1.5 is not in [0, 1]');
    expect(runCli(['fit', data, '--out', 'plain.json'], dir).status).toBe(0);
    expectUsageError(runCli(['predict', 'plain.json', data, '--gamma', '0.5', '--out', 'p.csv'], dir), `${dir}/p.csv`, 'option --gamma: plain.json has no relaxed fit (fit it with --relax)');
    expectUsageError(runCli(['predict', 'fit.json', data, '--gamma', 'min', '--out', 'p.csv'], dir), `${dir}/p.csv`, 'option --gamma: min needs a CV result; fit.json is a single fit');
    expectUsageError(runCli(['predict', 'fit.json', data, '--gamma', '2', '--out', 'p.csv'], dir), `${dir}/p.csv`, 'option --gamma: 2 must be in [0, 1] (or min, 1se)');
  });
});
