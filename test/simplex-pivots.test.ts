// The lasso path of the absolute and quantile losses by the simplex with updated state
// (simplex.ts, pivot-state.ts, basis-inverse.ts, edge-search.ts): the basis' inverse after each
// kind of rank-one update equals a fresh inverse, and the path is certified at every λ and agrees
// with independent solves of each λ on tied, weighted and bounded data with penalty factors.

import { describe, expect, it } from 'vitest';
import { fitPath, type FitOptions } from '../src/index.js';
import { BasisInverse } from '../src/solvers/basis-inverse.js';
import { objective } from './helpers/certificate.js';
import { robustCases } from './helpers/robust-cases.js';
import { normal } from './helpers/data.js';

describe('BasisInverse updates', () => {
  const size = 6;
  const z = normal(5);
  const M = Float64Array.from({ length: size * size }, () => z());
  const fresh = (A: Float64Array, m: number) => {
    const inverse = new BasisInverse();
    expect(inverse.factor(A, m)).toBe(true);
    return inverse.B;
  };
  const expectClose = (a: Float64Array, b: Float64Array) => {
    expect(a.length).toBe(b.length);
    for (let t = 0; t < a.length; t++) expect(Math.abs(a[t] - b[t])).toBeLessThan(1e-10 * (1 + Math.abs(b[t])));
  };
  const start = () => {
    const inverse = new BasisInverse();
    inverse.factor(M, size);
    return inverse;
  };

  it('factor gives M⁻¹', () => {
    const B = fresh(M, size);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        let s = 0;
        for (let k = 0; k < size; k++) s += M[r * size + k] * B[k * size + c];
        expect(Math.abs(s - (r === c ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });

  it('replaceRow and replaceColumn', () => {
    const row = Array.from({ length: size }, () => z());
    const inverse = start();
    expect(inverse.replaceRow(2, row)).toBe(true);
    const M2 = M.slice();
    M2.set(row, 2 * size);
    expectClose(inverse.B, fresh(M2, size));
    const col = Array.from({ length: size }, () => z());
    expect(inverse.replaceColumn(4, col)).toBe(true);
    for (let r = 0; r < size; r++) M2[r * size + 4] = col[r];
    expectClose(inverse.B, fresh(M2, size));
  });

  it('append and remove', () => {
    const row = Array.from({ length: size + 1 }, () => z());
    const col = Array.from({ length: size }, () => z());
    const inverse = start();
    expect(inverse.append(row, col)).toBe(true);
    const big = new Float64Array((size + 1) ** 2);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) big[r * (size + 1) + c] = M[r * size + c];
      big[r * (size + 1) + size] = col[r];
    }
    big.set(row, size * (size + 1));
    expectClose(inverse.B, fresh(big, size + 1));
    // Drop row 1 and column 3 of the bordered matrix.
    expect(inverse.remove(1, 3)).toBe(true);
    const small = new Float64Array(size * size);
    let t = 0;
    for (let r = 0; r <= size; r++) {
      if (r === 1) continue;
      for (let c = 0; c <= size; c++) if (c !== 3) small[t++] = big[r * (size + 1) + c];
    }
    expectClose(inverse.B, fresh(small, size));
  });
});

describe('lasso paths of the piecewise-linear losses (α = 1)', () => {
  const n = 240;
  const p = 12;
  const { tied, heavy: smooth, weights, extras } = robustCases(n, p, 77);
  const losses: Partial<FitOptions>[] = [{ loss: 'quantile', tau: 0.3 }, { loss: 'absolute' }, { loss: 'quantile', tau: 0.9 }];
  const cases = losses.flatMap((loss) =>
    Object.entries(extras).flatMap(([name, extra]) =>
      (['tied', 'smooth'] as const).map((data) => ({ loss, name, extra, data })),
    ),
  );

  for (const { loss, name, extra, data } of cases) {
    it(`${loss.loss}${loss.tau ? ` τ=${loss.tau}` : ''}, ${name}, ${data} data, weighted: certified, and each λ alone agrees`, async () => {
      const { X, y } = data === 'tied' ? tied : smooth;
      const options: FitOptions = { ...loss, alpha: 1, nLambda: 12, tol: 1e-12, ...extra };
      const fit = await fitPath({ X, y, weights }, options);
      const P = { X, y, w: weights, standardize: true, intercept: true, ...options } as Parameters<typeof objective>[0];
      for (let k = 0; k < fit.lambda.length; k++) {
        expect(fit.converged[k], `converged at λ_${k}`).toBe(true);
        // Subdifferential distance relative to λ_max, over every feature.
        expect(fit.kktViolation[k], `KKT at λ_${k}`).toBeLessThan(1e-12);
        const own = objective(P, fit.lambda[k], fit.intercept[k], fit.beta[k]);
        expect(Math.abs(fit.objective[k] - own) / own, `objective at λ_${k}`).toBeLessThan(1e-12);
      }
      // Every third λ solved on its own (another pivot sequence from the null model).
      for (let k = 1; k < fit.lambda.length; k += 3) {
        const alone = await fitPath({ X, y, weights }, { ...options, lambda: [fit.lambda[k]] });
        const last = alone.lambda.length - 1;
        expect(alone.converged[last]).toBe(true);
        expect(Math.abs(alone.objective[last] - fit.objective[k]) / fit.objective[k], `λ_${k} alone`).toBeLessThan(1e-12);
      }
    });
  }
});
