// The engines' quadratic models as face-newton.ts sees them: on residuals (the naive squared-loss
// engine, the IRLS engine) or on a Gram matrix (the covariance engine).

import type { Design } from '../problem/design.js';
import type { FaceModel } from './face-newton.js';
import type { Residual } from './residual.js';

/**
 * A model kept as residuals (residual.ts: gradients g_j = residual.gradient(j), a change Δ of β_j
 * is residual.move(j, Δ)), with curvatures H_ab = x̃_aᵀ(hw∘x̃_b) (hscale·x̃_aᵀx̃_b when hw = 0; hw a
 * heap offset).
 */
export interface ResidualModel {
  design: Design;
  residual: Residual;
  beta: Float64Array;
  hw: number;
  hscale: number;
  curvatures: Float64Array;
  /**
   * The IRLS model's intercept, whose column of ones is not orthogonal to the weighted columns:
   * its curvature Σ W, its gradient Σ r, and its move (b0 += d, r −= d·W); the cross terms are
   * x̃_jᵀW (hw).
   */
  intercept?: { curvature(): number; gradient(): number; move(d: number): void };
}

export function residualFaceModel(m: ResidualModel): FaceModel {
  const { design, residual } = m;
  return {
    hasIntercept: m.intercept !== undefined,
    curvatures: m.curvatures,
    system(face, count, off, H, g) {
      const size = off + count;
      for (let a = 0; a < count; a++) {
        g[off + a] = residual.gradient(face[a]);
        for (let b = a; b < count; b++) H[(off + a) * size + off + b] = H[(off + b) * size + off + a] = design.cross(face[a], face[b], m.hw, m.hscale);
      }
      if (!off) return;
      // The intercept's row (IRLS: gradients are x̃ᵀr with r already weighted, curvatures x̃ᵀW·1).
      const intercept = m.intercept!;
      H[0] = intercept.curvature();
      g[0] = intercept.gradient();
      const sumW = design.vectorSum(m.hw);
      for (let a = 0; a < count; a++) H[off + a] = H[(off + a) * size] = design.dot(face[a], m.hw, sumW);
    },
    move(face, count, off, step) {
      if (off && step[0] !== 0) m.intercept!.move(step[0]);
      for (let a = 0; a < count; a++) {
        const d = step[off + a];
        if (d === 0) continue;
        m.beta[face[a]] += d;
        residual.move(face[a], d);
      }
    },
  };
}

/**
 * A model kept as gradients g (covariance updates): H_ab = G_ab from the Gram columns (every
 * face feature has moved, so has its column), and a move updates g over `updated` only — the
 * active set during a run of active-set passes, whose end brings the others up to date.
 */
export function gramFaceModel(
  beta: Float64Array,
  g: Float64Array,
  curvatures: Float64Array,
  gramColumn: (k: number) => Float64Array,
  updated: () => { data: Int32Array; count: number } | null,
): FaceModel {
  return {
    hasIntercept: false,
    curvatures,
    system(face, count, _off, H, out) {
      for (let b = 0; b < count; b++) {
        const column = gramColumn(face[b]);
        out[b] = g[face[b]];
        for (let a = 0; a < count; a++) H[a * count + b] = column[face[a]];
      }
    },
    move(face, count, _off, step) {
      const list = updated();
      for (let b = 0; b < count; b++) {
        const d = step[b];
        if (d === 0) continue;
        beta[face[b]] += d;
        const column = gramColumn(face[b]);
        if (!list) for (let m = 0; m < g.length; m++) g[m] -= d * column[m];
        else for (let t = 0; t < list.count; t++) g[list.data[t]] -= d * column[list.data[t]];
      }
    },
  };
}
