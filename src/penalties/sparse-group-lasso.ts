// The sparse group lasso (Simon, Friedman, Hastie and Tibshirani 2013): over groups g of m_g,
//   P(β) = λ·[α·Σ_j v_g·|β_j| + (1−α)·Σ_g v_g·√m_g·‖β_g‖₂],
// sparse between and within groups. Its prox is soft-thresholding then group shrinkage:
// S(z, t·l1)·(1 − t·w/‖S(z, t·l1)‖)₊. WGSL twin: shaders/penalties/sparse-group-lasso.wgsl.

import { norm2, softNorm, zeroLevel } from './group-norm.js';
import type { PenaltySpec } from './types.js';

export const sparseGroupLasso: PenaltySpec = {
  name: 'sparse-group',
  title: 'sparse group lasso α·‖β‖₁ + (1−α)·Σ_g v_g·√|g|·‖β_g‖₂ (Simon et al.)',
  traits: { convex: true, separable: false, lpExact: false, bounds: false, grouped: true, kernelMinimizer: false, homogeneous: false },
  // SGL's default: mostly group sparsity, some within.
  defaultAlpha: 0.95,
  alphaMeaning: 'mixing: 1 lasso, 0 group lasso (SGL)',
  block: {
    value(b, l1, _l2, w) {
      let s = 0;
      for (let i = 0; i < b.length; i++) s += Math.abs(b[i]);
      return l1 * s + w * norm2(b);
    },
    prox(z, t, l1, _l2, w, out) {
      for (let i = 0; i < z.length; i++) {
        const a = Math.abs(z[i]) - t * l1;
        out[i] = a > 0 ? Math.sign(z[i]) * a : 0;
      }
      const r = norm2(out.subarray(0, z.length));
      const shrink = r > t * w ? 1 - (t * w) / r : 0;
      for (let i = 0; i < z.length; i++) out[i] *= shrink;
    },
    distance(g, b, l1, _l2, w) {
      const r = norm2(b);
      if (r === 0) return Math.max(softNorm(g, l1) - w, 0);
      let s = 0;
      for (let i = 0; i < b.length; i++) {
        const t = g[i] - (w * b[i]) / r;
        // b_i = 0 takes any subgradient in [−l1, l1]: what is left is the soft-threshold.
        const d = b[i] !== 0 ? t - l1 * Math.sign(b[i]) : Math.sign(t) * Math.max(Math.abs(t) - l1, 0);
        s += d * d;
      }
      return Math.sqrt(s);
    },
    zeroLevel: (g, alpha, vSqrtM, v) => zeroLevel(g, alpha * v, (1 - alpha) * vSqrtM),
  },
  blockLevels: (lambda, { alpha }, v, size) => ({ l1: lambda * alpha * v, l2: 0, w: lambda * (1 - alpha) * v * Math.sqrt(size) }),
  strongCut: (lambda, lambdaPrev) => 2 * lambda - lambdaPrev,
  wgsl: ['penalties/sparse-group-lasso.wgsl'],
};
