// The penalties beyond the elastic net on the CPU (coordinate descent for MCP and SCAD, block
// coordinate descent for the group penalties): closed forms on an orthonormal design, the
// group lasso with one feature per group against the lasso, stationarity at every λ of paths
// on hard data for every smooth loss (checked by an independent evaluation), and the option
// errors. Tolerances: 1e-10 for closed forms (float64 solves to tol 1e-14), 3e-5 of λ_max for
// stationarity at tol 1e-12 (the threshold is on the coordinates' steps, xv·Δ² ≤ tol × the null
// deviance, so a violation of about √tol is what the default tol leaves).

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/api/fit-path.js';
import type { FitOptions, LossName } from '../src/problem/types.js';
import type { CertProblem } from './helpers/certificate.js';
import { normal, rng } from './helpers/data.js';
import { orthonormalCenteredColumns, softThreshold } from './helpers/linalg.js';
import { type PenaltyCase, stationarity } from './helpers/penalty-certificate.js';

/** n × p rows with XᵀX/n = I (centred columns), y = Xβ + noise, and z = Xᵀ(y − ȳ)/n. */
function orthonormalProblem(n: number, p: number, seed: number) {
  const draw = normal(seed);
  const X = orthonormalCenteredColumns(Array.from({ length: n }, () => Array.from({ length: p }, draw)));
  const truth = Array.from({ length: p }, (_, j) => (j % 3 === 0 ? 0 : (j % 2 ? 1 : -1) * (0.05 + 0.4 * j)));
  const y = X.map((row) => row.reduce((a, x, j) => a + x * truth[j], 0.3) + 0.3 * draw());
  const ybar = y.reduce((a, b) => a + b, 0) / n;
  const z = Array.from({ length: p }, (_, j) => X.reduce((a, row, i) => a + row[j] * (y[i] - ybar), 0) / n);
  return { X, y, z };
}

const firm = (z: number, l: number, g: number, l2 = 0) =>
  Math.abs(z) <= l ? 0 : Math.abs(z) <= g * l * (1 + l2) ? (Math.sign(z) * (Math.abs(z) - l)) / (1 - 1 / g + l2) : z / (1 + l2);

function scadThreshold(z: number, l: number, g: number): number {
  const a = Math.abs(z);
  if (a <= 2 * l) return softThreshold(z, l);
  if (a <= g * l) return ((g - 1) * z - Math.sign(z) * g * l) / (g - 2);
  return z;
}

function maxError(fit: { lambda: number[]; beta: number[][] }, expected: (lambda: number, j: number) => number): number {
  let worst = 0;
  fit.lambda.forEach((l, k) => fit.beta[k].forEach((b, j) => (worst = Math.max(worst, Math.abs(b - expected(l, j))))));
  return worst;
}

describe('closed forms on an orthonormal design (standardize on)', () => {
  const { X, y, z } = orthonormalProblem(80, 9, 11);
  const lambda = [1.5, 0.8, 0.5, 0.3, 0.2, 0.1, 0.04, 0.01];
  const exact = { lambda, tol: 1e-14 } satisfies FitOptions;

  it('MCP is firm thresholding (γ = 3, and γ = 1.7)', async () => {
    for (const gamma of [3, 1.7]) {
      const fit = await fitPath({ X, y }, { ...exact, penalty: { name: 'mcp', gamma } });
      expect(maxError(fit, (l, j) => firm(z[j], l, gamma))).toBeLessThan(1e-10);
    }
  });

  it('MCP with α = 0.5 is ncvreg\'s firm thresholding with ridge', async () => {
    const fit = await fitPath({ X, y }, { ...exact, alpha: 0.5, penalty: 'mcp' });
    expect(maxError(fit, (l, j) => firm(z[j], 0.5 * l, 3, 0.5 * l))).toBeLessThan(1e-10);
  });

  it('SCAD is Fan and Li\'s three-piece thresholding (γ = 3.7, and γ = 2.5)', async () => {
    for (const gamma of [3.7, 2.5]) {
      const fit = await fitPath({ X, y }, { ...exact, penalty: { name: 'scad', gamma } });
      expect(maxError(fit, (l, j) => scadThreshold(z[j], l, gamma))).toBeLessThan(1e-10);
    }
  });

  const groups = ['a', 'a', 'b', 'b', 'b', 'c', 'd', 'd', 'd'];
  const members = (label: string) => groups.flatMap((g, j) => (g === label ? [j] : []));

  it('the group lasso is group soft-thresholding (1 − λ√|g|/‖z_g‖)₊ z_g', async () => {
    const fit = await fitPath({ X, y }, { ...exact, penalty: { name: 'group', groups } });
    expect(maxError(fit, (l, j) => {
      const idx = members(groups[j]);
      const norm = Math.hypot(...idx.map((i) => z[i]));
      return Math.max(0, 1 - (l * Math.sqrt(idx.length)) / norm) * z[j];
    })).toBeLessThan(1e-10);
    expect(fit.problem).toMatchObject({ penalty: 'group', groups });
  });

  it('the sparse group lasso soft-thresholds, then shrinks the group (α = 0.6)', async () => {
    const fit = await fitPath({ X, y }, { ...exact, alpha: 0.6, penalty: { name: 'sparse-group', groups } });
    expect(maxError(fit, (l, j) => {
      const idx = members(groups[j]);
      const soft = idx.map((i) => softThreshold(z[i], 0.6 * l));
      const norm = Math.hypot(...soft);
      return norm === 0 ? 0 : Math.max(0, 1 - (0.4 * l * Math.sqrt(idx.length)) / norm) * softThreshold(z[j], 0.6 * l);
    })).toBeLessThan(1e-10);
  });
});

/**
 * Hard data: columns scaled from 1e-2 to 1e2, a correlated triple (ρ ≈ 0.9), a near-constant
 * column far from 0; n < p for some. (Near-duplicate columns in different groups make block
 * coordinate descent crawl, as they do coordinate descent: issue 19.)
 */
function hardData(n: number, p: number, seed: number, loss: LossName) {
  const draw = normal(seed);
  const u = rng(seed + 1);
  const X = Array.from({ length: n }, () => {
    const base = draw();
    return Array.from({ length: p }, (_, j) => (j % 4 === 1 ? base + 0.5 * draw() : draw()) * 10 ** ((j % 5) - 2) + (j === p - 1 ? 1e3 : 0));
  });
  X.forEach((row) => (row[p - 1] += 1e-4 * draw()));
  // Moderate signal for the GLMs (no separation: a bounded penalty on separable classes has no minimizer).
  const gain = loss === 'logistic' ? 0.02 : loss === 'poisson' ? 0.3 : 1;
  const eta = X.map((row) => gain * (0.8 * row[0] * 100 - 0.5 * row[1] * 10 + 0.6 * row[3] * 0.1));
  const y = eta.map((e) => {
    if (loss === 'logistic') return u() < 1 / (1 + Math.exp(-e)) ? 1 : 0;
    if (loss === 'poisson') return Math.round(Math.exp(e) * (0.5 + u()));
    return e + draw() * (loss === 'huber' && u() < 0.1 ? 20 : 1);
  });
  return { X, y };
}

describe('stationarity at every λ, independently checked, for every smooth loss', () => {
  const losses: LossName[] = ['squared', 'logistic', 'poisson', 'huber'];
  /** Groups of 1 to 4 features, interleaved (labels need not be contiguous). */
  const labels = (p: number) => Array.from({ length: p }, (_, j) => `g${(j * 5) % Math.ceil(p / 2.5)}`);
  const cases: { penalty: (p: number) => PenaltyCase; alpha?: number }[] = [
    { penalty: () => ({ name: 'mcp', gamma: 3 }) },
    { penalty: () => ({ name: 'scad', gamma: 3.7 }), alpha: 0.7 },
    { penalty: (p) => ({ name: 'group', groups: labels(p) }) },
    { penalty: (p) => ({ name: 'sparse-group', groups: labels(p) }) },
  ];
  for (const loss of losses) {
    for (const { penalty: make, alpha } of cases) {
      for (const [n, p] of [[150, 12], [25, 40]]) {
        const penalty = make(p);
        it(`${loss} × ${penalty.name}${alpha !== undefined ? ` α = ${alpha}` : ''}, n = ${n}, p = ${p}`, async () => {
          const { X, y } = hardData(n, p, 7 * n + p, loss);
          const fit = await fitPath({ X, y }, { loss, penalty, alpha, nLambda: 40, tol: 1e-12 });
          const P: CertProblem = { X, y, loss, delta: loss === 'huber' ? 1.35 : undefined, alpha: fit.problem.alpha, standardize: true, intercept: true };
          fit.lambda.forEach((l, k) => {
            // Only where the classes are separated (the fit saturates) may a bounded penalty
            // (MCP) have no minimizer: that λ ends the path, is reported unconverged and warned of.
            if (!fit.converged[k]) {
              expect(k, 'the saturated λ ends the path').toBe(fit.lambda.length - 1);
              expect(fit.devRatio[k]).toBeGreaterThan(0.999);
              expect(fit.warnings.join(' ')).toContain('did not converge');
              return;
            }
            expect(stationarity(P, penalty, l, fit.intercept[k], fit.beta[k], fit.problem.lambdaMax), `λ ${k}`).toBeLessThan(3e-5);
            expect(fit.kktViolation[k]).toBeLessThan(3e-5);
          });
          expect(fit.converged.filter((c) => !c).length).toBeLessThanOrEqual(1);
        });
      }
    }
  }
});

describe('the grouped penalties by the batched iteration (FISTA\'s block prox, the float64 twin of the WebGPU kernels)', () => {
  const { X, y, z } = orthonormalProblem(80, 9, 11);
  const groups = ['a', 'a', 'b', 'b', 'b', 'c', 'd', 'd', 'd'];
  const members = (label: string) => groups.flatMap((g, j) => (g === label ? [j] : []));
  const lambda = [1.5, 0.8, 0.5, 0.3, 0.2, 0.1, 0.04, 0.01];

  it('group soft-thresholding on the orthonormal design, to 1e-10', async () => {
    const fit = await fitPath({ X, y }, { lambda, tol: 1e-14, solver: 'batched', penalty: { name: 'group', groups } });
    expect(fit.work?.iterations, 'the batched iteration ran').toBeGreaterThan(0);
    expect(maxError(fit, (l, j) => {
      const idx = members(groups[j]);
      return Math.max(0, 1 - (l * Math.sqrt(idx.length)) / Math.hypot(...idx.map((i) => z[i]))) * z[j];
    })).toBeLessThan(1e-10);
  });

  /** Groups of 1 to 4 features, interleaved; the factors v_g 0.5 … 2, one group unpenalized. */
  const labels = (p: number) => Array.from({ length: p }, (_, j) => `g${(j * 5) % Math.ceil(p / 2.5)}`);
  const factors = (p: number) => labels(p).map((g) => (g === 'g1' ? 0 : 0.5 + (Number(g.slice(1)) % 4) / 2));
  for (const loss of ['squared', 'logistic', 'poisson'] as LossName[]) {
    for (const name of ['group', 'sparse-group'] as const) {
      for (const [n, p] of [[150, 12], [25, 40]]) {
        it(`${loss} × ${name}, n = ${n}, p = ${p}: stationary at every λ, coordinate descent's objective or below`, async () => {
          const { X, y } = hardData(n, p, 3 * n + p, loss);
          const penalty = { name, groups: labels(p) };
          const options: FitOptions = { loss, penalty, penaltyFactor: factors(p), nLambda: 30, tol: 1e-12 };
          const cd = await fitPath({ X, y }, options);
          const batched = await fitPath({ X, y }, { ...options, lambda: cd.lambda, solver: 'batched' });
          expect(batched.converged.every(Boolean)).toBe(true);
          const P: CertProblem = { X, y, loss, alpha: batched.problem.alpha, penaltyFactor: factors(p), standardize: true, intercept: true };
          batched.lambda.forEach((l, k) => {
            expect(stationarity(P, penalty, l, batched.intercept[k], batched.beta[k], batched.problem.lambdaMax), `λ ${k}`).toBeLessThan(3e-5);
            expect((batched.objective[k] - cd.objective[k]) / Math.abs(cd.objective[k]), `objective at λ ${k}`).toBeLessThan(1e-9);
          });
        });
      }
    }
  }
});

describe('one feature per group', () => {
  it('the group lasso equals the lasso, λ_max and path, to 1e-10', async () => {
    const draw = normal(3);
    const X = Array.from({ length: 60 }, () => Array.from({ length: 8 }, draw));
    const y = X.map((row) => row[0] - 0.5 * row[3] + 0.2 * row[5] + draw());
    // Coordinate descent stops on its steps (xv·Δ² ≤ tol × null deviance): 1e-10 in β needs tol ≈ 1e-20.
    const opts = { tol: 1e-20 };
    const group = await fitPath({ X, y }, { ...opts, penalty: { name: 'group', groups: X[0].map((_, j) => j) } });
    const lasso = await fitPath({ X, y }, { ...opts, lambda: group.lambda });
    expect(group.problem.lambdaMax).toBeCloseTo(lasso.problem.lambdaMax, 12);
    group.beta.forEach((row, k) => row.forEach((b, j) => expect(Math.abs(b - lasso.beta[k][j]) / (1 + Math.abs(b))).toBeLessThan(1e-10)));
  });
});

describe('penalty option errors name the option', () => {
  const { X, y } = hardData(20, 4, 5, 'squared');
  const cases: [FitOptions, RegExp][] = [
    [{ penalty: { name: 'mcp', gamma: 1 } }, /^option penalty\.gamma: 1 must be a finite number > 1 for mcp/],
    [{ penalty: { name: 'scad', gamma: 2 } }, /^option penalty\.gamma: 2 must be a finite number > 2 for scad/],
    [{ penalty: { name: 'group', groups: ['a', 'b'] } }, /^option penalty\.groups: 2 labels given, expected one per feature \(4\)/],
    [{ penalty: { name: 'mcp', groups: ['a', 'a', 'b', 'b'] } }, /^option penalty\.groups: penalty mcp takes no groups/],
    [{ penalty: { name: 'enet', gamma: 3 } }, /^option penalty\.gamma: penalty enet has no γ/],
    [{ penalty: 'group' }, /^option penalty\.groups: penalty group needs one group label per feature/],
    [{ penalty: 'lasso' as never }, /^option penalty: unknown penalty "lasso"; expected one of enet, mcp, scad, group, sparse-group/],
    [{ penalty: { name: 'group', groups: ['a', 'a', 'b', 'b'] }, lower: -1 }, /^option lower: penalty group takes no bounds/],
    [{ penalty: { name: 'group', groups: ['a', 'a', 'b', 'b'] }, penaltyFactor: [1, 2, 1, 1] }, /^option penaltyFactor: features x1 and x2 of group "a" have different factors/],
    [{ penalty: { name: 'group', groups: ['a', 'a', 'b', 'b'] }, loss: 'quantile' }, /^option penalty: group needs a differentiable loss/],
  ];
  for (const [options, message] of cases) {
    it(JSON.stringify(options), async () => {
      await expect(fitPath({ X, y }, options)).rejects.toThrow(message);
    });
  }
});

describe('MCP and SCAD with the absolute and quantile losses (local linear approximation)', () => {
  const draw = normal(5);
  const X = Array.from({ length: 200 }, () => Array.from({ length: 20 }, draw));
  const y = X.map((r) => 2 * r[0] - 1.5 * r[1] + r[2] + draw() * (Math.abs(draw()) > 1.6 ? 10 : 1));
  const slope = (name: string, a: number, l1: number, g: number) =>
    name === 'mcp' ? Math.max(l1 - a / g, 0) : a <= l1 ? l1 : Math.max((g * l1 - a) / (g - 1), 0);
  for (const loss of ['absolute', 'quantile'] as const) {
    for (const name of ['mcp', 'scad'] as const) {
      it(`${loss} × ${name}: stationary, and each λ's solution is its own weighted lasso's`, async () => {
        const fit = await fitPath({ X, y }, { loss, tau: 0.3, penalty: name, nLambda: 30 });
        expect(fit.converged.every(Boolean)).toBe(true);
        expect(Math.max(...fit.kktViolation)).toBeLessThan(1e-9);
        // The oracle support on this clear signal, somewhere on the path.
        expect(fit.beta.some((row) => row.flatMap((b, j) => (b !== 0 ? [j] : [])).join() === '0,1,2')).toBe(true);
        // The LLA fixed point: the lasso with factors P'(|β̃_j|)/λ gives β back (standardize off: β̃ = β).
        const l = fit.lambda[Math.floor(fit.lambda.length / 2)];
        const plain = await fitPath({ X, y }, { loss, tau: 0.3, penalty: name, lambda: [l], standardize: false });
        const weights = plain.beta[0].map((b) => slope(name, Math.abs(b), l, name === 'mcp' ? 3 : 3.7) / l);
        const wsum = weights.reduce((a, b) => a + b, 0);
        const lasso = await fitPath({ X, y }, { loss, tau: 0.3, lambda: [(l * wsum) / 20], penaltyFactor: weights, standardize: false });
        expect(plain.beta[0].some((b) => b !== 0)).toBe(true);
        lasso.beta[0].forEach((b, j) => expect(Math.abs(b - plain.beta[0][j])).toBeLessThan(1e-8));
      });
    }
  }
});

describe('the end of a default path', () => {
  it('MCP and SCAD paths run the whole sequence where their deviance ratio plateaus (ncvreg), the lasso stops as glmnet', async () => {
    const draw = normal(9);
    const X = Array.from({ length: 300 }, () => Array.from({ length: 30 }, draw));
    const y = X.map((row) => row[0] - row[1] + 0.5 * row[2] + 0.5 * draw());
    const lasso = await fitPath({ X, y }, { nLambda: 100 });
    expect(lasso.lambda.length).toBeLessThan(100);
    for (const penalty of ['mcp', 'scad'] as const) {
      const fit = await fitPath({ X, y }, { penalty, nLambda: 100 });
      expect(fit.lambda).toHaveLength(100);
      // glmnet's rule (relative change below 1e-5) would have ended it: the plateau is there.
      const k = fit.devRatio.findIndex((d, i) => i >= 5 && d - fit.devRatio[i - 1] < 1e-5 * d);
      expect(k).toBeGreaterThan(0);
      expect(k).toBeLessThan(99);
    }
  });
});
