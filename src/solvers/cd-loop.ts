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

/**
 * Runs passes of `step` until a pass's largest step measure (xv·Δ², glmnet's criterion) is at
 * most thr. `step(j)` updates coordinate j and returns its measure; `interceptStep` (if any)
 * updates the intercept and returns its measure. Returns the passes used, or -passes when the
 * budget ran out first.
 */
export function coordinateDescent(
  strong: Int32Array,
  nStrong: number,
  beta: Float64Array,
  active: ActiveSet,
  step: (j: number) => number,
  interceptStep: (() => number) | null,
  thr: number,
  maxPasses: number,
): number {
  let passes = 0;
  while (passes < maxPasses) {
    let dlx = interceptStep ? interceptStep() : 0;
    for (let s = 0; s < nStrong; s++) {
      const j = strong[s];
      const d = step(j);
      if (d > dlx) dlx = d;
      if (beta[j] !== 0 && !active.flag[j]) {
        active.flag[j] = 1;
        active.list.push(j);
      }
    }
    passes++;
    if (dlx <= thr) return passes;
    while (passes < maxPasses) {
      let dlxActive = interceptStep ? interceptStep() : 0;
      const list = active.list;
      for (let s = 0; s < list.length; s++) {
        const d = step(list[s]);
        if (d > dlxActive) dlxActive = d;
      }
      passes++;
      if (dlxActive <= thr) break;
    }
  }
  return -passes;
}
