// The data and settings the exact robust solvers' path tests share (simplex-pivots, active-set-
// updates): integer data tied everywhere, heavy-tailed continuous data, weights with zeros, and
// the option sets that change the structure of the problem.

import type { FitOptions } from '../../src/index.js';
import { normal, rng } from './data.js';

export interface RobustCases {
  /** Integer features and targets: ties everywhere (many samples on their kinks at once). */
  tied: { X: number[][]; y: number[] };
  /** Normal features, Cauchy-like noise. */
  heavy: { X: number[][]; y: number[] };
  /** One weight per row, every 11th 0. */
  weights: number[];
  extras: Record<string, Partial<FitOptions>>;
}

/** n × p cases drawn from `seed` (uniforms) and `seed + 1` (normals). */
export function robustCases(n: number, p: number, seed: number): RobustCases {
  const u = rng(seed);
  const tied = { X: Array.from({ length: n }, () => Array.from({ length: p }, () => Math.floor(u() * 5))), y: [] as number[] };
  tied.y = tied.X.map((r) => Math.floor(r[0] - r[2] + 0.5 * r[5] + 4 * u()));
  const z = normal(seed + 1);
  const heavy = { X: Array.from({ length: n }, () => Array.from({ length: p }, () => z())), y: [] as number[] };
  heavy.y = heavy.X.map((r) => 1 + r[0] - 2 * r[3] + 0.5 * r[7] + Math.tan(Math.PI * (u() - 0.5)) * 0.5);
  const weights = tied.y.map((_, i) => (i % 11 === 0 ? 0 : 0.5 + u()));
  const extras: Record<string, Partial<FitOptions>> = {
    plain: {},
    'penalty factors': { penaltyFactor: Array.from({ length: p }, (_, j) => (j === 0 ? 0 : j === 1 ? Infinity : 1 + (j % 3))) },
    bounds: {
      lower: Array.from({ length: p }, (_, j) => (j % 2 ? -0.1 : -Infinity)),
      upper: Array.from({ length: p }, (_, j) => (j % 3 ? 0.3 : Infinity)),
    },
    'no intercept': { intercept: false },
  };
  return { tied, heavy, weights, extras };
}
