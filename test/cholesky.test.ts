// The Cholesky helpers of the face Newton step (src/solvers/dense-solve.ts): a factor with one
// row and column deleted in O(m²) is the factor of the matrix without them, and solves with it.

import { describe, expect, it } from 'vitest';
import { choleskyDelete, choleskyFactor, choleskySolve } from '../src/solvers/dense-solve.js';
import { normal } from './helpers/data.js';

/** A random symmetric positive definite m × m matrix (row-major): BᵀB + m·I/10. */
function spd(m: number, seed: number): Float64Array {
  const draw = normal(seed);
  const B = Array.from({ length: m * m }, draw);
  const A = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = i === j ? m / 10 : 0;
      for (let t = 0; t < m; t++) s += B[t * m + i] * B[t * m + j];
      A[i * m + j] = s;
    }
  }
  return A;
}

const without = (A: Float64Array, m: number, k: number) => {
  const out = new Float64Array((m - 1) * (m - 1));
  for (let i = 0, r = 0; i < m; i++) {
    if (i === k) continue;
    for (let j = 0, c = 0; j < m; j++) if (j !== k) out[r * (m - 1) + c++] = A[i * m + j];
    r++;
  }
  return out;
};

describe('Cholesky with a row and column deleted', () => {
  it.each([[1, 0], [6, 0], [6, 3], [6, 5], [40, 17]])('m = %i, deleting %i: the factor of the reduced matrix, to 1e-12', (m, k) => {
    const A = spd(m, 7 * m + k);
    const L = A.slice();
    expect(choleskyFactor(L, m)).toBe(true);
    const deleted = choleskyDelete(L, m, k);
    const direct = without(A, m, k);
    expect(choleskyFactor(direct, m - 1)).toBe(true);
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < m - 1; i++) {
      for (let j = 0; j <= i; j++) {
        worst = Math.max(worst, Math.abs(deleted[i * (m - 1) + j] - direct[i * (m - 1) + j]));
        scale = Math.max(scale, Math.abs(direct[i * (m - 1) + j]));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-12 * Math.max(scale, 1));
    if (m > 1) {
      // And it solves the reduced system.
      const reduced = without(A, m, k);
      const b = Float64Array.from({ length: m - 1 }, (_, i) => i - 2);
      const z = b.slice();
      choleskySolve(deleted, z, m - 1);
      for (let i = 0; i < m - 1; i++) {
        let s = 0;
        for (let j = 0; j < m - 1; j++) s += reduced[i * (m - 1) + j] * z[j];
        expect(Math.abs(s - b[i])).toBeLessThan(1e-9 * (1 + Math.abs(b[i])));
      }
    }
  });
});
