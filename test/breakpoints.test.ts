// The exact path's breakpoints (option breakpoints, breakpoint-trace.ts): with the lasso the
// absolute and quantile losses' solution is constant between breakpoints. Checked independently
// of the trace: each segment's solution is optimal inside its segment (objective of a fresh fit
// at a λ there, KKT), at a breakpoint the solutions on either side have the same objective (both
// optimal) but differ, and the grid's solutions read off the path agree with the grid's own.

import { describe, expect, it } from 'vitest';
import { fitPath, type FitOptions, type PathFit } from '../src/index.js';
import { objective, kktViolation, type CertProblem } from './helpers/certificate.js';
import { normal, rng } from './helpers/data.js';
import { csv, regressionRows, requireBuild, runCli, tempDir, writeText } from './helpers/cli.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const n = 200;
const p = 10;
const u = rng(91);
const z = normal(92);
const heavy = { X: Array.from({ length: n }, () => Array.from({ length: p }, () => z() * (1 + 9 * u()))), y: [] as number[] };
heavy.y = heavy.X.map((r) => 1 + r[0] - 0.5 * r[4] + 0.2 * r[8] + Math.tan(Math.PI * (u() - 0.5)));
// Integer responses: ties at the null model and the first vertices (degenerate), resolved once
// continuous features enter.
const tiedY = { X: Array.from({ length: n }, () => Array.from({ length: p }, () => 4 * u())), y: [] as number[] };
tiedY.y = tiedY.X.map((r) => Math.floor(r[1] - r[3] + 3 * u()));
// Integer data: ties everywhere, degenerate at every vertex.
const tied = { X: Array.from({ length: n }, () => Array.from({ length: p }, () => Math.floor(u() * 4))), y: [] as number[] };
tied.y = tied.X.map((r) => Math.floor(r[1] - r[3] + 3 * u()));
const weights = heavy.y.map((_, i) => (i % 13 === 0 ? 0 : 0.3 + u()));

const cases: { name: string; data: typeof heavy; options: FitOptions }[] = [
  { name: 'quantile τ = 0.3, weighted', data: heavy, options: { loss: 'quantile', tau: 0.3 } },
  { name: 'quantile τ = 0.9, unstandardized', data: heavy, options: { loss: 'quantile', tau: 0.9, standardize: false } },
  {
    name: 'absolute, bounds and penalty factors',
    data: heavy,
    options: {
      loss: 'absolute',
      lower: Array.from({ length: p }, (_, j) => (j === 4 ? -0.2 : -Infinity)),
      upper: Array.from({ length: p }, (_, j) => (j === 0 ? 0.6 : Infinity)),
      penaltyFactor: Array.from({ length: p }, (_, j) => (j === 2 ? 0 : j === 3 ? Infinity : 1 + (j % 3))),
    },
  },
  { name: 'quantile τ = 0.5, no intercept', data: heavy, options: { loss: 'quantile', tau: 0.5, intercept: false } },
  { name: 'absolute, tied integer responses', data: tiedY, options: { loss: 'absolute' } },
  { name: 'quantile τ = 0.5, integer data tied everywhere', data: tied, options: { loss: 'quantile', tau: 0.5 } },
];

function certProblem(data: typeof heavy, options: FitOptions): CertProblem {
  return {
    X: data.X, y: data.y, w: weights, alpha: 1, standardize: options.standardize ?? true,
    intercept: options.intercept ?? true, ...options,
  } as CertProblem;
}

const objectiveAt = (P: CertProblem, lambda: number, at: { intercept: number; beta: number[] }) =>
  objective(P, lambda, at.intercept, at.beta);

/** The indices of the breakpoints whose segment below is outside every gap, spread over the path. */
function segments(fit: PathFit, count: number): number[] {
  const { lambda, gaps } = fit.breakpoints!;
  const inGap = (lo: number, hi: number) => gaps.some(([a, b]) => lo < b && hi > a);
  const ok = lambda.map((_, b) => b).filter((b) => b + 1 < lambda.length && !inGap(lambda[b + 1], lambda[b]));
  const step = Math.max(1, Math.floor(ok.length / count));
  return ok.filter((_, t) => t % step === 0);
}

describe('the exact breakpoints of the lasso path (absolute and quantile losses)', () => {
  for (const { name, data, options } of cases) {
    it(`${name}: each segment optimal inside it, both sides optimal at its ends, the grid read off`, async () => {
      const base: FitOptions = { ...options, alpha: 1, nLambda: 25 };
      const dataset = { X: data.X, y: data.y, weights };
      const traced = await fitPath(dataset, { ...base, breakpoints: true });
      const grid = await fitPath(dataset, base);
      const P = certProblem(data, options);
      const bp = traced.breakpoints!;
      expect(bp.lambda[0]).toBe(traced.lambda[0]);
      for (let b = 1; b < bp.lambda.length; b++) expect(bp.lambda[b]).toBeLessThanOrEqual(bp.lambda[b - 1]);
      if (data === heavy) expect(bp.gaps).toEqual([]);
      // Where ties stop the trace, a gap says so (and a warning); elsewhere every breakpoint is there.
      if (data !== tied) expect(bp.lambda.length).toBeGreaterThan(3 * traced.lambda.length);
      const untraced = bp.gaps.reduce((sum, [low, high]) => sum + Math.log(high / low), 0);
      const whole = Math.log(bp.lambda[0] / traced.lambda[traced.lambda.length - 1]);
      if (data === tiedY) expect(untraced).toBeLessThan(0.5 * whole);
      expect(traced.warnings.some((w) => w.startsWith('breakpoints:'))).toBe(bp.gaps.length > 0);
      // The grid's λ read off the path: the same optimum as the grid's own solve.
      expect(traced.lambda).toEqual(grid.lambda);
      for (let k = 0; k < grid.lambda.length; k++) {
        // (The integer data once failed here for the grid too: a vertex whose true-y finish put
        // an active coefficient exactly at 0, now accepted as the degenerate vertex it is.)
        expect(grid.converged[k]).toBe(true);
        expect(traced.converged[k]).toBe(true);
        expect(traced.kktViolation[k]).toBeLessThan(1e-12);
        expect(Math.abs(traced.objective[k] - grid.objective[k]) / grid.objective[k], `grid λ_${k}`).toBeLessThan(1e-12);
      }
      const lamMax = traced.problem.lambdaMax;
      for (const b of segments(traced, 6)) {
        // Inside the segment: the solution read off is optimal (KKT) and as good as a fresh fit.
        const inside = Math.sqrt(bp.lambda[b] * bp.lambda[b + 1]);
        const at = traced.coefAt(inside);
        expect(kktViolation(P, inside, at.intercept, at.beta, lamMax), `KKT inside segment ${b}`).toBeLessThan(1e-9);
        const alone = await fitPath(dataset, { ...base, lambda: [inside] });
        const fresh = objectiveAt(P, inside, { intercept: alone.intercept[0], beta: alone.beta[0] });
        expect(Math.abs(objectiveAt(P, inside, at) - fresh) / fresh, `objective inside segment ${b}`).toBeLessThan(1e-12);
        // At the breakpoint below it the solutions on both sides are optimal, and they differ.
        const next = { intercept: bp.intercept[b + 1], beta: bp.beta[b + 1] };
        const here = { intercept: bp.intercept[b], beta: bp.beta[b] };
        const lam = bp.lambda[b + 1];
        const f = objectiveAt(P, lam, here);
        expect(Math.abs(objectiveAt(P, lam, next) - f) / f, `both sides at breakpoint ${b + 1}`).toBeLessThan(1e-12);
        const moved = here.beta.some((v, j) => v !== next.beta[j]) || here.intercept !== next.intercept;
        expect(moved, `the solution changes at breakpoint ${b + 1}`).toBe(true);
      }
    });
  }

  it('survives JSON: the saved fit reads the exact solution off its breakpoints', async () => {
    const fit = await fitPath({ X: heavy.X, y: heavy.y }, { loss: 'quantile', tau: 0.4, nLambda: 10, breakpoints: true });
    const saved = JSON.parse(JSON.stringify(fit.toJSON()));
    expect(saved.breakpoints.lambda).toEqual(fit.breakpoints!.lambda);
    const bp = fit.breakpoints!;
    const inside = (bp.lambda[3] + bp.lambda[4]) / 2;
    expect(fit.coefAt(inside).beta).toEqual(bp.beta[3]);
  });

  it('is refused where there are no breakpoints to trace, naming the option', async () => {
    const data = { X: heavy.X, y: heavy.y };
    const refused: [FitOptions, RegExp][] = [
      [{ loss: 'huber', breakpoints: true }, /option breakpoints: loss huber/],
      [{ loss: 'quantile', alpha: 0.5, breakpoints: true }, /option breakpoints: needs the lasso.*alpha 0.5/],
      [{ loss: 'absolute', penalty: 'mcp', breakpoints: true }, /option breakpoints: needs the lasso.*penalty mcp/],
      [{ loss: 'absolute', backend: 'webgpu', breakpoints: true }, /option breakpoints: .*backend "webgpu"/],
      [{ loss: 'absolute', breakpoints: 'yes' as unknown as boolean }, /option breakpoints: "yes" is not true or false/],
    ];
    for (const [options, message] of refused) await expect(fitPath(data, options)).rejects.toThrow(message);
  });

  it('proxpath fit --breakpoints writes them in the JSON and says how many; a smooth loss is refused', () => {
    requireBuild();
    const dir = tempDir();
    const { header, rows } = regressionRows(150, 4, 3, (eta, random) => eta + Math.tan(Math.PI * (random() - 0.5)));
    writeText(dir, 'data.csv', csv(header, rows));
    const ok = runCli(['fit', 'data.csv', '--loss', 'quantile', '--tau', '0.7', '--breakpoints', '--out', 'fit.json', '--format', 'table'], dir);
    expect(ok.status, ok.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8'));
    const count = saved.breakpoints.lambda.length - 1;
    expect(count).toBeGreaterThan(saved.lambda.length);
    expect(saved.breakpoints.beta[count]).toHaveLength(4);
    expect(ok.stdout + ok.stderr).toContain(`breakpoints: ${count} between`);
    const refused = runCli(['fit', 'data.csv', '--loss', 'huber', '--breakpoints'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/option --breakpoints: loss huber/);
  });
});
