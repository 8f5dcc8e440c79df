// Multinomial logistic regression (loss multinomial) against R glmnet 4.1 at thresh 1e-14
// (scripts/multinomial-references.R): ungrouped and grouped paths on 600 rows of the 8×8 digits
// (10 classes) and on a synthetic 3-class set with string labels (weights, penalty factors 0 and
// ∞, α = 0.5, bounds, no intercept, no standardization): glmnet's λ sequence, the objective
// within 1e-7 relative at every λ, df, the null deviance and deviance ratios, optimality in
// float64; the null model in closed form; predictions as glmnet's predict; the errors.

import { describe, expect, it } from 'vitest';
import { fitPath, loadModel, loadMultinomialModel, type MultinomialFit, type MultinomialOptions } from '../src/index.js';
import { type MultinomialRefCase, multinomialRefs, readMultinomialSet } from './helpers/multinomial-refs.js';

interface RefCase extends MultinomialRefCase {
  at: number[]; beta: number[][][]; a0At: number[][];
}
const refs = multinomialRefs as {
  cases: RefCase[]; predict: { lambda: number; link: number[][]; response: number[][]; class: string[] };
};

const sets = { 'digits.csv': readMultinomialSet('digits.csv'), 'multinomial.csv': readMultinomialSet('multinomial.csv') } as Record<string, ReturnType<typeof readMultinomialSet>>;

const dataOf = (c: RefCase) => {
  const s = sets[c.file];
  return { X: s.X, y: s.y, ...(c.weights && s.w ? { weights: s.w } : {}) };
};
// The digits paths end near separation, where the passes crawl: a tighter threshold there. glmnet's
// grouped solver stops that path at λ 39 (maxit reached): its λ are given, the rest is not compared.
const optionsOf = (c: RefCase): MultinomialOptions => ({
  loss: 'multinomial', multinomial: c.type, alpha: c.alpha, standardize: c.standardize, intercept: c.intercept, backend: 'cpu',
  tol: c.file === 'digits.csv' ? 1e-13 : 1e-12, ...(c.name === 'digits grouped' ? { lambda: c.lambda } : {}),
  ...(c.penaltyFactor ? { penaltyFactor: c.penaltyFactor.map((v) => (v >= 1e308 ? Infinity : v)) } : {}),
  ...(c.lower !== undefined ? { lower: c.lower } : {}), ...(c.upper !== undefined ? { upper: c.upper } : {}),
});

/** The objective of DESIGN §1 for the multinomial loss (as the R script computes it), in float64. */
function objectiveOf(c: RefCase, lambda: number, a0: number[], beta: number[][]): number {
  const { X, y, w } = sets[c.file];
  const n = X.length;
  const p = X[0].length;
  const weights = c.weights && w ? w : new Array<number>(n).fill(1);
  const total = weights.reduce((s, v) => s + v, 0);
  let loss = 0;
  X.forEach((row, i) => {
    const eta = a0.map((b, k) => b + beta[k].reduce((s, bj, j) => s + bj * row[j], 0));
    const m = Math.max(...eta);
    const lse = m + Math.log(eta.reduce((s, e) => s + Math.exp(e - m), 0));
    loss -= (weights[i] / total) * (eta[c.classes.indexOf(String(y[i]))] - lse);
  });
  const pf = (c.penaltyFactor ?? new Array<number>(p).fill(1)).map((v) => (v >= 1e308 ? 1 : v));
  const pfSum = pf.reduce((s, v) => s + v, 0);
  let pen = 0;
  for (let j = 0; j < p; j++) {
    let mean = 0;
    let sq = 0;
    X.forEach((row, i) => {
      mean += (weights[i] / total) * row[j];
      sq += (weights[i] / total) * row[j] * row[j];
    });
    const sd = c.standardize ? Math.sqrt(Math.max(sq - mean * mean, 0)) || 1 : 1;
    const b = beta.map((rowC) => rowC[j] * sd);
    const norm2 = b.reduce((s, v) => s + v * v, 0);
    const l1 = c.type === 'grouped' ? Math.sqrt(norm2) : b.reduce((s, v) => s + Math.abs(v), 0);
    pen += ((pf[j] * p) / pfSum) * ((c.alpha * l1) + ((1 - c.alpha) / 2) * norm2);
  }
  return loss + lambda * pen;
}

const fits = new Map<string, Promise<MultinomialFit>>();
const fitOf = (c: RefCase) => {
  if (!fits.has(c.name)) fits.set(c.name, fitPath(dataOf(c), optionsOf(c)));
  return fits.get(c.name)!;
};

describe('multinomial as glmnet', () => {
  for (const c of refs.cases) {
    it(`${c.name}: glmnet's λ, objective within 1e-7 relative, df, deviances, KKT`, async () => {
      const fit = await fitOf(c);
      expect(fit.lambda.length).toBe(c.lambda.length);
      const K = c.lambda.length;
      // An unpenalized feature is fitted before λ_max is measured, by both to their thresholds.
      const lambdaTol = c.penaltyFactor?.includes(0) ? 1e-7 : 1e-12;
      expect(Math.abs(fit.problem.lambdaMax / c.lambda[0] - 1)).toBeLessThan(lambdaTol);
      for (let k = 0; k < K; k++) {
        expect(Math.abs(fit.lambda[k] - c.lambda[k]) / c.lambda[k], `λ ${k}`).toBeLessThan(lambdaTol);
        expect(Math.abs(fit.objective[k] - c.objective[k]) / c.objective[k], `objective at λ ${k}`).toBeLessThan(1e-7);
        expect(fit.df[k], `df at λ ${k}`).toBe(c.df[k]);
        // The deviance moves to first order where the objective moves to second: glmnet's grouped
        // digits path (thresh 1e-12) is looser there.
        expect(Math.abs(fit.devRatio[k] - c.devRatio[k]), `dev.ratio at λ ${k}`).toBeLessThan(c.name === 'digits grouped' ? 1e-5 : 1e-6);
      }
      const weightTotal = c.weights ? sets[c.file].w!.reduce((s, v) => s + v, 0) / fit.problem.n : 1;
      expect(Math.abs((fit.nullDeviance * weightTotal) / c.nulldev - 1)).toBeLessThan(1e-12);
      expect(fit.classes.map(String)).toEqual(c.classes);
      expect(fit.converged.every(Boolean)).toBe(true);
      expect(Math.max(...fit.kktViolation)).toBeLessThan(1e-5);
      expect(fit.problem).toMatchObject({ loss: 'multinomial', multinomial: c.type, nClasses: c.classes.length });
    });

    it(`${c.name}: the objective is the one the references evaluate`, async () => {
      const fit = await fitOf(c);
      // At glmnet's coefficients, as R computed it; at ours, as the fit reports it.
      c.at.forEach((k, t) => expect(Math.abs(objectiveOf(c, c.lambda[k], c.a0At[t], c.beta[t]) / c.objective[k] - 1)).toBeLessThan(1e-12));
      for (const k of [0, Math.floor(fit.lambda.length / 2), fit.lambda.length - 1]) {
        expect(Math.abs(objectiveOf(c, fit.lambda[k], fit.intercept[k], fit.beta[k]) / fit.objective[k] - 1)).toBeLessThan(1e-10);
      }
    });
  }

  it('intercepts as glmnet where the solution is unique (α < 1), centred to sum 0', async () => {
    const c = refs.cases.find((r) => r.name === 'synthetic ungrouped enet weights pf')!;
    const fit = await fitOf(c);
    for (let k = 0; k < c.lambda.length; k++) {
      fit.intercept[k].forEach((b, cl) => expect(Math.abs(b - c.a0[k][cl]), `a0 ${cl} at λ ${k}`).toBeLessThan(1e-6));
      expect(Math.abs(fit.intercept[k].reduce((s, v) => s + v, 0))).toBeLessThan(1e-12);
    }
  });

  it("predicts as glmnet's predict between two grid λ: link, response, class", async () => {
    const s = sets['multinomial.csv'];
    const fit = await fitPath({ X: s.X, y: s.y, weights: s.w! }, { loss: 'multinomial', alpha: 0.5, tol: 1e-12 });
    const rows = s.X.slice(0, 5);
    const { lambda, link, response } = refs.predict;
    fit.predict(rows, { lambda }).forEach((row, i) => row.forEach((v, cl) => expect(Math.abs(v - link[i][cl])).toBeLessThan(1e-6)));
    fit.predict(rows, { lambda, type: 'response' }).forEach((row, i) => row.forEach((v, cl) => expect(Math.abs(v - response[i][cl])).toBeLessThan(1e-6)));
    expect(fit.predict(rows, { lambda, type: 'class' })).toEqual(refs.predict.class);
    // Saved and loaded, the same predictions; loadModel points to the multinomial loader.
    const text = JSON.stringify(fit.toJSON());
    expect(loadMultinomialModel(text).predict(rows, { lambda })).toEqual(fit.predict(rows, { lambda }));
    expect(() => loadModel(text)).toThrow('loadMultinomialModel');
    expect(() => loadMultinomialModel({ ...fit.toJSON(), beta: [] })).toThrow('field beta');
    const names = fit.featureNames.slice();
    names[1] = names[0];
    expect(() => loadMultinomialModel({ ...fit.toJSON(), featureNames: names })).toThrow(`field featureNames: name "${names[0]}" appears twice (features 1 and 2)`);
  });
});

describe('multinomial: closed forms and properties', () => {
  const s = sets['multinomial.csv'];

  it('at λ ≥ λ_max every coefficient is 0 and the intercepts are the centred log class proportions', async () => {
    for (const multinomial of ['ungrouped', 'grouped'] as const) {
      const first = await fitPath({ X: s.X, y: s.y, weights: s.w! }, { loss: 'multinomial', multinomial, nLambda: 3 });
      const fit = await fitPath({ X: s.X, y: s.y, weights: s.w! }, { loss: 'multinomial', multinomial, lambda: [first.lambda[0], 2 * first.lambda[0]] });
      const total = [0, 0, 0];
      s.y.forEach((label, i) => (total[fit.classes.indexOf(label)] += s.w![i]));
      const logs = total.map(Math.log);
      const mean = logs.reduce((a, b) => a + b, 0) / 3;
      for (let k = 0; k < 2; k++) {
        expect(fit.beta[k].flat().every((b) => b === 0)).toBe(true);
        fit.intercept[k].forEach((b, cl) => expect(Math.abs(b - (logs[cl] - mean))).toBeLessThan(1e-12));
      }
      expect(fit.devRatio[0]).toBeCloseTo(0, 12);
    }
  });

  it('grouped and ungrouped paths differ; grouped features enter with every class at once', async () => {
    const ungrouped = refs.cases.find((r) => r.name === 'synthetic ungrouped bounds')!;
    const u = await fitPath({ X: s.X, y: s.y }, { loss: 'multinomial', lambda: [0.05] });
    const g = await fitPath({ X: s.X, y: s.y }, { loss: 'multinomial', multinomial: 'grouped', lambda: [0.05] });
    expect(ungrouped).toBeDefined();
    for (let j = 0; j < s.X[0].length; j++) {
      const nonzero = g.beta[0].filter((row) => row[j] !== 0).length;
      expect([0, 3]).toContain(nonzero);
    }
    expect(u.beta[0].flat().filter((b) => b === 0).length).toBeGreaterThan(0);
    expect(u.objective[0]).not.toBeCloseTo(g.objective[0], 6);
  });

  it('labels: strings or integers, sorted as R factor levels; a numeric relabelling gives the same fit', async () => {
    const names = ['setosa', 'versicolor', 'virginica'];
    const codes = s.y.map((label) => [30, 4, 100][names.indexOf(String(label))]);
    const byName = await fitPath({ X: s.X, y: s.y }, { loss: 'multinomial', nLambda: 10, tol: 1e-12 });
    const byCode = await fitPath({ X: s.X, y: codes }, { loss: 'multinomial', nLambda: 10, tol: 1e-12 });
    expect(byName.classes).toEqual(names);
    expect(byCode.classes).toEqual([4, 30, 100]);
    // Class "versicolor" is code 4, the first numerically.
    // The same fit (the lasso's coefficients are not unique along the classes: the objective and
    // the probabilities are).
    byCode.objective.forEach((o, k) => expect(Math.abs(o / byName.objective[k] - 1)).toBeLessThan(1e-9));
    const [pCode, pName] = [byCode, byName].map((fit) => fit.predict(s.X.slice(0, 4), { type: 'response' }));
    pCode.forEach((row, i) => [1, 0, 2].forEach((named, coded) => expect(Math.abs(row[coded] - pName[i][named])).toBeLessThan(1e-6)));
    expect(byCode.predict(s.X.slice(0, 4), { type: 'class' }).map((v) => names[[30, 4, 100].indexOf(v as number)])).toEqual(
      byName.predict(s.X.slice(0, 4), { type: 'class' }),
    );
  });

  it('a sparse X (CSC) gives the fit of its dense copy', async () => {
    const X = s.X.map((row) => row.map((v) => (Math.abs(v) < 0.8 ? 0 : v)));
    const indptr = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (let j = 0; j < X[0].length; j++) {
      X.forEach((row, i) => {
        if (row[j] !== 0) {
          indices.push(i);
          values.push(row[j]);
        }
      });
      indptr.push(indices.length);
    }
    const sparse = { format: 'csc' as const, indptr, indices, values, nRows: X.length, nCols: X[0].length };
    const options = { loss: 'multinomial' as const, multinomial: 'grouped' as const, nLambda: 8 };
    const [a, b] = await Promise.all([fitPath({ X: sparse, y: s.y }, options), fitPath({ X, y: s.y }, options)]);
    expect(a.objective).toEqual(b.objective);
    expect(a.beta).toEqual(b.beta);
  });

  it('refuses what does not apply, naming the option or the class', async () => {
    const data = { X: s.X, y: s.y };
    const bad = async (options: object, message: string, d: object = data) =>
      expect(fitPath(d as never, { loss: 'multinomial', ...options } as never)).rejects.toThrow(message);
    await bad({}, 'it needs at least 3 (for 2 classes use loss logistic', { X: s.X, y: s.y.map((v) => (v === 'virginica' ? 'setosa' : v)) });
    await bad({}, 'class "virginica" has no row with positive weight', { ...data, weights: s.y.map((v) => (v === 'virginica' ? 0 : 1)) });
    await bad({ backend: 'webgpu', multinomial: 'both' }, 'option multinomial: "both"'); // checked before any device is looked for
    await bad({ relax: true }, 'option relax: not available with loss multinomial');
    await bad({ penalty: 'mcp' }, 'option penalty: not available with loss multinomial');
    await bad({ multinomial: 'both' }, 'option multinomial: "both" must be ungrouped or grouped');
    await bad({ multinomial: 'grouped', lower: -1 }, 'bounds apply to multinomial "ungrouped" only');
    await bad({}, 'offset: not available with loss multinomial', { ...data, offset: s.y.map(() => 0) });
    await bad({}, 'y: row 2 is null', { X: s.X, y: s.y.map((v, i) => (i === 1 ? null : v)) });
    const auto = await fitPath(data, { loss: 'multinomial', nLambda: 2 });
    expect(auto.device.reason).toContain('auto: loss multinomial runs on the CPU');
  });
});
