// The exact finish of the piecewise-linear losses (absolute, quantile). At an optimum a few
// samples sit exactly on the kink (residual 0: the "elbow" set E) with dual slopes u_i inside
// [below, above]; every other sample has the slope of its side. Given E and the active
// features A (nonzero, inside their bounds, with known signs), the optimality conditions are a
// square linear system in (b̃0, β̃_A, u_E):
//   b̃0 + x̃_{i,A}·β̃_A = y_i − x̃_{i,F}·β̃_F                       for i ∈ E   (zero residual)
//   Σ_{i∈E} wn_i x̃_ij u_i − l2_j β̃_j = l1_j s_j − Σ_{i∉E} wn_i x̃_ij u_i   for j ∈ A   (stationarity)
//   Σ_{i∈E} wn_i u_i = −Σ_{i∉E} wn_i u_i                                  (intercept)
// (F: features held at a bound.) Its solution is the exact optimum when the guessed structure is
// right, which the checks below verify: every residual keeps its side, every u_i its interval,
// every active coefficient its sign, and every feature of the strong set its subdifferential
// condition. A smoothed solve guesses the structure; this turns the guess into the answer.
// When a check fails, the structure is repaired from the candidate (samples that crossed
// their kink join E, slopes that left their interval leave it, coefficients that changed sign
// leave A, features whose gradient exceeds the penalty join it: a primal–dual active-set step)
// and solved again, a few times.

import { subdifferentialDistance } from '../penalties/elastic-net.js';
import type { PiecewiseLinearLoss } from '../losses/types.js';
import type { HeapArray, Kernels } from '../wasm/kernels.js';
import type { Standardized } from '../problem/standardize.js';
import { solveDense } from './dense-solve.js';
import { linearPredictor } from './predictor.js';

/** Largest system solved densely (unknowns); beyond it the finish declines. */
export const MAX_FINISH_UNKNOWNS = 1500;

export interface FinishData {
  nSamples: number;
  /** nSamples × nFeatures standardized features, column-major, float64. */
  Xs: Float64Array;
  /** nFeatures Σ_i wn_i x̃_ij². */
  xv: Float64Array;
  y: Float64Array;
  /** nSamples weights w_i/n. */
  wn: Float64Array;
  below: number;
  above: number;
  intercept: boolean;
  /** The null model's mean absolute residual Σ wn_i |y_i − η0|: the scale of residuals. */
  residualScale: number;
  /** Residuals within this of 0 count as on their kink when checking sides. */
  residualTolerance: number;
  /**
   * Where Xs lives in a kernels' heap, with an nSamples scratch array there: the simplex then
   * forms its edge's residual rates by the (SIMD) kernels' axpy. Absent: plain loops.
   */
  heap?: { kernels: Kernels; XsPtr: number; scratch: HeapArray };
}

/** The finish's data for a problem whose null model predicts eta0. */
export function finishDataOf(
  std: Standardized,
  y: Float64Array,
  loss: PiecewiseLinearLoss,
  intercept: boolean,
  eta0: number,
): FinishData {
  let scale = 0;
  let yMax = 0;
  for (let i = 0; i < y.length; i++) {
    scale += std.wn[i] * Math.abs(y[i] - eta0);
    yMax = Math.max(yMax, Math.abs(y[i]));
  }
  const residualScale = scale > 0 ? scale : 1;
  return {
    nSamples: y.length, Xs: std.Xs, xv: std.xv, y, wn: std.wn, ...loss.slopes, intercept,
    residualScale, residualTolerance: 1e-9 * residualScale + 1e-13 * yMax,
  };
}

/** Per-feature penalty of one λ (nFeatures each): l1 = λαv_j, l2 = λ(1−α)v_j, bounds on β̃. */
export interface FinishPenalty {
  l1: ArrayLike<number>;
  l2: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

export interface FinishResult {
  /** nFeatures coefficients (0 outside the strong set), the intercept and the predictors. */
  beta: Float64Array;
  b0: number;
  eta: Float64Array;
  /** nSamples dual slopes u_i ∈ [below, above]: the loss's subgradient, as residual slopes. */
  slope: Float64Array;
  /** nSamples flags of the elbow set E. */
  elbow: Uint8Array;
  /** Largest subdifferential distance over the strong set. */
  kkt: number;
}

/** Tolerance on u_i leaving [below, above] before it is clipped back (rounding of the solve). */
const SLOPE_TOLERANCE = 1e-9;
/** Relative tolerance of the subdifferential conditions (per feature, in units of its gradient). */
const KKT_TOLERANCE = 1e-9;
/** Coefficients this small against the largest are rounding. */
const ROUNDING = 1e-12;
/** Repairs of the structure tried before the finish declines. */
const REPAIR_ROUNDS = 6;

/** Where each feature of the strong set sits: at 0, active with a sign, or at a bound. */
const ZERO = 0;
const AT_UPPER = 2;
const AT_LOWER = -2;

interface Structure {
  /** nFeatures: ZERO, ±1 (active, with that sign), AT_UPPER or AT_LOWER. */
  side: Int8Array;
  /** nSamples flags of the elbow set. */
  elbow: Uint8Array;
  /** nSamples residuals of the point the structure was read from (their signs fix the slopes). */
  residual: Float64Array;
  /** nFeatures coefficients held at a bound (read where side is AT_UPPER or AT_LOWER). */
  beta: Float64Array;
}

/**
 * The elbow set for the system: the flagged samples, and, when the system decouples as a linear
 * program (it needs exactly `count` of them), the flagged ones nearest their kink, topped up with
 * the nearest others.
 */
function pickElbow(r: Float64Array, wn: Float64Array, flags: Uint8Array, count: number, exact: boolean): number[] {
  const flagged: number[] = [];
  for (let i = 0; i < r.length; i++) if (flags[i] && wn[i] > 0) flagged.push(i);
  if (!exact || flagged.length === count) return flagged;
  const byDistance = (a: number, b: number) => Math.abs(r[a]) - Math.abs(r[b]);
  flagged.sort(byDistance);
  if (flagged.length > count) return flagged.slice(0, count);
  const others: number[] = [];
  for (let i = 0; i < r.length; i++) if (!flags[i] && wn[i] > 0) others.push(i);
  others.sort(byDistance);
  return flagged.concat(others.slice(0, count - flagged.length));
}

/**
 * Attempts the exact solution with the structure of the current state (β̃, η): A and F from β̃
 * over the strong set, E from `elbow`, the other samples' sides from the signs of y − η (or of
 * `sides` when given), repaired a few times when wrong. Returns null when no structure tried
 * was right.
 */
export function exactFinish(
  d: FinishData,
  strong: ArrayLike<number>,
  penalty: FinishPenalty,
  beta: Float64Array,
  eta: Float64Array,
  elbow: Uint8Array,
  sides?: Float64Array,
): FinishResult | null {
  const side = new Int8Array(beta.length);
  for (let t = 0; t < strong.length; t++) {
    const j = strong[t];
    const b = beta[j];
    if (b === 0) side[j] = ZERO;
    else if (b >= penalty.upper[j]) side[j] = AT_UPPER;
    else if (b <= penalty.lower[j]) side[j] = AT_LOWER;
    else side[j] = b > 0 ? 1 : -1;
  }
  const residual = sides?.slice() ?? new Float64Array(d.nSamples);
  if (!sides) for (let i = 0; i < d.nSamples; i++) residual[i] = d.y[i] - eta[i];
  let structure: Structure | null = { side, elbow, residual, beta };
  for (let round = 0; round <= REPAIR_ROUNDS && structure; round++) {
    const outcome = solveStructure(d, strong, penalty, structure);
    if ('result' in outcome) return outcome.result;
    structure = outcome.next;
  }
  return null;
}

/** Solves the system of one structure and checks it: the result, or the repaired structure. */
function solveStructure(
  d: FinishData,
  strong: ArrayLike<number>,
  penalty: FinishPenalty,
  structure: Structure,
): { result: FinishResult } | { next: Structure | null } {
  const { nSamples: n, Xs, y, wn, below, above } = d;
  const { side } = structure;
  const active: number[] = [];
  const fixed: number[] = [];
  let linearProgram = true;
  for (let t = 0; t < strong.length; t++) {
    const j = strong[t];
    if (side[j] === AT_UPPER || side[j] === AT_LOWER) fixed.push(j);
    else if (side[j] !== ZERO) {
      active.push(j);
      if (penalty.l2[j] !== 0) linearProgram = false;
    }
  }
  const bound = (j: number) => (side[j] === AT_UPPER ? penalty.upper[j] : penalty.lower[j]);
  const off = d.intercept ? 1 : 0;
  const m = active.length + off;
  const E = pickElbow(structure.residual, wn, structure.elbow, m, linearProgram);
  const e = E.length;
  const size = e + m;
  if (size === 0 || size > MAX_FINISH_UNKNOWNS) return { next: null };

  const inE = new Uint8Array(n);
  for (const i of E) inE[i] = 1;
  const slope = new Float64Array(n);
  for (let i = 0; i < n; i++) if (!inE[i]) slope[i] = structure.residual[i] >= 0 ? above : below;
  // Column k of the structure: the intercept's ones, then the active features.
  const column = (k: number, i: number): number => (k < off ? 1 : Xs[active[k - off] * n + i]);

  const A = new Float64Array(size * size);
  const z = new Float64Array(size);
  for (let a = 0; a < e; a++) {
    const i = E[a];
    let target = y[i];
    for (const j of fixed) target -= Xs[j * n + i] * bound(j);
    z[a] = target;
    for (let k = 0; k < m; k++) A[a * size + k] = column(k, i);
  }
  for (let k = 0; k < m; k++) {
    const row = (e + k) * size;
    let outside = 0;
    for (let i = 0; i < n; i++) if (!inE[i]) outside += wn[i] * column(k, i) * slope[i];
    if (k >= off) {
      const j = active[k - off];
      z[e + k] = penalty.l1[j] * side[j] - outside;
      A[row + k] = -penalty.l2[j];
    } else z[e + k] = -outside;
    for (let a = 0; a < e; a++) A[row + m + a] = wn[E[a]] * column(k, E[a]);
  }
  if (!solveDense(A, z, size)) return { next: null };

  // The candidate, and the repaired structure in case a check fails.
  const next = new Float64Array(side.length);
  const nextSide = side.slice();
  let ok = true;
  for (const j of fixed) next[j] = bound(j);
  // A coefficient of the wrong sign by no more than rounding is at 0 in the limit (a degenerate
  // structure: one of its features is active at 0); its subdifferential condition decides.
  let scale = 0;
  for (let t = 0; t < active.length; t++) scale = Math.max(scale, Math.abs(z[off + t]));
  for (let t = 0; t < active.length; t++) {
    const j = active[t];
    const b = z[off + t];
    next[j] = b;
    if (b * side[j] <= 0 && Math.abs(b) <= ROUNDING * scale) next[j] = 0;
    else if (b * side[j] <= 0) {
      nextSide[j] = ZERO;
      ok = false;
    } else if (b > penalty.upper[j]) {
      nextSide[j] = AT_UPPER;
      ok = false;
    } else if (b < penalty.lower[j]) {
      nextSide[j] = AT_LOWER;
      ok = false;
    }
  }
  const b0 = d.intercept ? z[0] : 0;
  const nextEta = linearPredictor(Xs, n, next, b0, new Float64Array(n));
  const residual = new Float64Array(n);
  const nextElbow = new Uint8Array(n);
  const tolR = d.residualTolerance;
  for (let i = 0; i < n; i++) {
    residual[i] = y[i] - nextEta[i];
    if (inE[i] || wn[i] === 0) continue;
    if (slope[i] === above ? residual[i] < -tolR : residual[i] > tolR) {
      nextElbow[i] = 1; // crossed its kink
      ok = false;
    }
  }
  for (let a = 0; a < e; a++) {
    const i = E[a];
    const u = z[m + a];
    if (u < below - SLOPE_TOLERANCE || u > above + SLOPE_TOLERANCE) {
      // Leaves the kink to the side its slope points to.
      residual[i] = u > above ? tolR + Number.MIN_VALUE : -tolR - Number.MIN_VALUE;
      ok = false;
    } else nextElbow[i] = 1;
    slope[i] = Math.min(above, Math.max(below, u));
  }
  const repaired = (): { next: Structure } => ({ next: { side: nextSide, elbow: nextElbow, residual, beta: next } });
  if (!ok) return repaired();

  let kkt = 0;
  for (let t = 0; t < strong.length; t++) {
    const j = strong[t];
    let g = 0;
    const col = j * n;
    for (let i = 0; i < n; i++) g += wn[i] * Xs[col + i] * slope[i];
    const dist = subdifferentialDistance(g, next[j], penalty.l1[j], penalty.l2[j], penalty.lower[j], penalty.upper[j]);
    if (dist > KKT_TOLERANCE * ((above - below) * Math.sqrt(d.xv[j]) + penalty.l1[j])) {
      // Moves off 0 or off its bound in the direction of its gradient.
      nextSide[j] = g - penalty.l2[j] * next[j] > 0 ? 1 : -1;
      ok = false;
    }
    kkt = Math.max(kkt, dist);
  }
  if (!ok) return repaired();
  return { result: { beta: next, b0, eta: nextEta, slope, elbow: nextElbow, kkt } };
}
