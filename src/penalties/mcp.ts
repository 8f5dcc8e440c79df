// The minimax concave penalty (Zhang 2010), with ncvreg's ridge mixing: at l1 = λαv_j,
//   P(b) = l1·|b| − b²/(2γ)  for |b| ≤ γ·l1,   γ·l1²/2 beyond,   plus ½·l2·b² (l2 = λ(1−α)v_j).
// Nonconvex: the path's certificate is stationarity (a local optimum). WGSL twin:
// shaders/penalties/mcp.wgsl.

import { concaveCoordinate, type Piece } from './piecewise.js';
import type { PenaltySpec } from './types.js';

export function mcpValue(b: number, l1: number, l2: number, gamma: number): number {
  const a = Math.abs(b);
  const p = a <= gamma * l1 ? l1 * a - (a * a) / (2 * gamma) : 0.5 * gamma * l1 * l1;
  return p + 0.5 * l2 * b * b;
}

/** P'(a) for a = |b| ≥ 0: (l1 − a/γ)₊. */
const mcpSlope = (a: number, l1: number, gamma: number) => Math.max(l1 - a / gamma, 0);

function pieces(l1: number, gamma: number): Piece[] {
  return [
    { from: 0, to: gamma * l1, c1: l1, c2: -1 / gamma },
    { from: gamma * l1, to: Infinity, c1: 0, c2: 0 },
  ];
}

export const mcp: PenaltySpec = {
  name: 'mcp',
  title: 'minimax concave penalty (MCP), ncvreg mixing α·MCP + (1−α)/2·β²',
  traits: { convex: false, separable: true, lpExact: false, bounds: true, grouped: false, kernelMinimizer: false, homogeneous: false },
  defaultAlpha: 1,
  alphaMeaning: 'mixing with ridge: α·MCP + (1−α)/2·β² (ncvreg)',
  gamma: { default: 3, above: 1 },
  coordinate: concaveCoordinate({ value: mcpValue, slope: mcpSlope, pieces }),
  strongCut: (lambda, lambdaPrev, { alpha }) => alpha * (2 * lambda - lambdaPrev),
  wgsl: ['penalties/stationarity.wgsl', 'penalties/concave.wgsl', 'penalties/mcp.wgsl'],
};
