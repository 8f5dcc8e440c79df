// The smoothly clipped absolute deviation penalty (Fan and Li 2001), with ncvreg's ridge
// mixing: at l1 = λαv_j and a = |b|,
//   P = l1·a  for a ≤ l1;  (2γ·l1·a − a² − l1²) / (2(γ−1))  for l1 < a ≤ γ·l1;  l1²(γ+1)/2 beyond,
// plus ½·l2·b² (l2 = λ(1−α)v_j). Nonconvex: the certificate is stationarity (a local optimum).
// WGSL twin: shaders/penalties/scad.wgsl.

import { concaveCoordinate, type Piece } from './piecewise.js';
import type { PenaltySpec } from './types.js';

export function scadValue(b: number, l1: number, l2: number, gamma: number): number {
  const a = Math.abs(b);
  let p: number;
  if (a <= l1) p = l1 * a;
  else if (a <= gamma * l1) p = (2 * gamma * l1 * a - a * a - l1 * l1) / (2 * (gamma - 1));
  else p = 0.5 * l1 * l1 * (gamma + 1);
  return p + 0.5 * l2 * b * b;
}

/** P'(a) for a = |b| ≥ 0. */
function scadSlope(a: number, l1: number, gamma: number): number {
  if (a <= l1) return l1;
  return Math.max((gamma * l1 - a) / (gamma - 1), 0);
}

function pieces(l1: number, gamma: number): Piece[] {
  return [
    { from: 0, to: l1, c1: l1, c2: 0 },
    { from: l1, to: gamma * l1, c1: (gamma * l1) / (gamma - 1), c2: -1 / (gamma - 1) },
    { from: gamma * l1, to: Infinity, c1: 0, c2: 0 },
  ];
}

export const scad: PenaltySpec = {
  name: 'scad',
  title: 'smoothly clipped absolute deviation (SCAD), ncvreg mixing α·SCAD + (1−α)/2·β²',
  traits: { convex: false, separable: true, lpExact: false, bounds: true, grouped: false, kernelMinimizer: false, homogeneous: false },
  defaultAlpha: 1,
  alphaMeaning: 'mixing with ridge: α·SCAD + (1−α)/2·β² (ncvreg)',
  gamma: { default: 3.7, above: 2 },
  coordinate: concaveCoordinate({ value: scadValue, slope: scadSlope, pieces }),
  strongCut: (lambda, lambdaPrev, { alpha }) => alpha * (2 * lambda - lambdaPrev),
  wgsl: ['penalties/stationarity.wgsl', 'penalties/concave.wgsl', 'penalties/scad.wgsl'],
};
