// Lasso-penalized piecewise-linear losses (absolute, quantile with α = 1) are linear programs,
// solved exactly here by pivoting from vertex to vertex, as Barrodale and Roberts solve L1
// regression. A vertex has m = |A| (+1 with an intercept) samples E on their kink, which fix
// (b̃0, β̃_A) through M_E c = y_E (M_i = [1, x̃_iA]); its dual slopes u_E follow from the
// stationarity of the active coordinates. When a slope leaves its interval, or a coefficient at
// 0 (or at a bound) has a gradient beyond its penalty, the vertex is not optimal: that sample
// leaves its kink (or that feature enters) along the edge that keeps the other constraints,
// and an exact line search over the breakpoints of the objective along the edge (samples
// crossing their kinks, coefficients crossing 0, bounds) finds the next vertex.
// Along a path the vertex of the previous λ is a vertex for the next one too (vertices do not
// depend on λ; only the slopes do), so each λ costs the few pivots between them.

import { solveDense } from './dense-solve.js';
import type { FinishData, FinishPenalty, FinishResult } from './piecewise-linear-finish.js';
import type { Pacer } from './pacer.js';
import { linearPredictor } from './predictor.js';
import { certify, price } from './piecewise-linear-dual.js';

/** A step must lower the objective's slope below −this × its scale to count as descent. */
const DESCENT_TOLERANCE = 1e-14;

/** The state of a vertex: coefficients (nFeatures), intercept, predictors and E's flags. */
export interface Vertex {
  beta: Float64Array;
  b0: number;
  eta: Float64Array;
  elbow: Uint8Array;
}


/**
 * Pivots from `start` (a vertex: exactly m samples flagged, on their kinks) to the optimum over
 * the strong set. Returns the optimum and its certificate, or null when `start` is not a vertex,
 * a basis is singular, or maxPivots run out; `pivots` counts the edges walked.
 */
export async function simplexSolve(
  d: FinishData,
  strong: ArrayLike<number>,
  penalty: FinishPenalty,
  start: Vertex,
  maxPivots: number,
  pacer: Pacer,
): Promise<{ result: FinishResult | null; pivots: number }> {
  const { nSamples: n, Xs, y, wn, below, above } = d;
  const off = d.intercept ? 1 : 0;
  const beta = start.beta.slice();
  let b0 = start.b0;
  const inE = start.elbow.slice();
  const E: number[] = [];
  for (let i = 0; i < n; i++) if (inE[i]) E.push(i);
  const active: number[] = [];
  const inA = new Uint8Array(beta.length);
  for (let t = 0; t < strong.length; t++) {
    const j = strong[t];
    if (beta[j] !== 0 && beta[j] < penalty.upper[j] && beta[j] > penalty.lower[j]) {
      active.push(j);
      inA[j] = 1;
    }
  }
  const eta = start.eta.slice();
  const slope = new Float64Array(n);
  const g = new Float64Array(beta.length);
  let pivots = 0;
  const fail = () => ({ result: null, pivots });

  for (;;) {
    if (pacer.due()) await pacer.pause();
    const m = active.length + off;
    if (E.length !== m) return fail();
    const column = (k: number, i: number): number => (k < off ? 1 : Xs[active[k - off] * n + i]);

    // Dual slopes: off the kink by the residual's side; on it from the active coordinates'
    // stationarity Σ_{i∈E} wn_i M_ik u_i = l1_k s_k − Σ_{i∉E} wn_i M_ik u_i.
    for (let i = 0; i < n; i++) if (!inE[i]) slope[i] = y[i] - eta[i] >= 0 ? above : below;
    if (m > 0) {
      const At = new Float64Array(m * m);
      const rhs = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        let outside = 0;
        for (let i = 0; i < n; i++) if (!inE[i]) outside += wn[i] * column(k, i) * slope[i];
        rhs[k] = (k >= off ? penalty.l1[active[k - off]] * Math.sign(beta[active[k - off]]) : 0) - outside;
        for (let a = 0; a < m; a++) At[k * m + a] = wn[E[a]] * column(k, E[a]);
      }
      if (!solveDense(At, rhs, m)) return fail();
      for (let a = 0; a < m; a++) slope[E[a]] = rhs[a];
    }

    // Pricing: the largest reduced cost among kink slopes out of their interval and features
    // whose gradient exceeds their penalty in a direction their bounds allow.
    const entering = price(d, strong, penalty, beta, slope, E, inA, g);
    if (!entering) return { result: certify(d, strong, penalty, beta, b0, eta, slope, inE, g), pivots };
    if (pivots >= maxPivots) return fail();
    pivots++;

    // The edge: the other kink samples stay on their kinks.
    const dc = new Float64Array(m);
    let enteringColumn: number | null = null;
    if (m > 0) {
      const M = new Float64Array(m * m);
      for (let a = 0; a < m; a++) for (let k = 0; k < m; k++) M[a * m + k] = column(k, E[a]);
      if (entering.kind === 'sample') {
        // −M_i·dc = direction for the leaving sample i, 0 for the others.
        dc[E.indexOf(entering.index)] = -entering.direction;
      } else {
        enteringColumn = entering.index * n;
        for (let a = 0; a < m; a++) dc[a] = -entering.direction * Xs[enteringColumn + E[a]];
      }
      if (!solveDense(M, dc, m)) return fail();
    } else if (entering.kind === 'feature') enteringColumn = entering.index * n;
    // Residual rates a_i = −(M_i·dc + x̃_ij·direction) along the edge.
    const rate = new Float64Array(n);
    for (let k = 0; k < m; k++) {
      const v = dc[k];
      if (v === 0) continue;
      if (k < off) for (let i = 0; i < n; i++) rate[i] -= v;
      else {
        const col = active[k - off] * n;
        for (let i = 0; i < n; i++) rate[i] -= v * Xs[col + i];
      }
    }
    if (enteringColumn !== null) {
      for (let i = 0; i < n; i++) rate[i] -= entering.direction * Xs[enteringColumn + i];
    }
    for (const i of E) if (!(entering.kind === 'sample' && i === entering.index)) rate[i] = 0;

    // Exact line search: the objective is convex and piecewise linear along the edge; walk its
    // breakpoints in order until its slope turns nonnegative.
    const steps: { t: number; jump: number; kind: 'sample' | 'zero' | 'bound'; index: number; limit?: number }[] = [];
    let slope0 = 0;
    for (let i = 0; i < n; i++) {
      const a = rate[i];
      if (a === 0 || wn[i] === 0) continue;
      const r = y[i] - eta[i];
      const onKink = inE[i] && !(entering.kind === 'sample' && i === entering.index);
      if (onKink) continue;
      const positive = r > 0 || (r === 0 && a > 0);
      slope0 += wn[i] * (positive ? above : below) * a;
      const t = -r / a;
      if (t > 0) steps.push({ t, jump: wn[i] * (above - below) * Math.abs(a), kind: 'sample', index: i });
    }
    const moving: { j: number; rate: number }[] = active.map((j, t) => ({ j, rate: dc[t + off] }));
    if (entering.kind === 'feature') moving.push({ j: entering.index, rate: entering.direction });
    for (const { j, rate: v } of moving) {
      if (v === 0) continue;
      const b = beta[j];
      const l1 = penalty.l1[j];
      const sign = b > 0 || (b === 0 && v > 0) ? 1 : -1;
      slope0 += l1 * sign * v;
      if (b !== 0 && -b / v > 0 && l1 > 0) steps.push({ t: -b / v, jump: 2 * l1 * Math.abs(v), kind: 'zero', index: j });
      const limit = v > 0 ? penalty.upper[j] : penalty.lower[j];
      if (Number.isFinite(limit)) steps.push({ t: Math.max(0, (limit - b) / v), jump: Infinity, kind: 'bound', index: j, limit });
    }
    if (!(slope0 < -DESCENT_TOLERANCE * entering.violation)) return fail();
    steps.sort((a, b) => a.t - b.t);
    let s = slope0;
    let block: (typeof steps)[number] | null = null;
    for (const step of steps) {
      s += step.jump;
      if (s >= 0) {
        block = step;
        break;
      }
    }
    if (!block) return fail(); // unbounded along the edge: cannot happen with a bounded optimum

    // Move to the next vertex and update its structure.
    const t = block.t;
    if (off) b0 += t * dc[0];
    for (const { j, rate: v } of moving) beta[j] += t * v;
    if (entering.kind === 'sample') {
      inE[entering.index] = 0;
      E.splice(E.indexOf(entering.index), 1);
    } else {
      active.push(entering.index);
      inA[entering.index] = 1;
    }
    if (block.kind === 'sample') {
      inE[block.index] = 1;
      E.push(block.index);
    } else {
      const j = block.index;
      beta[j] = block.kind === 'zero' ? 0 : block.limit!;
      active.splice(active.indexOf(j), 1);
      inA[j] = 0;
    }
    // Predictors from scratch, so that rounding does not accumulate over pivots.
    linearPredictor(Xs, n, beta, b0, eta);
  }
}
