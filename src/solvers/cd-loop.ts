// The coordinate-descent loop of glmnet: a full pass over the strong set, then passes over the
// set of coefficients that have ever been nonzero until they settle, then a full pass again.

export interface ActiveSet {
  /** 1 for features that have been nonzero (glmnet's "ever active"); kept along the path. */
  flag: Uint8Array;
  list: number[];
}

export function newActiveSet(nFeatures: number): ActiveSet {
  return { flag: new Uint8Array(nFeatures), list: [] };
}

/** What one engine does per coordinate; measures are glmnet's xv·Δ². */
export interface CoordinateSweep {
  /** Updates coordinate j and returns its measure; `full` is false during active-set passes. */
  step(j: number, full: boolean): number;
  /** Updates the intercept (if fitted) and returns its measure. */
  interceptStep?(): number;
  /** Called before and after a run of active-set passes (engines may defer work to the end). */
  beginActive?(): void;
  endActive?(): void;
}

/**
 * Runs passes until a pass's largest measure is at most thr. Returns the passes used, or
 * -passes when the budget ran out first.
 */
export function coordinateDescent(
  strong: Int32Array,
  nStrong: number,
  beta: Float64Array,
  active: ActiveSet,
  sweep: CoordinateSweep,
  thr: number,
  maxPasses: number,
): number {
  let passes = 0;
  while (passes < maxPasses) {
    let dlx = sweep.interceptStep ? sweep.interceptStep() : 0;
    for (let s = 0; s < nStrong; s++) {
      const j = strong[s];
      const d = sweep.step(j, true);
      if (d > dlx) dlx = d;
      if (beta[j] !== 0 && !active.flag[j]) {
        active.flag[j] = 1;
        active.list.push(j);
      }
    }
    passes++;
    if (dlx <= thr) return passes;
    sweep.beginActive?.();
    while (passes < maxPasses) {
      let dlxActive = sweep.interceptStep ? sweep.interceptStep() : 0;
      const list = active.list;
      for (let s = 0; s < list.length; s++) {
        const d = sweep.step(list[s], false);
        if (d > dlxActive) dlxActive = d;
      }
      passes++;
      if (dlxActive <= thr) break;
    }
    sweep.endActive?.();
  }
  return -passes;
}
