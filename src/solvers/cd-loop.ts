// The coordinate-descent loop of glmnet: a full pass over the strong set, then passes over the
// set of coefficients that have ever been nonzero until they settle, then a full pass again.
// The passes themselves run in the kernels (src/wasm/kernels.wat); index lists live in the heap.

import type { Float64Heap } from '../wasm/kernels.js';
import type { Pacer } from './pacer.js';

/** A list of feature indices in the heap (the kernels read it at ptr). */
export class IndexList {
  readonly data: Int32Array;
  readonly ptr: number;
  readonly flag: Uint8Array;
  count = 0;
  /** Changes whenever the membership changes, so that derived lists know when to rebuild. */
  version = 0;
  /** Counts the clears: members can only leave the list by one. */
  clears = 0;

  constructor(heap: Float64Heap, nFeatures: number) {
    ({ data: this.data, ptr: this.ptr } = heap.allocInt32(nFeatures));
    this.flag = new Uint8Array(nFeatures);
  }

  add(j: number): void {
    this.flag[j] = 1;
    this.data[this.count++] = j;
    this.version++;
  }

  clear(): void {
    for (let t = 0; t < this.count; t++) this.flag[this.data[t]] = 0;
    this.count = 0;
    this.version++;
    this.clears++;
  }

  /** Keeps the list in feature order, the order of the coordinate passes. */
  sort(): void {
    this.data.subarray(0, this.count).sort();
  }
}

/** Heap doubles one IndexList of nFeatures takes. */
export const indexListDoubles = (nFeatures: number): number => Math.ceil(nFeatures / 2) + 2;

/** What one engine does per pass; measures are glmnet's xv·Δ². */
export interface CoordinateSweep {
  /** One pass over list[0 … count); `full` is false for active-set passes. Returns the largest measure. */
  pass(list: IndexList, full: boolean): number;
  /** Updates the intercept (if fitted) and returns its measure. */
  interceptStep?(): number;
  /** Called before and after a run of active-set passes (engines may defer work to the end). */
  beginActive?(): void;
  endActive?(): void;
  /**
   * A Newton step on the active set's face (face-newton.ts), for engines and penalties that have
   * one; returns its measure. Called when the active-set passes creep.
   */
  faceStep?(maxSteps: number): number;
  /**
   * Settle the features already active before the first full pass (a warm start along the path),
   * as glmnet's gaussian point solver does; its IRLS solvers start each weighted least-squares
   * solve with the full pass, as the loop does without this.
   */
  activeFirst?: boolean;
}

/**
 * Active-set passes between two face Newton steps: at least this many, and at least as many as
 * there are active features, so that a step (about |active| passes' worth of work, for the
 * Hessian) costs at most about as much as the passes that preceded it. Well-conditioned
 * problems converge within these passes and never take one.
 */
const FACE_STEP_MIN_PASSES = 20;

/** A face step this many times the measure of the pass before it means the passes were crawling along a valley. */
const CRAWL_RATIO = 1e4;
/**
 * Newton steps one face step may take: against creeping passes several, to confirm convergence
 * few, so that confirming stays cheap.
 */
const FACE_STEPS_CREEP = 8;
const FACE_STEPS_CONFIRM = 2;
/** Face steps that may confirm convergence in one solve; past them glmnet's test decides. */
const MAX_CONFIRMATIONS = 2;

/**
 * What an engine remembers about its path: whether a face step has shown the passes crawling
 * along a nearly flat valley (near-duplicate columns). From then on a pass below the threshold
 * is no proof of convergence (each pass moves a fraction ε of the distance left, so steps fall
 * below thr far from the optimum): it is confirmed by a face step, whose measure must be at
 * most thr too. Well-conditioned paths never set it and stop exactly as glmnet does.
 */
export interface ValleyState {
  seen: boolean;
  /** Whether a pass below thr on a valley is confirmed (valleyState: a tolerance asking for the optimum). */
  confirm: boolean;
}

/**
 * At glmnet's default tolerance (1e-7) and looser, a pass below the threshold ends the solve as
 * glmnet's does, valley or not: confirming costs a factorization of the active system per
 * solve (on the near-duplicate designs, 3–10× glmnet's time at the default tol) for an optimum
 * no closer than glmnet's own stop. From this tolerance down the user asks for the optimum, and
 * on a valley a face step confirms it (issue 19: every λ converged at tol 1e-13).
 */
export const VALLEY_CONFIRM_TOL = 1e-9;

/** An engine's valley state for a problem's tolerance. */
export const valleyState = (tol: number): ValleyState => ({ seen: false, confirm: tol <= VALLEY_CONFIRM_TOL });

/**
 * Runs passes until a pass's largest measure is at most thr (and, on a valley, a face step's);
 * `active` collects the features that have ever been nonzero. Returns the passes used, or
 * -passes when the budget ran out. Pauses (pacer) only at the heads of the two loops, where the
 * state is all in beta and sweep.
 */
export async function coordinateDescent(
  strong: IndexList,
  beta: Float64Array,
  active: IndexList,
  sweep: CoordinateSweep,
  thr: number,
  maxPasses: number,
  pacer: Pacer,
  valley: ValleyState = { seen: false, confirm: true },
): Promise<number> {
  const faceStep = sweep.faceStep;
  let passes = 0;
  /** Active-set passes since the last face step. */
  let creeping = 0;
  /** Confirming face steps left to this solve: each may end on a new face, and each costs ~|active| passes. */
  let confirmations = valley.confirm ? MAX_CONFIRMATIONS : 0;
  const settled = (dlx: number): boolean => {
    if (!(dlx <= thr)) return false;
    if (!faceStep || !valley.seen || confirmations === 0) return true;
    confirmations--;
    creeping = 0;
    return faceStep(FACE_STEPS_CONFIRM) <= thr;
  };
  // activeFirst: a warm start (features already in play, from the previous λ) first settles those:
  // the full pass then measures the entering features against their optimum, and does not end the
  // solve on many small first steps taken beside the active set's own.
  let warm = sweep.activeFirst === true && active.count > 0;
  while (passes < maxPasses) {
    if (!warm) {
      if (pacer.due()) await pacer.pause();
      let dlx = sweep.interceptStep ? sweep.interceptStep() : 0;
      dlx = Math.max(dlx, sweep.pass(strong, true));
      for (let s = 0; s < strong.count; s++) {
        const j = strong.data[s];
        if (beta[j] !== 0 && !active.flag[j]) active.add(j);
      }
      passes++;
      if (settled(dlx)) return passes;
    }
    warm = false;
    sweep.beginActive?.();
    while (passes < maxPasses) {
      if (pacer.due()) await pacer.pause();
      let dlxActive = sweep.interceptStep ? sweep.interceptStep() : 0;
      dlxActive = Math.max(dlxActive, sweep.pass(active, false));
      passes++;
      if (settled(dlxActive)) break;
      if (faceStep && ++creeping >= Math.max(FACE_STEP_MIN_PASSES, active.count)) {
        if (faceStep(FACE_STEPS_CREEP) > CRAWL_RATIO * dlxActive) valley.seen = true;
        creeping = 0;
      }
    }
    sweep.endActive?.();
  }
  return -passes;
}
