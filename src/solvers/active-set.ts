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
//    enters; with none, the point is optimal, checked from scratch, and its certificate returned.
// The objective never increases. Along a path the optimum of the previous λ starts the next one,
// so each λ costs the few structure changes between them.
//
// A step costs O(n·|A|) (the residuals' rates along it, by the kernels' SIMD axpy) plus O(n) for
// the line search (a heap over the breakpoints), O(size²) for the solve and for each change of
// structure (the system's inverse is updated, structure-inverse.ts) and O(p) per sample that
// changes side (the off-kink gradients are updated, active-set-state.ts); the state carries over
// to the next λ, where only σ and the right-hand side change.

import { edgeSearch, type EdgeWalk, type Moving } from './edge-search.js';
import {
  exactFinish, MAX_FINISH_UNKNOWNS, type FinishData, type FinishPenalty, type FinishResult,
} from './piecewise-linear-finish.js';
import type { Pacer } from './pacer.js';
import { linearPredictor } from './predictor.js';
import { certify, gradientsOf, worstViolation } from './piecewise-linear-dual.js';
import { residualRates } from './residual-rates.js';
import type { Vertex } from './simplex.js';
import { ActiveSetState } from './active-set-state.js';
import { featureOf, INTERCEPT, type StructureSolution } from './structure-inverse.js';

/** Structure changes in a row without a decrease of the objective before giving up (cycling). */
const MAX_STALLS = 500;
/**
 * …and before the ties' choices (which sample joins E, which redundant one leaves) turn from the
 * lowest index to a pseudo-random one: a deterministic rule can cycle among degenerate structures.
 */
const RANDOMIZE_AFTER = 20;
/** A step to the structure's optimum shorter than this (relative) means the point is there. */
const AT_OPTIMUM = 1e-12;
/** A walk that ends this close to the whole step (and crossed nothing) reached the structure's optimum. */
const WHOLE_STEP = 1e-9;
/** Coefficients this small against the largest are rounding. */
const ROUNDING = 1e-12;
/** Steps between recomputations of the updated state from the coefficients. */
const REFRESH_EVERY = 100;

/** A step of (b̃0, β̃_A): to the structure's optimum (x: its solution), or along a kernel vector. */
interface Step {
  solution: StructureSolution;
  d0: number;
  moving: Moving[];
}

type Outcome = { result: FinishResult } | 'continue' | 'stall' | 'fail';

/**
 * Minimizes over the strong set from `start` (flagged samples within the residual tolerance of
 * their kink form E; all flagged ones with `trustElbow`), or from `carried`, the state this method
 * left at the previous λ's optimum when that is `start`. Returns the optimum and its certificate,
 * or null when a direction fails to descend (a degenerate structure) or maxIterations run out;
 * `iterations` counts the systems solved; `state` is the one to carry to the next λ.
 */
export async function activeSetSolve(
  d: FinishData,
  strong: ArrayLike<number>,
  penalty: FinishPenalty,
  start: Vertex,
  maxIterations: number,
  pacer: Pacer,
  trustElbow = false,
  carried: ActiveSetState | null = null,
): Promise<{ result: FinishResult | null; iterations: number; state: ActiveSetState | null }> {
  const state = carried?.continues(d, strong, start) ? carried : new ActiveSetState(d, strong, penalty, start, trustElbow);
  state.system.retarget(penalty.l2);
  let iterations = 0;
  /** Structure changes since the objective last decreased: many mean cycling among ties. */
  let stalls = 0;
  while (iterations < maxIterations && stalls <= MAX_STALLS) {
    if (pacer.due()) await pacer.pause();
    iterations++;
    if (state.system.size > MAX_FINISH_UNKNOWNS) break;
    if (state.steps >= REFRESH_EVERY) state.refresh();
    state.randomTies = stalls > RANDOMIZE_AFTER;
    const solution = state.system.solve(state.rhs(penalty), penalty.l2);
    const outcome = iterate(state, strong, penalty, solution);
    if (outcome === 'fail') break;
    if (outcome === 'stall') stalls++;
    else if (outcome === 'continue') stalls = 0;
    else return { ...outcome, iterations, state };
  }
  return { result: null, iterations, state: null };
}

/** One iteration from the structure's solution: a step, a change of structure, or the optimum. */
function iterate(
  state: ActiveSetState,
  strong: ArrayLike<number>,
  penalty: FinishPenalty,
  solution: StructureSolution,
): Outcome {
  const step = stepOf(state, solution);
  if (!step) return dropRedundant(state, solution);
  if (solution.solved && negligible(state, step, 1)) {
    moveAlong(state, step, 1, null);
    return settle(state, strong, penalty, solution.x);
  }
  const rate = ratesOf(state, penalty, step);
  const walk = edgeSearch(state.d, penalty, state.beta, state.r, rate.all, step.moving, state.breakpoints);
  if (!(walk.slope0 < 0)) {
    // The structure's model says descent but the objective does not: a sample on its kink but
    // not in E (a tie) or a feature at 0 in A is pushed to the side the model did not assume. It
    // joins E (leaves A), a step of length 0, and the system is solved again.
    if (wrongWay(state, penalty, rate.all, step)) return 'stall';
    if (!solution.solved) return 'fail';
    // The step to the structure's optimum does not descend: the point is there but for rounding.
    moveAlong(state, step, 1, rate);
    return settle(state, strong, penalty, solution.x);
  }
  if (!Number.isFinite(walk.t)) return 'fail';
  const whole = solution.solved && !walk.stop && walk.crossed === 0 && Math.abs(walk.t - 1) <= WHOLE_STEP;
  const t = whole ? 1 : walk.t;
  const progress = !negligible(state, step, t);
  moveAlong(state, step, t, rate);
  afterWalk(state, penalty, step, walk, rate.all);
  // The whole step to the structure's optimum: its dual is this solution's.
  const outcome = whole ? settle(state, strong, penalty, solution.x) : 'stall';
  return outcome === 'stall' && progress ? 'continue' : outcome;
}

/** The step the solution gives (to the structure's optimum, or along a kernel); null for redundant kink rows. */
function stepOf(state: ActiveSetState, solution: StructureSolution): Step | null {
  const { members } = state.system;
  const x = solution.solved ? solution.x : solution.kernel;
  let primal = 0;
  let dual = 0;
  for (let a = 0; a < members.length; a++) {
    if (members[a] >= 0) dual = Math.max(dual, Math.abs(x[a]));
    else primal = Math.max(primal, Math.abs(x[a]));
  }
  if (!solution.solved && !(primal > 1e-9 * dual)) return null;
  const moving: Moving[] = [];
  let d0 = 0;
  for (let a = 0; a < members.length; a++) {
    const code = members[a];
    if (code === INTERCEPT) d0 = x[a];
    else if (code < INTERCEPT) moving.push({ j: featureOf(code), v: x[a] });
  }
  return { solution, d0, moving };
}

/**
 * Redundant kink rows (a degenerate point: more samples on their kinks than the structure needs):
 * one of those in the dependence leaves E, not the one that just joined it, the lowest index
 * first (Bland's rule, against cycling), a pseudo-random one when cycling goes on.
 */
function dropRedundant(state: ActiveSetState, solution: StructureSolution): Outcome {
  if (solution.solved) return 'fail';
  const v = solution.kernel;
  const { members } = state.system;
  let dual = 0;
  for (let a = 0; a < members.length; a++) if (members[a] >= 0) dual = Math.max(dual, Math.abs(v[a]));
  const candidates: number[] = [];
  for (let a = 0; a < members.length; a++) {
    const i = members[a];
    if (i >= 0 && Math.abs(v[a]) > 1e-9 * dual && i !== state.lastJoined) candidates.push(i);
  }
  const last = state.lastJoined;
  if (candidates.length === 0 && last >= 0 && state.system.samplePos[last] >= 0) candidates.push(last);
  if (candidates.length === 0) return 'fail';
  const worst = state.pick(candidates.sort((i, k) => i - k));
  state.leaveE(worst, state.lastSide[worst]);
  return 'stall';
}

/**
 * Whether t along the step moves the coefficients by no more than rounding (t = 1 to the
 * structure's optimum: the point is there; a walk that short is no progress).
 */
function negligible(state: ActiveSetState, step: Step, t: number): boolean {
  let moved = Math.abs(t * step.d0);
  let scale = state.off ? Math.max(Math.abs(state.b0), Math.abs(state.b0 + t * step.d0)) : 0;
  for (const { j, v } of step.moving) {
    moved = Math.max(moved, Math.abs(t * v));
    scale = Math.max(scale, Math.abs(state.beta[j]), Math.abs(state.beta[j] + t * v));
  }
  return moved <= AT_OPTIMUM * scale;
}

/** The residuals' rates along a step: `all` with 0 on E (for the line search), E's own apart. */
interface Rates {
  all: Float64Array;
  /** The kink samples and their rates. */
  kink: number[];
  kinkRates: number[];
}

function ratesOf(state: ActiveSetState, penalty: FinishPenalty, step: Step): Rates {
  const features = step.moving.map((m) => m.j);
  const coefs = step.moving.map((m) => m.v);
  const all = residualRates(state.d, step.d0, features, coefs, state.rateBuffer);
  const kink = state.kinkSamples();
  const kinkRates = kink.map((i) => all[i]);
  for (const i of kink) all[i] = 0;
  if (!step.solution.solved && modelSlope(state, penalty, step, all) > 0) {
    // Along a kernel the structure's objective is linear: the way it decreases.
    step.d0 = -step.d0;
    for (const m of step.moving) m.v = -m.v;
    for (let i = 0; i < all.length; i++) all[i] = -all[i];
    for (let k = 0; k < kinkRates.length; k++) kinkRates[k] = -kinkRates[k];
  }
  return { all, kink, kinkRates };
}

/** The structure's objective's slope along a step (its sides' slopes off E, A's signs). */
function modelSlope(state: ActiveSetState, penalty: FinishPenalty, step: Step, rate: Float64Array): number {
  const { d, slope, side } = state;
  let s = 0;
  for (let i = 0; i < rate.length; i++) if (side[i] !== 0) s += d.wn[i] * slope[i] * rate[i];
  for (const { j, v } of step.moving) s += penalty.l1[j] * state.sign[j] * v;
  return s;
}

/**
 * Coefficients and residuals move t along the step (rates: null for a negligible step: the
 * residuals move by less than the tolerance, the kink samples' are recomputed at the next solve,
 * and the next refresh or the check from scratch puts the others right). A coefficient left on
 * the side opposite to its sign by no more than rounding (one at 0 that should stay there) is put
 * back at 0, with its sign.
 */
function moveAlong(state: ActiveSetState, step: Step, t: number, rates: Rates | null): void {
  const { beta, sign, r } = state;
  state.b0 += t * step.d0;
  let scale = Math.abs(state.b0);
  for (const { j, v } of step.moving) scale = Math.max(scale, Math.abs((beta[j] += t * v)));
  for (const { j } of step.moving) if (beta[j] * sign[j] < 0 && Math.abs(beta[j]) <= ROUNDING * scale) beta[j] = 0;
  if (!rates) return;
  const { all, kink, kinkRates } = rates;
  for (let i = 0; i < r.length; i++) r[i] += t * all[i];
  for (let k = 0; k < kink.length; k++) r[kink[k]] += t * kinkRates[k];
}

/**
 * After a walk: the samples it crossed change side, the breakpoint that stopped it joins the
 * structure (a sample joins E, a coefficient at 0 or at its bound leaves A), the moving
 * coefficients' signs follow them, and samples off their kink by more than the tolerance take
 * the side of their residual.
 */
function afterWalk(state: ActiveSetState, penalty: FinishPenalty, step: Step, walk: EdgeWalk, rate: Float64Array): void {
  const { d, r, side } = state;
  state.steps++;
  const { crossed } = state.breakpoints;
  for (let k = 0; k < walk.crossed; k++) {
    const i = crossed[k];
    const next = rate[i] > 0 ? 1 : -1;
    if (side[i] !== next) state.setSide(i, next);
  }
  const stop = walk.stop;
  if (stop?.kind === 'sample') state.joinE(stop.index, penalty.l2);
  else if (stop) state.leaveA(stop.index, stop.kind === 'zero' ? 0 : stop.limit!);
  for (const { j } of step.moving) if (state.beta[j] !== 0) state.sign[j] = Math.sign(state.beta[j]);
  const tolR = d.residualTolerance;
  for (let i = 0; i < r.length; i++) {
    if (side[i] === 0 || Math.abs(r[i]) <= tolR) continue;
    const next = r[i] > 0 ? 1 : -1;
    if (next !== side[i]) state.setSide(i, next);
  }
}

/**
 * The first sample on its kink (within the residual tolerance) but not in E (a pseudo-random one
 * while cycling), or feature at 0 in A, that the step moves to the side opposite to the one the
 * structure assumed: it joins E (leaves A); false when none does.
 */
function wrongWay(state: ActiveSetState, penalty: FinishPenalty, rate: Float64Array, step: Step): boolean {
  const { d, r, side } = state;
  const candidates: number[] = [];
  for (let i = 0; i < rate.length; i++) {
    if (side[i] === 0 || d.wn[i] === 0 || rate[i] * side[i] >= 0) continue;
    if (Math.abs(r[i]) <= d.residualTolerance) candidates.push(i);
    if (!state.randomTies && candidates.length > 0) break;
  }
  if (candidates.length > 0) {
    state.joinE(state.pick(candidates), penalty.l2);
    return true;
  }
  for (const { j, v } of step.moving) {
    if (state.beta[j] === 0 && v * state.sign[j] < 0) {
      state.leaveA(j, 0);
      return true;
    }
  }
  return false;
}

/**
 * At the structure's optimum (x: its solution, the kink samples' v_i = wn_i u_i) its dual
 * decides: a sample leaves E or a feature enters A, or the optimum is checked from scratch.
 */
function settle(state: ActiveSetState, strong: ArrayLike<number>, penalty: FinishPenalty, x: Float64Array): Outcome {
  const { d, slope, Xr, p } = state;
  const { members } = state.system;
  const g = state.gradient;
  for (let t = 0; t < strong.length; t++) g[strong[t]] = state.h[strong[t]];
  for (let a = 0; a < members.length; a++) {
    const i = members[a];
    if (i < 0) continue;
    slope[i] = x[a] / d.wn[i];
    const base = i * p;
    for (let t = 0; t < strong.length; t++) g[strong[t]] += x[a] * Xr[base + strong[t]];
  }
  const E = state.kinkSamples();
  const worst = worstViolation(d, strong, penalty, state.beta, slope, E, state.inA, g);
  if (!worst) return finishOptimum(state, strong, penalty, E);
  if (worst.kind === 'sample') state.leaveE(worst.index, worst.direction);
  else state.enterA(worst.index, worst.direction, penalty.l2);
  return 'stall';
}

/**
 * The optimum's result from scratch: residuals recomputed from the coefficients, every sample off
 * its kink on its side (but for the tolerance), no dual violation with the gradients recomputed,
 * and the certificate. A violation found only from scratch changes the structure; sides that
 * the updates got wrong refresh the state.
 */
function finishOptimum(state: ActiveSetState, strong: ArrayLike<number>, penalty: FinishPenalty, E: number[]): Outcome {
  const { d, n, r, side } = state;
  const eta = linearPredictor(d.Xs, n, state.beta, state.b0, new Float64Array(n));
  const tolR = d.residualTolerance;
  let consistent = true;
  for (let i = 0; i < n; i++) {
    r[i] = d.y[i] - eta[i];
    if ((side[i] > 0 && r[i] < -tolR) || (side[i] < 0 && r[i] > tolR)) consistent = false;
  }
  if (!consistent) {
    state.refresh();
    return 'stall';
  }
  const g = gradientsOf(d, strong, state.slope, state.p);
  const worst = worstViolation(d, strong, penalty, state.beta, state.slope, E, state.inA, g);
  if (worst?.kind === 'sample') state.leaveE(worst.index, worst.direction);
  else if (worst) state.enterA(worst.index, worst.direction, penalty.l2);
  if (worst) return 'stall';
  const inE = new Uint8Array(n);
  for (const i of E) inE[i] = 1;
  return { result: certify(d, strong, penalty, state.beta.slice(), state.b0, eta, state.slope.slice(), inE, g) };
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
): Promise<{ result: FinishResult | null; iterations: number; state: null }> {
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
  if (!result) return { result: null, iterations, state: null };
  const sides = new Float64Array(d.nSamples);
  // The sides the active set assumed (those of its certificate), as signs.
  for (let i = 0; i < sides.length; i++) sides[i] = result.slope[i] === d.above ? 1 : -1;
  const finished = exactFinish(d, strong, penalty, result.beta, result.eta, result.elbow, sides);
  return { result: finished, iterations: iterations + 1, state: null };
}
