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
//
// A pivot costs O(n·m) (the residuals' rates along the edge) plus O(m²) and O(p) per sample
// that changes side: the basis' inverse, the residuals and the off-kink gradients are updated,
// not recomputed (pivot-state.ts); every REFRESH_EVERY (or m) pivots, and before the optimum is
// declared, they are recomputed from the coefficients.

import { edgeSearch, type EdgeStop, type Moving } from './edge-search.js';
import type { FinishData, FinishPenalty, FinishResult } from './piecewise-linear-finish.js';
import type { Pacer } from './pacer.js';
import { linearPredictor } from './predictor.js';
import { certify, gradientsOf, type Violation, worstViolation } from './piecewise-linear-dual.js';
import { PivotState } from './pivot-state.js';
import { residualRates } from './residual-rates.js';

/** A step must lower the objective's slope below −this × its scale to count as descent. */
const DESCENT_TOLERANCE = 1e-14;
/** Pivots between recomputations of the updated state from the coefficients (at least m). */
const REFRESH_EVERY = 100;

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
  carried: PivotState | null = null,
): Promise<{ result: FinishResult | null; pivots: number; state: PivotState | null }> {
  let pivots = 0;
  const fail = () => ({ result: null, pivots, state: null });
  const state = carried?.continues(strong, start) ? carried : new PivotState(d, strong, penalty, start.beta.slice(), d.intercept ? start.b0 : 0, start.elbow);
  if (state !== carried && (state.E.length !== state.m || state.E.some((i) => !(d.wn[i] > 0)) || !state.refresh())) return fail();
  const g = new Float64Array(state.p);
  for (;;) {
    if (pacer.due()) await pacer.pause();
    state.dualSlopes(strong, penalty, g);
    const entering = worstViolation(d, strong, penalty, state.beta, state.slope, state.E, state.inA, g);
    if (!entering) {
      // Optimal on the updated state: confirmed from scratch, or recomputed and priced again.
      const result = finishVertex(d, strong, penalty, state);
      if (result) return { result, pivots, state };
      if (state.updates === 0 || !state.refresh()) return fail();
      continue;
    }
    if (pivots >= maxPivots) return fail();
    pivots++;
    const dc = edgeDirection(state, entering);
    const rate = edgeRates(state, entering, dc);
    const moving: Moving[] = state.active.map((j, k) => ({ j, v: dc[k + state.off] }));
    if (entering.kind === 'feature') moving.push({ j: entering.index, v: entering.direction });
    const { slope0, stop } = edgeSearch(d, penalty, state.beta, state.r, rate, moving, state.breakpoints);
    if (!(slope0 < -DESCENT_TOLERANCE * entering.violation) || !stop) return fail();
    const updated = pivot(state, entering, stop, dc, rate, moving);
    // A refactorization costs O(m³), an update O(m²): at least m updates between two.
    if ((!updated || ++state.updates >= Math.max(REFRESH_EVERY, state.m)) && !state.refresh()) return fail();
  }
}

/** The rates dc of (b̃0, β̃_A) along the edge that keeps the other kink samples on their kinks. */
function edgeDirection(state: PivotState, entering: Violation): Float64Array {
  const m = state.m;
  const dc = new Float64Array(m);
  if (m === 0) return dc;
  if (entering.kind === 'sample') {
    // M dc = −direction·e_a: B's column a.
    const { B } = state.basis;
    const a = state.rowOf[entering.index];
    for (let k = 0; k < m; k++) dc[k] = -entering.direction * B[k * m + a];
    return dc;
  }
  const col = state.basisColumn(entering.index);
  for (let a = 0; a < m; a++) col[a] *= -entering.direction;
  return state.basis.solve(col, dc);
}

/** Residual rates a_i = −(M_i·dc + x̃_ij·direction) along the edge; 0 on the kinks that stay. */
function edgeRates(state: PivotState, entering: Violation, dc: Float64Array): Float64Array {
  const { n, off } = state;
  const features: number[] = [];
  const rates: number[] = [];
  for (let k = 0; k < state.active.length; k++) {
    if (dc[off + k] === 0) continue;
    features.push(state.active[k]);
    rates.push(dc[off + k]);
  }
  if (entering.kind === 'feature') {
    features.push(entering.index);
    rates.push(entering.direction);
  }
  const rate = residualRates(state.d, off ? dc[0] : 0, features, rates, state.rateBuffer ??= new Float64Array(n));
  for (const i of state.E) if (!(entering.kind === 'sample' && i === entering.index)) rate[i] = 0;
  return rate;
}

/**
 * Moves to the next vertex: coefficients and residuals along the edge, the structure's change
 * (a sample or a feature leaves, the blocking sample joins E or the blocking coefficient stops at
 * 0 or its bound), the sides that changed, and the basis' inverse. False when an update of the
 * inverse was refused (the caller refactorizes).
 */
function pivot(state: PivotState, entering: Violation, stop: EdgeStop, dc: Float64Array, rate: Float64Array, moving: Moving[]): boolean {
  const { r, off, beta } = state;
  const t = stop.t;
  if (off) state.b0 += t * dc[0];
  for (const { j, v } of moving) {
    beta[j] += t * v;
    // A coefficient may cross 0 inside the step (the walk went past that breakpoint).
    if (beta[j] !== 0) state.sign[j] = Math.sign(beta[j]);
  }
  for (let i = 0; i < state.n; i++) r[i] += t * rate[i];
  let updated: boolean;
  if (entering.kind === 'sample') {
    const a = state.rowOf[entering.index];
    state.rowOf[entering.index] = -1;
    if (stop.kind === 'sample') {
      updated = state.basis.replaceRow(a, state.basisRow(stop.index));
      state.E[a] = stop.index;
      state.rowOf[stop.index] = a;
    } else {
      const k = state.active.indexOf(stop.index);
      updated = state.basis.remove(a, off + k);
      leave(state, stop, k);
      state.E.splice(a, 1);
      for (let b = a; b < state.E.length; b++) state.rowOf[state.E[b]] = b;
    }
  } else {
    const j = entering.index;
    if (stop.kind === 'sample') {
      updated = state.basis.append(state.basisRow(stop.index, j), state.basisColumn(j));
      enter(state, j, entering.direction);
      state.rowOf[stop.index] = state.E.length;
      state.E.push(stop.index);
    } else if (stop.index === j) {
      updated = true;
      beta[j] = stop.limit!; // straight from 0 to its bound: the basis does not change
    } else {
      const k = state.active.indexOf(stop.index);
      updated = state.basis.replaceColumn(off + k, state.basisColumn(j));
      leave(state, stop, k);
      state.active.splice(k, 0, j);
      state.inA[j] = 1;
      state.sign[j] = entering.direction;
    }
  }
  updateSides(state);
  return updated;
}

function enter(state: PivotState, j: number, direction: number): void {
  state.active.push(j);
  state.inA[j] = 1;
  state.sign[j] = direction;
}

/** The active feature at position k stops at 0 or at its bound and leaves A. */
function leave(state: PivotState, stop: EdgeStop, k: number): void {
  state.beta[stop.index] = stop.kind === 'zero' ? 0 : stop.limit!;
  state.active.splice(k, 1);
  state.inA[stop.index] = 0;
}

/** Kink samples' residuals exactly 0; every other sample's side from its residual's sign. */
function updateSides(state: PivotState): void {
  const { r, side, rowOf } = state;
  for (let i = 0; i < state.n; i++) {
    if (rowOf[i] >= 0) {
      r[i] = 0;
      if (side[i] !== 0) state.setSide(i, 0);
      continue;
    }
    const next = r[i] >= 0 ? 1 : -1;
    if (next !== side[i]) state.setSide(i, next);
  }
}

/**
 * The optimum's result from scratch: predictors and gradients recomputed from the coefficients,
 * every sample off its kink on the side the updated state gave it, no dual violation, and the
 * certificate; null when rounding in the updates made the state disagree.
 */
function finishVertex(d: FinishData, strong: ArrayLike<number>, penalty: FinishPenalty, state: PivotState): FinishResult | null {
  const { n, b0, slope, side } = state;
  const beta = state.beta.slice();
  const eta = linearPredictor(d.Xs, n, beta, b0, new Float64Array(n));
  const tolR = d.residualTolerance;
  for (let i = 0; i < n; i++) {
    const r = d.y[i] - eta[i];
    if ((side[i] > 0 && r < -tolR) || (side[i] < 0 && r > tolR)) return null;
  }
  const g = gradientsOf(d, strong, slope, state.p);
  if (worstViolation(d, strong, penalty, beta, slope, state.E, state.inA, g)) return null;
  const inE = new Uint8Array(n);
  for (const i of state.E) inE[i] = 1;
  return certify(d, strong, penalty, beta, b0, eta, slope.slice(), inE, g);
}
