// How far down in λ a vertex of the lasso-penalized piecewise-linear problem (α = 1) stays
// optimal. A vertex (its kink samples E, active features A with their signs, the other features
// at 0 or at a bound) does not depend on λ; its dual does, linearly: with l1_j = λ·a_j the basis'
// stationarity gives the weighted kink slopes w(λ) = Bᵀ(λ·a∘s − h) = w0 + λ·w1 and the gradients
// g(λ) = G0 + λ·G1. Every optimality condition — a kink slope in [below, above], |g_j| ≤ λ·a_j at
// 0, the inward derivative at a bound — is linear in λ, so the vertex is optimal on an interval,
// and the largest λ below the current one where a condition turns is the path's next breakpoint:
// there the solution jumps along an edge to the next vertex (the path is piecewise constant in λ,
// piecewise linear in ‖β‖₁, as Li and Zhu follow it).

import type { FinishPenalty } from './piecewise-linear-finish.js';
import type { PivotState } from './pivot-state.js';

/** A condition c0 + λ·c1 ≤ 0 that holds at `from`: where it turns, below (0: never) and above (∞: never). */
function below(c0: number, c1: number, from: number): number {
  // It tightens as λ falls only when c1 < 0; it held at `from`, so it turns at −c0/c1 ≤ from.
  if (!(c1 < 0)) return 0;
  const at = -c0 / c1;
  return at > 0 ? Math.min(at, from) : 0;
}

function above(c0: number, c1: number, from: number): number {
  if (!(c1 > 0)) return Infinity;
  return Math.max(-c0 / c1, from);
}

/** The interval of λ on which a vertex is optimal: [low, high] ∋ the λ it was found at. */
export interface VertexRange {
  low: number;
  high: number;
}

/**
 * The interval of λ around `from` (where the state is an optimum over `strong`, the simplex's
 * state left as it ended) on which the state's vertex stays optimal, the penalty being
 * l1_j = λ·perLambda_j (bounds from `penalty`).
 */
export function vertexRange(
  state: PivotState,
  strong: ArrayLike<number>,
  penalty: FinishPenalty,
  perLambda: ArrayLike<number>,
  from: number,
): VertexRange {
  const { d, off, E, h, p, Xr } = state;
  const m = state.m;
  const range = { low: 0, high: Infinity };
  const condition = (c0: number, c1: number) => {
    range.low = Math.max(range.low, below(c0, c1, from));
    range.high = Math.min(range.high, above(c0, c1, from));
  };
  const rhs0 = new Float64Array(m);
  const rhs1 = new Float64Array(m);
  if (off) rhs0[0] = -state.hIntercept;
  for (let k = 0; k < state.active.length; k++) {
    const j = state.active[k];
    rhs0[off + k] = -h[j];
    rhs1[off + k] = perLambda[j] * state.sign[j];
  }
  const w0 = state.basis.solveTransposed(rhs0, new Float64Array(m));
  const w1 = state.basis.solveTransposed(rhs1, new Float64Array(m));
  for (let a = 0; a < E.length; a++) {
    const wn = d.wn[E[a]];
    condition(w0[a] / wn - d.above, w1[a] / wn);
    condition(d.below - w0[a] / wn, -w1[a] / wn);
  }
  const G0 = new Float64Array(p);
  const G1 = new Float64Array(p);
  for (let t = 0; t < strong.length; t++) G0[strong[t]] = h[strong[t]];
  for (let a = 0; a < E.length; a++) {
    const base = E[a] * p;
    for (let t = 0; t < strong.length; t++) {
      const j = strong[t];
      G0[j] += w0[a] * Xr[base + j];
      G1[j] += w1[a] * Xr[base + j];
    }
  }
  for (let t = 0; t < strong.length; t++) {
    const j = strong[t];
    if (!state.inA[j] && Number.isFinite(perLambda[j])) featureConditions(G0[j], G1[j], perLambda[j], state.beta[j], penalty, j, condition);
  }
  return range;
}

/** Feature j's conditions at 0 or at its bound, as worstViolation states them. */
function featureConditions(
  G0: number,
  G1: number,
  a: number,
  b: number,
  penalty: FinishPenalty,
  j: number,
  condition: (c0: number, c1: number) => void,
): void {
  if (b === 0) {
    // g − λa ≤ 0 where it may rise, −g − λa ≤ 0 where it may fall.
    if (penalty.upper[j] > 0) condition(G0, G1 - a);
    if (penalty.lower[j] < 0) condition(-G0, -G1 - a);
  } else if (b > 0) {
    // At a bound the derivative −g + λ·a·sign(b) must not point inward.
    condition(-G0, a - G1);
  } else condition(G0, G1 + a);
}
