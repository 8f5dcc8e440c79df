// The group lasso (Yuan and Lin 2006) with grpreg's ridge mixing: over groups g of m_g features,
//   P(β) = Σ_g λ·α·v_g·√m_g·‖β_g‖₂ + λ(1−α)/2·Σ_g v_g·‖β_g‖²,
// a whole group entering or leaving at once. Block coordinate descent steps each group by its
// prox, group soft-thresholding: (1 − t·w/‖z‖)₊·z / (1 + t·l2). WGSL twin:
// shaders/penalties/group-lasso.wgsl.

import { norm2 } from './group-norm.js';
import type { PenaltySpec } from './types.js';

const ALPHA_FLOOR = 1e-3;

export const groupLasso: PenaltySpec = {
  name: 'group',
  title: 'group lasso Σ_g v_g·√|g|·‖β_g‖₂, grpreg mixing with ridge',
  traits: { convex: true, separable: false, lpExact: false, bounds: false, grouped: true, kernelMinimizer: false, homogeneous: false },
  defaultAlpha: 1,
  alphaMeaning: 'mixing with ridge: α·group lasso + (1−α)/2·β² (grpreg)',
  block: {
    value(b, _l1, l2, w) {
      const r = norm2(b);
      return w * r + 0.5 * l2 * r * r;
    },
    prox(z, t, _l1, l2, w, out) {
      const r = norm2(z);
      const shrink = r > t * w ? (1 - (t * w) / r) / (1 + t * l2) : 0;
      for (let i = 0; i < z.length; i++) out[i] = shrink * z[i];
    },
    distance(g, b, _l1, l2, w) {
      const r = norm2(b);
      if (r === 0) return Math.max(norm2(g) - w, 0);
      let s = 0;
      for (let i = 0; i < b.length; i++) s += (g[i] - l2 * b[i] - (w * b[i]) / r) ** 2;
      return Math.sqrt(s);
    },
    zeroLevel: (g, alpha, vSqrtM) => norm2(g) / (Math.max(alpha, ALPHA_FLOOR) * vSqrtM),
  },
  blockLevels: (lambda, { alpha }, v, size) => ({ l1: 0, l2: lambda * (1 - alpha) * v, w: lambda * alpha * v * Math.sqrt(size) }),
  strongCut: (lambda, lambdaPrev) => 2 * lambda - lambdaPrev,
  wgsl: ['penalties/group-lasso.wgsl'],
};
