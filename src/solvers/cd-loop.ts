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
}

/**
 * Runs passes until a pass's largest measure is at most thr; `active` collects the features
 * that have ever been nonzero. Returns the passes used, or -passes when the budget ran out.
 * Pauses (pacer) only at the heads of the two loops, where the state is all in beta and sweep.
 */
export async function coordinateDescent(
  strong: IndexList,
  beta: Float64Array,
  active: IndexList,
  sweep: CoordinateSweep,
  thr: number,
  maxPasses: number,
  pacer: Pacer,
): Promise<number> {
  let passes = 0;
  while (passes < maxPasses) {
    if (pacer.due()) await pacer.pause();
    let dlx = sweep.interceptStep ? sweep.interceptStep() : 0;
    dlx = Math.max(dlx, sweep.pass(strong, true));
    for (let s = 0; s < strong.count; s++) {
      const j = strong.data[s];
      if (beta[j] !== 0 && !active.flag[j]) active.add(j);
    }
    passes++;
    if (dlx <= thr) return passes;
    sweep.beginActive?.();
    while (passes < maxPasses) {
      if (pacer.due()) await pacer.pause();
      let dlxActive = sweep.interceptStep ? sweep.interceptStep() : 0;
      dlxActive = Math.max(dlxActive, sweep.pass(active, false));
      passes++;
      if (dlxActive <= thr) break;
    }
    sweep.endActive?.();
  }
  return -passes;
}
