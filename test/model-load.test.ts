// The model loader (`proxpath predict model.json data.csv`, loadModel) refuses what would make
// predictions wrong without saying so: numbers beyond float64's range (1e400 parses to Infinity)
// and feature names given twice, each named by field and index; any string is a name, numerals
// included, so a fit's own JSON always loads (issue 12).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cvPath, fitPath, InputError, loadModel, type CvFit, PathFit, type PathFitJSON } from '../src/index.js';
import { csv, regressionRows, requireBuild, runCli, tempDir } from './helpers/cli.js';

const { header, rows } = regressionRows(40, 3, 9);
const X = rows.map((r) => r.slice(0, 3));
const y = rows.map((r) => r[3]);

let json: PathFitJSON;
beforeAll(async () => {
  json = (await fitPath({ X, y, featureNames: ['x1', 'x2', 'x3'] }, { nLambda: 4, backend: 'cpu' })).toJSON();
});

/** The model's JSON text with one number replaced by `typed` (e.g. 1e400), as a file could hold it. */
function withNumber(model: unknown, path: (string | number)[], typed: string): string {
  const copy = JSON.parse(JSON.stringify(model));
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path[path.length - 1]] = '@@here@@';
  return JSON.stringify(copy).replace('"@@here@@"', typed);
}

function loadError(text: unknown): string {
  try {
    loadModel(text, 'm.json');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('loaded');
}

describe('loadModel: numbers beyond float64', () => {
  it('refuses an infinite λ, intercept or coefficient, naming the field and index', () => {
    expect(loadError(withNumber(json, ['lambda', 0], '1e400'))).toBe("m.json: field lambda[0] is beyond float64's range (it reads as Infinity)");
    expect(loadError(withNumber(json, ['intercept', 2], '-1e400'))).toBe("m.json: field intercept[2] is beyond float64's range (it reads as -Infinity)");
    expect(loadError(withNumber(json, ['beta', 3, 1], '1e999'))).toBe("m.json: field beta[3][1] is beyond float64's range (it reads as Infinity)");
    expect(loadError(withNumber(json, ['objective', 1], '1e400'))).toBe("m.json: field objective[1] is beyond float64's range (it reads as Infinity)");
    expect(loadError(withNumber(json, ['nullDeviance'], '1e400'))).toBe("m.json: field nullDeviance is beyond float64's range (it reads as Infinity)");
  });

  it('refuses NaN given as a JavaScript object', () => {
    expect(loadError({ ...json, intercept: json.intercept.map((v, k) => (k === 1 ? NaN : v)) })).toBe('m.json: field intercept[1] is NaN, not a finite number');
  });

  it('refuses them inside a CV result, naming the curve', async () => {
    const cv = await cvPath({ X, y }, { nLambda: 4, folds: 3, backend: 'cpu' });
    const cvJson = JSON.parse(JSON.stringify(cv));
    expect(loadError(withNumber(cvJson, ['curves', 0, 'cvm', 1], '1e400'))).toBe("m.json (curve 0): field cvm[1] is beyond float64's range (it reads as Infinity)");
    expect(loadError(withNumber(cvJson, ['curves', 0, 'fit', 'beta', 0, 2], '-1e400'))).toBe(
      "m.json (curve 0) fit: field beta[0][2] is beyond float64's range (it reads as -Infinity)",
    );
    expect(loadModel(JSON.stringify(cvJson))).toBeInstanceOf(Object);
  });

  it('still reads numbers that are merely tiny or large', () => {
    const text = withNumber(json, ['beta', 3, 1], '1e-400').replace('"nullDeviance":', '"nullDeviance":1e300,"ignored":');
    const fit = loadModel(text) as PathFit;
    expect(fit.beta[3][1]).toBe(0);
  });
});

describe('loadModel: feature names', () => {
  it('refuses a name given twice, naming it and where', () => {
    expect(loadError({ ...json, featureNames: ['x1', 'x2', 'x1'] })).toBe('m.json: field featureNames: name "x1" appears twice (features 1 and 3)');
  });

  it('accepts any strings, numerals included', () => {
    for (const names of [['1', '2', '3'], ['', ' ', '1e400'], ['a,b', '"q"', 'é 中']]) {
      const fit = loadModel(JSON.stringify({ ...json, featureNames: names })) as PathFit;
      expect(fit.featureNames).toEqual(names);
    }
    expect(loadError({ ...json, featureNames: [1, 2, 3] })).toBe('m.json: field featureNames must be a non-empty array of strings');
  });
});

describe('proxpath fit → JSON → predict with numeric column names (built CLI)', () => {
  beforeAll(requireBuild);

  it('round-trips: predict reads the fit it wrote and predicts what the library predicts', () => {
    const dir = tempDir();
    const numeric = ['1', '2', '3', 'y'];
    expect(header).toHaveLength(4);
    writeFileSync(join(dir, 'data.csv'), csv(numeric, rows));
    const fitted = runCli(['fit', 'data.csv', '--nlambda', '5', '--backend', 'cpu', '--out', 'fit.json'], dir);
    expect(fitted.status, fitted.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8'));
    expect(saved.featureNames).toEqual(['1', '2', '3']);

    const predicted = runCli(['predict', 'fit.json', 'data.csv'], dir);
    expect(predicted.status, predicted.stderr).toBe(0);
    const values = predicted.stdout.trim().split('\n');
    expect(values[0]).toBe('prediction');
    const expected = (loadModel(saved) as PathFit).predict(X);
    expect(values.slice(1).map(Number)).toEqual(Array.from(expected));

    // The same model edited to hold 1e400 is refused with one error line and exit 2.
    writeFileSync(join(dir, 'bad.json'), withNumber(saved, ['intercept', 0], '1e400'));
    const refused = runCli(['predict', 'bad.json', 'data.csv'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe("error: bad.json: field intercept[0] is beyond float64's range (it reads as Infinity)\n");
    expect(refused.stdout).toBe('');
  });

  it('a CV result with numeric names predicts too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'data.csv'), csv(['10', '20', '30', 'y'], rows));
    const fitted = runCli(['cv', 'data.csv', '--nlambda', '5', '--folds', '3', '--backend', 'cpu', '--out', 'cv.json'], dir);
    expect(fitted.status, fitted.stderr).toBe(0);
    const predicted = runCli(['predict', 'cv.json', 'data.csv'], dir);
    expect(predicted.status, predicted.stderr).toBe(0);
    const cv = loadModel(readFileSync(join(dir, 'cv.json'), 'utf8')) as CvFit;
    expect(predicted.stdout.trim().split('\n').slice(1).map(Number)).toEqual(Array.from(cv.predict(X)));
  });
});
