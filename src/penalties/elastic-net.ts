// The elastic-net penalty with box constraints, per coordinate:
//   P(b) = l1·|b| + ½·l2·b²  on  lower ≤ b ≤ upper,  with l1 = λαv_j, l2 = λ(1−α)v_j.
// Three scalar functions: its value, the exact coordinate minimizer (a prox) and the distance
// of a gradient to its subdifferential (the optimality check); and its spec. WGSL twin:
// shaders/penalties/elastic-net.wgsl.

import { stationarityDistance } from './piecewise.js';
import type { PenaltySpec } from './types.js';

/**
 * argmin_b ½·xv·b² − u·b + l1·|b| + ½·l2·b² subject to lower ≤ b ≤ upper (lower ≤ 0 ≤ upper).
 * Soft-threshold, shrink, then clip: the minimizer of a 1-D convex function over an interval is
 * the clip of its unconstrained minimizer.
 */
export function coordinateMinimizer(
  u: number,
  xv: number,
  l1: number,
  l2: number,
  lower: number,
  upper: number,
): number {
  const a = Math.abs(u) - l1;
  if (a <= 0) return 0;
  const b = (u > 0 ? a : -a) / (xv + l2);
  return b < lower ? lower : b > upper ? upper : b;
}

export function penaltyValue(b: number, l1: number, l2: number): number {
  return l1 * Math.abs(b) + 0.5 * l2 * b * b;
}

/**
 * Distance from g (minus the gradient of the smooth part at b, i.e. the "correlation") to
 * ∂P(b) + N_[lower, upper](b): 0 exactly when b is optimal along its coordinate.
 */
export function subdifferentialDistance(
  g: number,
  b: number,
  l1: number,
  l2: number,
  lower: number,
  upper: number,
): number {
  return stationarityDistance(g, b, l1, l1, l2, lower, upper);
}

export const elasticNet: PenaltySpec = {
  name: 'enet',
  title: 'elastic net α·‖β‖₁ + (1−α)/2·‖β‖² (glmnet)',
  traits: { convex: true, separable: true, lpExact: true, bounds: true, grouped: false, kernelMinimizer: true, homogeneous: true },
  defaultAlpha: 1,
  alphaMeaning: 'elastic-net mixing: 1 lasso, 0 ridge',
  coordinate: {
    value: (b, l1, l2) => penaltyValue(b, l1, l2),
    prox(u, t, l1, l2, _gamma, lower, upper) {
      // Soft-threshold by t·l1, shrink by 1 + t·l2, clip (the WGSL twin's penalty_prox).
      const a = Math.abs(u) - t * l1;
      const b = a <= 0 ? 0 : (u > 0 ? a : -a) / (1 + t * l2);
      return b < lower ? lower : b > upper ? upper : b;
    },
    minimizer: (u, xv, l1, l2, _gamma, lower, upper) => coordinateMinimizer(u, xv, l1, l2, lower, upper),
    distance: (g, b, l1, l2, _gamma, lower, upper) => subdifferentialDistance(g, b, l1, l2, lower, upper),
  },
  strongCut: (lambda, lambdaPrev, { alpha }) => alpha * (2 * lambda - lambdaPrev),
  wgsl: ['penalties/stationarity.wgsl', 'penalties/elastic-net.wgsl'],
};
