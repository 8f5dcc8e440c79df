// Independent stationarity checks of the MCP, SCAD and group penalties at a fit, written from
// the papers' formulas (Zhang 2010; Fan and Li 2001; Yuan and Lin 2006; Simon et al. 2013)
// without the library's code: the distance of the loss's negative gradient to the (Clarke)
// subdifferential of the penalty, in standardized units.

import { type CertProblem, standardizedGradient } from './certificate.js';

export interface PenaltyCase {
  name: 'mcp' | 'scad' | 'group' | 'sparse-group';
  gamma?: number;
  groups?: string[];
}

/** P'(a) at a = |b| > 0 for MCP/SCAD at level l1. */
function slope(c: PenaltyCase, a: number, l1: number): number {
  const g = c.gamma!;
  if (c.name === 'mcp') return Math.max(l1 - a / g, 0);
  if (a <= l1) return l1;
  return Math.max((g * l1 - a) / (g - 1), 0);
}

function coordinateViolation(c: PenaltyCase, gj: number, bj: number, l1: number, l2: number): number {
  const t = gj - l2 * bj;
  if (bj === 0) return Math.max(Math.abs(t) - l1, 0);
  return Math.abs(t - Math.sign(bj) * slope(c, Math.abs(bj), l1));
}

function groupViolation(c: PenaltyCase, g: number[], b: number[], l1: number, l2: number, w: number): number {
  const r = Math.hypot(...b);
  if (r === 0) {
    const soft = g.map((x) => Math.sign(x) * Math.max(Math.abs(x) - l1, 0));
    return Math.max(Math.hypot(...soft) - w, 0);
  }
  const e = g.map((gi, i) => {
    const t = gi - l2 * b[i] - (w * b[i]) / r;
    if (b[i] !== 0) return t - l1 * Math.sign(b[i]);
    return Math.sign(t) * Math.max(Math.abs(t) - l1, 0);
  });
  return Math.hypot(...e);
}

/** Largest stationarity violation (and the intercept's gradient) relative to `scale`. */
export function stationarity(P: CertProblem, c: PenaltyCase, lambda: number, b0: number, beta: number[], scale: number): number {
  const { g, b, v, intercept } = standardizedGradient(P, b0, beta);
  const alpha = P.alpha;
  let worst = intercept;
  if (c.name === 'mcp' || c.name === 'scad') {
    g.forEach((gj, j) => (worst = Math.max(worst, coordinateViolation(c, gj, b[j], lambda * alpha * v[j], lambda * (1 - alpha) * v[j]))));
    return worst / scale;
  }
  const labels = [...new Set(c.groups!)];
  for (const label of labels) {
    const idx = c.groups!.flatMap((x, j) => (x === label ? [j] : []));
    const vg = v[idx[0]];
    const m = Math.sqrt(idx.length);
    const [l1, l2, w] = c.name === 'group' ? [0, lambda * (1 - alpha) * vg, lambda * alpha * vg * m] : [lambda * alpha * vg, 0, lambda * (1 - alpha) * vg * m];
    worst = Math.max(worst, groupViolation(c, idx.map((j) => g[j]), idx.map((j) => b[j]), l1, l2, w));
  }
  return worst / scale;
}
