// Absolute and quantile losses with a ridge part (α < 1) exactly, by a primal active-set method.
// The objective Σ wn_i ρ(r_i) + Σ_j (l1_j|β̃_j| + l2_j β̃_j²/2) is a convex piecewise quadratic;
// a structure fixes the pieces: samples E on their kink (r_i = 0), every other sample on its
// side, features A free with a sign, the rest at 0 or at a bound. On a structure the objective is
// a quadratic with linear constraints, whose optimum solves the square system of the exact finish
// (unknowns b̃0, β̃_A and the kink samples' dual slopes u_E). Each iteration:
//  - the system is solved; the step from the current point to its solution (or, when the system
//    is singular, a direction along which the structure's objective is linear) is walked by an
//    exact line search over the breakpoints of the true objective (samples crossing their kink,
//    coefficients crossing 0, bounds), which ends at a minimum along the step or at a breakpoint
//    that joins the structure;
//  - at the structure's optimum, the dual is checked: a kink slope outside [below, above]
//    releases its sample to the side it points to, a feature whose gradient exceeds its penalty
//    enters; with none, the point is optimal and its certificate is returned.
// The objective never increases. Along a path the optimum of the previous λ starts the next one,
// so each λ costs the few structure changes between them.

import { solveOrKernel } from './dense-solve.js';
import { exactFinish, MAX_FINISH_UNKNOWNS, type FinishData, type FinishPenalty, type FinishResult } from './piecewise-linear-finish.js';
import type { Pacer } from './pacer.js';
import { linearPredictor } from './predictor.js';
import { certify, price } from './piecewise-linear-dual.js';
import type { Vertex } from './simplex.js';

/** Structure changes in a row without a decrease of the objective before giving up (cycling). */
const MAX_STALLS = 500;
/** A step to the structure's optimum shorter than this (relative) means the point is there. */
const AT_OPTIMUM = 1e-12;

/** A breakpoint of the objective along a direction. */
interface Breakpoint {
  t: number;
  /** Increase of the directional derivative there (Infinity at a bound: the step stops). */
  jump: number;
  kind: 'sample' | 'zero' | 'bound';
  index: number;
  /** The bound reached (kind 'bound'). */
  limit?: number;
}


/**
 * Minimizes over the strong set from `start` (flagged samples within the residual tolerance of
 * their kink form E; all flagged ones with `trustElbow`). Returns the optimum and its certificate, or null when a direction fails
 * to descend (a degenerate structure) or maxIterations run out; `iterations` counts the systems
 * solved.
 */
export async function activeSetSolve(
  d: FinishData,
  strong: ArrayLike<number>,
  penalty: FinishPenalty,
  start: Vertex,
  maxIterations: number,
  pacer: Pacer,
  trustElbow = false,
): Promise<{ result: FinishResult | null; iterations: number }> {
  const { nSamples: n, Xs, y, wn, below, above } = d;
  const off = d.intercept ? 1 : 0;
  const beta = start.beta.slice();
  let b0 = d.intercept ? start.b0 : 0;
  const eta = linearPredictor(Xs, n, beta, b0, new Float64Array(n));
  const inE = new Uint8Array(n);
  /** +1 / −1: the side of each sample off its kink (its slope is above / below). */
  const sideOf = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const r = y[i] - eta[i];
    if (start.elbow[i] && wn[i] > 0 && (trustElbow || Math.abs(r) <= d.residualTolerance)) inE[i] = 1;
    sideOf[i] = r >= 0 ? 1 : -1;
  }
  /** Free features (A) and their signs (a feature entering from 0 takes the sign it moves to). */
  const inA = new Uint8Array(beta.length);
  const signOf = new Int8Array(beta.length);
  for (let t = 0; t < strong.length; t++) {
    const j = strong[t];
    if (beta[j] !== 0 && beta[j] < penalty.upper[j] && beta[j] > penalty.lower[j]) inA[j] = 1;
    signOf[j] = Math.sign(beta[j]);
  }
  const slope = new Float64Array(n);
  const g = new Float64Array(beta.length);
  const rate = new Float64Array(n);
  let iterations = 0;
  /** The sample that joined E last (a breakpoint or a tie pushed the wrong way). */
  let lastJoined = -1;
  /** Structure changes since the objective last decreased: many mean cycling among ties. */
  let stalls = 0;

  while (iterations < maxIterations) {
    if (pacer.due()) await pacer.pause();
    iterations++;
    if (stalls > MAX_STALLS) break;
    const E: number[] = [];
    for (let i = 0; i < n; i++) if (inE[i]) E.push(i);
    const A: number[] = [];
    for (let t = 0; t < strong.length; t++) if (inA[strong[t]]) A.push(strong[t]);
    const m = A.length + off;
    const e = E.length;
    const size = m + e;
    if (size > MAX_FINISH_UNKNOWNS) break;
    const column = (k: number, i: number): number => (k < off ? 1 : Xs[A[k - off] * n + i]);

    // The structure's system: zero residuals on E (rows 0…e), stationarity of b̃0 and β̃_A
    // (rows e…e+m); unknowns (b̃0, β̃_A) then u_E.
    for (let i = 0; i < n; i++) slope[i] = inE[i] ? 0 : sideOf[i] > 0 ? above : below;
    const K = new Float64Array(size * size);
    const z = new Float64Array(size);
    for (let a = 0; a < e; a++) {
      const i = E[a];
      let target = y[i];
      for (let t = 0; t < strong.length; t++) {
        const j = strong[t];
        if (!inA[j] && beta[j] !== 0) target -= Xs[j * n + i] * beta[j];
      }
      z[a] = target;
      for (let k = 0; k < m; k++) K[a * size + k] = column(k, i);
    }
    for (let k = 0; k < m; k++) {
      const row = (e + k) * size;
      let outside = 0;
      for (let i = 0; i < n; i++) if (!inE[i]) outside += wn[i] * column(k, i) * slope[i];
      if (k >= off) {
        const j = A[k - off];
        z[e + k] = penalty.l1[j] * signOf[j] - outside;
        K[row + k] = -penalty.l2[j];
      } else z[e + k] = -outside;
      for (let a = 0; a < e; a++) K[row + m + a] = wn[E[a]] * column(k, E[a]);
    }
    const solved = solveOrKernel(K, z, size);

    // The direction in (b̃0, β̃_A): to the structure's optimum, or along the system's kernel.
    const dir = new Float64Array(m);
    const current = (k: number) => (k < off ? b0 : beta[A[k - off]]);
    // At the structure's optimum its dual decides: optimal, or a sample leaves E or a feature
    // enters A.
    const atOptimum = (): FinishResult | null => {
      for (let k = 0; k < m; k++) {
        if (k < off) b0 = z[k];
        else beta[A[k - off]] = z[k];
      }
      for (let a = 0; a < e; a++) slope[E[a]] = z[m + a];
      const worst = price(d, strong, penalty, beta, slope, E, inA, g);
      if (!worst) {
        linearPredictor(Xs, n, beta, b0, eta);
        return certify(d, strong, penalty, beta, b0, eta, slope, inE, g);
      }
     
      if (worst.kind === 'sample') {
        inE[worst.index] = 0;
        sideOf[worst.index] = worst.direction;
      } else {
        inA[worst.index] = 1;
        if (beta[worst.index] === 0) signOf[worst.index] = worst.direction;
      }
      return null;
    };
    if (solved.solved) {
      let moved = 0;
      let scale = 0;
      for (let k = 0; k < m; k++) {
        dir[k] = z[k] - current(k);
        moved = Math.max(moved, Math.abs(dir[k]));
        scale = Math.max(scale, Math.abs(current(k)), Math.abs(z[k]));
      }
      if (moved <= AT_OPTIMUM * scale) {
        const result = atOptimum();
        if (result) return { result, iterations };
        stalls++;
        continue;
      }
    } else {
      const v = solved.kernel;
      let primal = 0;
      let dual = 0;
      for (let k = 0; k < m; k++) primal = Math.max(primal, Math.abs(v[k]));
      for (let a = 0; a < e; a++) dual = Math.max(dual, Math.abs(v[m + a]));
      if (!(primal > 1e-9 * dual)) {
        // Redundant kink rows (a degenerate point: more samples on their kinks than the
        // structure needs): one of those in the dependence leaves E, not the one that just
        // joined it, the lowest index first (Bland's rule, against cycling).
        const big = 1e-9 * dual;
        let worst = -1;
        for (let a = 0; a < e; a++) {
          if (Math.abs(v[m + a]) > big && E[a] !== lastJoined && (worst < 0 || E[a] < E[worst])) worst = a;
        }
        if (worst < 0) worst = E.indexOf(lastJoined);
        inE[E[worst]] = 0;
        stalls++;
        continue;
      }
      // A direction along which the structure's objective is linear: the descending way.
      dir.set(v.subarray(0, m));
    }

    // Residual rates along the direction, then the exact line search.
    const fillRates = () => {
      rate.fill(0);
      for (let k = 0; k < m; k++) {
        const v = dir[k];
        if (v === 0) continue;
        if (k < off) for (let i = 0; i < n; i++) rate[i] -= v;
        else {
          const col = A[k - off] * n;
          for (let i = 0; i < n; i++) rate[i] -= v * Xs[col + i];
        }
      }
    };
    fillRates();
    const moving = () => A.map((j, t) => ({ j, v: dir[t + off] }));
    if (!solved.solved) {
      // Along the kernel the structure's objective is linear: take the way it decreases.
      let modelSlope = 0;
      for (let i = 0; i < n; i++) if (!inE[i]) modelSlope += wn[i] * slope[i] * rate[i];
      for (let k = off; k < m; k++) modelSlope += penalty.l1[A[k - off]] * signOf[A[k - off]] * dir[k];
      if (modelSlope > 0) {
        for (let k = 0; k < m; k++) dir[k] = -dir[k];
        fillRates();
      }
    }
    const search = lineSearch(d, penalty, beta, eta, inE, rate, moving());
    if (!(search.slope0 < 0)) {
      // The structure's model says descent but the objective does not: a sample on its kink
      // but not in E (a tie) or a feature at 0 in A is pushed to the side the model did not
      // assume. It joins E (leaves A), a step of length 0, and the system is solved again.
      const blocker = wrongWay(d, eta, inE, sideOf, rate, A, dir, off, beta, signOf);
      if (blocker?.kind === 'sample') {
        inE[blocker.index] = 1;
        lastJoined = blocker.index;
        stalls++;
        continue;
      }
      if (blocker) {
        inA[blocker.index] = 0;
        stalls++;
        continue;
      }
      if (solved.solved) {
        // The step to the structure's optimum does not descend: the point is there but for
        // rounding.
        const result = atOptimum();
        if (result) return { result, iterations };
        stalls++;
        continue;
      }
    }
    if (!(search.slope0 < 0) || !Number.isFinite(search.t)) break;
    const t = search.t;
    if (t > 0) stalls = 0;
    if (off) b0 += t * dir[0];
    for (const { j, v } of moving()) beta[j] += t * v;
    for (const i of search.crossed) sideOf[i] = -sideOf[i];
    const stop = search.stop;
    if (stop?.kind === 'sample') {
      inE[stop.index] = 1;
      lastJoined = stop.index;
    }
    else if (stop) {
      beta[stop.index] = stop.kind === 'zero' ? 0 : stop.limit!;
      inA[stop.index] = 0;
    }
    for (let t2 = 0; t2 < strong.length; t2++) {
      const j = strong[t2];
      if (beta[j] !== 0) signOf[j] = Math.sign(beta[j]);
    }
    linearPredictor(Xs, n, beta, b0, eta);
    for (let i = 0; i < n; i++) {
      if (inE[i]) continue;
      const r = y[i] - eta[i];
      if (Math.abs(r) > d.residualTolerance) sideOf[i] = r > 0 ? 1 : -1;
    }
  }
  return { result: null, iterations };
}

/** Size of the perturbation of y, relative to the residual scale: far above the kink tolerance. */
const PERTURBATION = 1e-6;
const perturbed = new WeakMap<FinishData, FinishData>();

/**
 * Ties (many samples on their kinks at once, as with integer data) make the structure
 * degenerate, and the active-set steps may cycle among equivalent structures. Perturbing y by
 * distinct tiny amounts breaks the ties; the perturbed problem's optimum has the structure of
 * the true one's (its limit as the perturbation vanishes), and the exact finish solves that
 * structure with the true y and checks it.
 */
export async function perturbedSolve(
  d: FinishData,
  strong: ArrayLike<number>,
  penalty: FinishPenalty,
  start: Vertex,
  maxIterations: number,
  pacer: Pacer,
): Promise<{ result: FinishResult | null; iterations: number }> {
  let dp = perturbed.get(d);
  if (!dp) {
    const y = d.y.slice();
    // Magnitudes spread evenly over [0.5, 1) × the size, so that no two samples share one;
    // signs pseudo-random.
    let state = 0x9e3779b9;
    for (let i = 0; i < y.length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const size = PERTURBATION * d.residualScale * (0.5 + (0.5 * i) / y.length);
      y[i] += state & 0x10000 ? size : -size;
    }
    // Its residuals are distinct: ties are now only those of rounding.
    dp = { ...d, y, residualTolerance: 1e-3 * d.residualTolerance };
    perturbed.set(d, dp);
  }
  const { result, iterations } = await activeSetSolve(dp, strong, penalty, start, maxIterations, pacer, true);
  if (!result) return { result: null, iterations };
  const sides = new Float64Array(d.nSamples);
  // The sides the active set assumed (those of its certificate), as signs.
  for (let i = 0; i < sides.length; i++) sides[i] = result.slope[i] === d.above ? 1 : -1;
  return { result: exactFinish(d, strong, penalty, result.beta, result.eta, result.elbow, sides), iterations: iterations + 1 };
}

/**
 * The first sample on its kink (within the residual tolerance) but not in E, or feature at 0 in
 * A, that the direction moves to the side opposite to the one the structure assumed; null when
 * none does.
 */
function wrongWay(
  d: FinishData,
  eta: Float64Array,
  inE: Uint8Array,
  sideOf: Int8Array,
  rate: Float64Array,
  A: number[],
  dir: Float64Array,
  off: number,
  beta: Float64Array,
  signOf: Int8Array,
): { kind: 'sample' | 'feature'; index: number } | null {
  const { y, wn } = d;
  for (let i = 0; i < y.length; i++) {
    if (inE[i] || wn[i] === 0 || rate[i] * sideOf[i] >= 0) continue;
    if (Math.abs(y[i] - eta[i]) <= d.residualTolerance) return { kind: 'sample', index: i };
  }
  for (let k = off; k < dir.length; k++) {
    const j = A[k - off];
    if (beta[j] === 0 && dir[k] * signOf[j] < 0) return { kind: 'feature', index: j };
  }
  return null;
}

/**
 * The exact line search along a direction (residual rates `rate`, coefficient rates `moving`):
 * the objective is convex and piecewise quadratic along it, with curvature Σ l2_j v_j² and
 * kinks at the breakpoints; walk them in order until the derivative turns nonnegative.
 */
function lineSearch(
  d: FinishData,
  penalty: FinishPenalty,
  beta: Float64Array,
  eta: Float64Array,
  inE: Uint8Array,
  rate: Float64Array,
  moving: { j: number; v: number }[],
): { slope0: number; t: number; stop: Breakpoint | null; crossed: number[] } {
  const { y, wn, below, above } = d;
  const steps: Breakpoint[] = [];
  let slope0 = 0;
  for (let i = 0; i < y.length; i++) {
    const a = rate[i];
    if (a === 0 || wn[i] === 0 || inE[i]) continue;
    const r = y[i] - eta[i];
    slope0 += wn[i] * (r > 0 || (r === 0 && a > 0) ? above : below) * a;
    const t = -r / a;
    if (t > 0) steps.push({ t, jump: wn[i] * (above - below) * Math.abs(a), kind: 'sample', index: i });
  }
  let q = 0;
  for (const { j, v } of moving) {
    if (v === 0) continue;
    const b = beta[j];
    const l1 = penalty.l1[j];
    slope0 += l1 * (b > 0 || (b === 0 && v > 0) ? 1 : -1) * v + penalty.l2[j] * b * v;
    q += penalty.l2[j] * v * v;
    if (b !== 0 && -b / v > 0 && l1 > 0) steps.push({ t: -b / v, jump: 2 * l1 * Math.abs(v), kind: 'zero', index: j });
    const limit = v > 0 ? penalty.upper[j] : penalty.lower[j];
    if (Number.isFinite(limit)) steps.push({ t: Math.max(0, (limit - b) / v), jump: Infinity, kind: 'bound', index: j, limit });
  }
  const crossed: number[] = [];
  if (!(slope0 < 0)) return { slope0, t: 0, stop: null, crossed };
  steps.sort((a, b) => a.t - b.t);
  let s = slope0;
  let at = 0;
  for (const step of steps) {
    const before = s + q * (step.t - at);
    if (before >= 0) return { slope0, t: at - s / q, stop: null, crossed };
    s = before + step.jump;
    at = step.t;
    if (s >= 0) return { slope0, t: at, stop: step, crossed };
    if (step.kind === 'sample') crossed.push(step.index);
  }
  return { slope0, t: q > 0 ? at - s / q : Infinity, stop: null, crossed };
}
