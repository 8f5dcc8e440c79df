// The elastic-net path of the absolute and quantile losses (α < 1) by the active-set method with
// updated state (active-set.ts, active-set-state.ts, structure-inverse.ts, symmetric-inverse.ts):
// the structure system's inverse after appends, removals and a new λ equals a fresh solve, and
// the path is certified at every λ and agrees with independent solves of each λ on heavy-tailed,
// tied and weighted data, with bounds, penalty factors (0 and ∞ included) and no intercept.

import { describe, expect, it } from 'vitest';
import { fitPath, type FitOptions } from '../src/index.js';
import { solveDense } from '../src/solvers/dense-solve.js';
import { featureCode, INTERCEPT, StructureInverse } from '../src/solvers/structure-inverse.js';
import { SymmetricInverse } from '../src/solvers/symmetric-inverse.js';
import { objective } from './helpers/certificate.js';
import { robustCases } from './helpers/robust-cases.js';
import { normal } from './helpers/data.js';

const expectClose = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  let scale = 0;
  for (let t = 0; t < b.length; t++) scale = Math.max(scale, Math.abs(b[t]));
  for (let t = 0; t < a.length; t++) expect(Math.abs(a[t] - b[t]), `entry ${t}`).toBeLessThan(tol * (1 + scale));
};

describe('SymmetricInverse updates', () => {
  const z = normal(41);
  /** A random symmetric size × size matrix. */
  const symmetric = (size: number) => {
    const K = new Float64Array(size * size);
    for (let a = 0; a < size; a++) for (let b = 0; b <= a; b++) K[a * size + b] = K[b * size + a] = z();
    return K;
  };
  const inverseTimes = (inverse: SymmetricInverse, v: Float64Array) => inverse.solve(v, new Float64Array(v.length));
  const solved = (K: Float64Array, v: Float64Array) => {
    const x = v.slice();
    expect(solveDense(K.slice(), x, v.length)).toBe(true);
    return x;
  };

  it('append and remove give the inverse of the bordered and the reduced matrix', () => {
    const size = 7;
    const K = symmetric(size + 2);
    const block = (keep: number[]) => {
      const M = new Float64Array(keep.length * keep.length);
      keep.forEach((r, a) => keep.forEach((c, b) => (M[a * keep.length + b] = K[r * (size + 2) + c])));
      return M;
    };
    const inverse = new SymmetricInverse();
    const order = Array.from({ length: size }, (_, k) => k);
    expect(inverse.factor(block(order), size)).toBe(true);
    // Border with indices size and size + 1 (growing past the first capacity is not needed here).
    for (const extra of [size, size + 1]) {
      expect(inverse.append(order.map((r) => K[extra * (size + 2) + r]), K[extra * (size + 2) + extra])).toBe(true);
      order.push(extra);
    }
    const v = Float64Array.from(order, () => z());
    expectClose(inverseTimes(inverse, v), solved(block(order), v), 1e-10);
    // Drop positions 2 and 0.
    for (const k of [2, 0]) {
      expect(inverse.remove(k)).toBe(true);
      order.splice(k, 1);
    }
    const w = Float64Array.from(order, () => z());
    expectClose(inverseTimes(inverse, w), solved(block(order), w), 1e-10);
  });

  it('grows past its capacity, and refuses a border that makes the matrix singular', () => {
    const inverse = new SymmetricInverse();
    expect(inverse.factor(Float64Array.from([2]), 1)).toBe(true);
    for (let size = 1; size < 40; size++) {
      const row = Array.from({ length: size }, () => 0.1 * z());
      expect(inverse.append(row, 2 + size)).toBe(true);
    }
    expect(inverse.size).toBe(40);
    // [[0, 1], [1, 0]] bordered by a copy of its first row and column is singular.
    const saddle = new SymmetricInverse();
    expect(saddle.factor(Float64Array.from([0, 1, 1, 0]), 2)).toBe(true);
    expect(saddle.append([0, 1], 0)).toBe(false);
  });
});

describe('StructureInverse', () => {
  const n = 30;
  const p = 6;
  const z = normal(43);
  const Xr = Float64Array.from({ length: n * p }, () => z());
  const l2 = Float64Array.from({ length: p }, (_, j) => (j === 1 ? 0 : 0.1 * (1 + j)));

  /** The structure system from scratch (members in order, ridge terms l2) solved densely. */
  const fresh = (members: number[], ridge: ArrayLike<number>, rhs: Float64Array) => {
    const size = members.length;
    const entry = (a: number, b: number): number => {
      if (a >= 0 && b >= 0) return 0;
      if (a < 0 && b < 0) return a === b && a !== INTERCEPT ? -ridge[-2 - a] : 0;
      const [i, other] = a >= 0 ? [a, b] : [b, a];
      return other === INTERCEPT ? 1 : Xr[i * p + (-2 - other)];
    };
    const K = new Float64Array(size * size);
    members.forEach((a, r) => members.forEach((b, c) => (K[r * size + c] = entry(a, b))));
    const x = rhs.slice();
    expect(solveDense(K, x, size)).toBe(true);
    return x;
  };

  it('solves after members join and leave and after a new λ as a fresh system does', () => {
    const system = new StructureInverse(n, p, Xr);
    for (const code of [INTERCEPT, featureCode(0), featureCode(2), 3, 7]) system.add(code, l2);
    const rhs = () => Float64Array.from(system.members, () => z());
    let b = rhs();
    let out = system.solve(b, l2);
    expect(out.solved).toBe(true);
    if (out.solved) expectClose(out.x, fresh(system.members, l2, b), 1e-10);
    // Updates of the factorized inverse: a feature and samples join, a sample and a feature leave.
    for (const code of [featureCode(1), 11, featureCode(4), 19]) system.add(code, l2);
    system.drop(7);
    system.drop(featureCode(2));
    b = rhs();
    out = system.solve(b, l2);
    expect(out.solved).toBe(true);
    if (out.solved) expectClose(out.x, fresh(system.members, l2, b), 1e-10);
    // A new λ scales every ridge term: σ changes, the inverse stays.
    const next = l2.map((v) => v * 0.37);
    system.retarget(next);
    b = rhs();
    out = system.solve(b, next);
    expect(out.solved).toBe(true);
    if (out.solved) expectClose(out.x, fresh(system.members, next, b), 1e-10);
  });

  it('returns a kernel vector when redundant kink samples make the system singular', () => {
    const system = new StructureInverse(n, p, Xr);
    // Intercept and one feature pin two samples; a third kink sample is one too many.
    for (const code of [INTERCEPT, featureCode(1), 0, 1]) system.add(code, l2);
    expect(system.solve(Float64Array.from(system.members, () => z()), l2).solved).toBe(true);
    system.add(2, l2);
    const out = system.solve(Float64Array.from(system.members, () => z()), l2);
    expect(out.solved).toBe(false);
    if (out.solved) return;
    // Only the samples' entries are nonzero (their rows are dependent), and Mᵀ v = 0.
    const [b0, beta1, ...v] = out.kernel;
    expect(Math.abs(b0) + Math.abs(beta1)).toBeLessThan(1e-12);
    const rows = [0, 1, 2];
    expect(Math.abs(v[0] + v[1] + v[2])).toBeLessThan(1e-12);
    expect(Math.abs(rows.reduce((s, i, k) => s + Xr[i * p + 1] * v[k], 0))).toBeLessThan(1e-12);
  });
});

describe('elastic-net paths of the piecewise-linear losses (α < 1)', () => {
  const n = 240;
  const p = 12;
  const { tied, heavy, weights, extras } = robustCases(n, p, 79);
  const losses: Partial<FitOptions>[] = [
    { loss: 'absolute' }, { loss: 'quantile', tau: 0.1 }, { loss: 'quantile', tau: 0.3 },
    { loss: 'quantile', tau: 0.5 }, { loss: 'quantile', tau: 0.9 },
  ];
  const cases = [0.3, 0.5, 0.9].flatMap((alpha) =>
    Object.entries(extras).flatMap(([name, extra]) =>
      (['tied', 'heavy', 'weighted'] as const).map((data) => ({ alpha, name, extra, data })),
    ),
  ).map((c, k) => ({ ...c, loss: losses[k % losses.length] }));

  for (const { alpha, loss, name, extra, data } of cases) {
    const what = `${loss.loss}${loss.tau ? ` τ=${loss.tau}` : ''}`;
    it(`α=${alpha}, ${what}, ${name}, ${data} data: certified, and each λ alone agrees`, async () => {
      const { X, y } = data === 'heavy' ? heavy : tied;
      const w = data === 'weighted' ? weights : undefined;
      const options: FitOptions = { ...loss, alpha, nLambda: 12, tol: 1e-12, ...extra };
      const fit = await fitPath({ X, y, weights: w }, options);
      const P = { X, y, w, standardize: true, intercept: true, ...options } as Parameters<typeof objective>[0];
      for (let k = 0; k < fit.lambda.length; k++) {
        expect(fit.converged[k], `converged at λ_${k}`).toBe(true);
        // Subdifferential distance relative to λ_max, over every feature.
        expect(fit.kktViolation[k], `KKT at λ_${k}`).toBeLessThan(1e-12);
        const own = objective(P, fit.lambda[k], fit.intercept[k], fit.beta[k]);
        expect(Math.abs(fit.objective[k] - own) / own, `objective at λ_${k}`).toBeLessThan(1e-12);
      }
      // Every third λ solved on its own (from the null model, not from the previous λ's state).
      for (let k = 1; k < fit.lambda.length; k += 3) {
        const alone = await fitPath({ X, y, weights: w }, { ...options, lambda: [fit.lambda[k]] });
        const last = alone.lambda.length - 1;
        expect(alone.converged[last]).toBe(true);
        expect(Math.abs(alone.objective[last] - fit.objective[k]) / fit.objective[k], `λ_${k} alone`).toBeLessThan(1e-12);
      }
    });
  }
});
