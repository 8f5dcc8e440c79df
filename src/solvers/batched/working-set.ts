// The working set of a first-order block (PDHG): the coefficient rows its products run over,
// shared by the block's columns. It starts from the warm start's structure (its nonzero features
// and the features that violate their KKT condition there at some column's λ, as the proximal
// Newton block's does) and only grows: a column whose solution on the set is certified is
// checked against every feature by one full product X̃ᵀD, and the features that violate their
// condition there join.

import type { FinishPenalty } from '../piecewise-linear-finish.js';
import { featureViolation, type PdhgProblems } from './pdhg-problems.js';

export class WorkingSet {
  /** nFeatures + 1 flags: row j is in the set (row nFeatures: the intercept). */
  readonly inSet: Uint8Array;
  private list: Int32Array | null = null;
  private count = 0;

  /** The set of the intercept alone (empty without one). */
  constructor(private readonly nFeatures: number, intercept: boolean) {
    this.inSet = new Uint8Array(nFeatures + 1);
    if (intercept) this.add(nFeatures);
  }

  /** Adds row j; true when it was not in the set. */
  add(j: number): boolean {
    if (this.inSet[j]) return false;
    this.inSet[j] = 1;
    this.count++;
    this.list = null;
    return true;
  }

  get size(): number {
    return this.count;
  }

  /** The rows, ascending (the intercept, row nFeatures, last): the list the products take. */
  get rows(): Int32Array {
    if (!this.list) {
      const rows = new Int32Array(this.count);
      let at = 0;
      for (let j = 0; j <= this.nFeatures; j++) if (this.inSet[j]) rows[at++] = j;
      this.list = rows;
    }
    return this.list;
  }
}

/**
 * The features outside the set that violate their KKT condition in a column of problem
 * `problem` (coefficient 0 there), from its G = minus the gradient (nFeatures + 1 values, read
 * back): those whose violation exceeds `threshold`, and the largest violation outside the set.
 */
export function violationsOutside(
  pp: PdhgProblems, set: WorkingSet, problem: number, penalty: FinishPenalty, G: Float64Array, threshold: number,
): { worst: number; violators: number[] } {
  let worst = 0;
  const violators: number[] = [];
  for (let j = 0; j < pp.nFeatures; j++) {
    if (set.inSet[j]) continue;
    const d = featureViolation(pp, problem, penalty, j, G[j], 0);
    if (d > worst) worst = d;
    if (d > threshold) violators.push(j);
  }
  return { worst, violators };
}
