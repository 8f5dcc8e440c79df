// PDHG's restarts per column (PDLP's scheme): the running average of the iterates since the last
// restart, the restart criteria on the normalized error (sufficient and necessary decay, and an
// artificial restart), the move to the better of the current point and the average, and the
// primal weight ω that balances the distances travelled in x and u since the last restart.

import type { BatchOps } from './backend.js';
import type { BlockBuffers, Iterate } from './pdhg-buffers.js';

/** PDLP's restart thresholds: sufficient and necessary decay of the error, artificial restart. */
const RESTART_SUFFICIENT = 0.2;
const RESTART_NECESSARY = 0.8;
const RESTART_ARTIFICIAL = 0.36;
/** Smoothing of the primal weight's update (in log scale). */
const WEIGHT_SMOOTHING = 0.5;

/** A point's errors per column: KKT distance, loss gap, and the normalized error (their max). */
export interface PointErrors {
  dist: Float64Array;
  gap: Float64Array;
  err: Float64Array;
}

export class PdhgRestarts {
  /** Per column: the primal weight ω (τ = s/ω, σ = s·ω). */
  private readonly omega: Float64Array;
  private readonly sinceRestart: number[];
  private readonly errorAtRestart: number[];
  private readonly previousCandidate: number[];
  private readonly rebased: boolean[];

  constructor(private readonly ops: BatchOps, private readonly b: BlockBuffers, residualScales: Float64Array) {
    const K = residualScales.length;
    this.omega = residualScales.map((r) => 1 / r);
    this.sinceRestart = new Array<number>(K).fill(0);
    this.errorAtRestart = new Array<number>(K).fill(Infinity);
    this.previousCandidate = new Array<number>(K).fill(Infinity);
    this.rebased = new Array<boolean>(K).fill(false);
  }

  private perColumn(values: (k: number) => number): Float64Array {
    return Float64Array.from({ length: this.omega.length }, (_, k) => values(k));
  }

  begin(start: PointErrors): void {
    this.errorAtRestart.splice(0, this.omega.length, ...start.err);
  }

  writeSteps(stepScale: Float64Array): void {
    this.ops.write(this.b.tau, this.perColumn((k) => stepScale[k] / this.omega[k]));
    this.ops.write(this.b.sigma, this.perColumn((k) => stepScale[k] * this.omega[k]));
  }

  /** One iteration more since the last restart, for the running columns. */
  counted(done: boolean[]): void {
    for (let k = 0; k < done.length; k++) if (!done[k]) this.sinceRestart[k]++;
  }

  /** avg = the sums since the last restart over their count. */
  average(avg: Iterate): void {
    const { ops, b } = this;
    ops.write(b.inverseCount, this.perColumn((k) => 1 / Math.max(1, this.sinceRestart[k])));
    ops.combine(b.inverseCount, b.sumX, b.zero, b.sumX, avg.X);
    ops.combine(b.inverseCount, b.sumU, b.zero, b.sumU, avg.U);
  }

  /** 1 where the average is the better candidate (and exists), else 0. */
  useAverage(now: PointErrors, mean: PointErrors): Float64Array {
    return this.perColumn((k) => (this.sinceRestart[k] > 0 && mean.err[k] < now.err[k] ? 1 : 0));
  }

  /**
   * The working set grew: at its next check each running column's error is measured on the
   * larger set, where it may have jumped; that error is then the reference of its restart
   * criteria (as after a restart), so that the decay they ask for is from there.
   */
  rebase(running: Int32Array): void {
    for (const k of running) this.rebased[k] = true;
  }

  /** Whether column k restarts at this check, its candidate's error being `candidate`. */
  due(k: number, candidate: number, total: number): boolean {
    if (this.rebased[k]) {
      this.rebased[k] = false;
      this.errorAtRestart[k] = Math.max(this.errorAtRestart[k], candidate);
    }
    const at = this.errorAtRestart[k];
    const due = this.sinceRestart[k] > 0 && (
      candidate <= RESTART_SUFFICIENT * at ||
      (candidate <= RESTART_NECESSARY * at && candidate > this.previousCandidate[k]) ||
      this.sinceRestart[k] >= RESTART_ARTIFICIAL * total);
    this.previousCandidate[k] = candidate;
    return due;
  }

  /**
   * Restarted columns move to their candidate; the primal weight balances the distances
   * travelled since the last restart; the averages start over. The caller writes the steps.
   */
  async restart(restart: boolean[], useAverage: Float64Array, now: PointErrors, mean: PointErrors, cur: Iterate, avg: Iterate): Promise<void> {
    if (!restart.includes(true)) return;
    const { ops, b } = this;
    const moved = this.perColumn((k) => (restart[k] ? 1 : 0));
    ops.write(b.a, this.perColumn((k) => (restart[k] ? 1 - useAverage[k] : 1)));
    ops.write(b.b, this.perColumn((k) => (restart[k] ? useAverage[k] : 0)));
    ops.combine(b.a, cur.X, b.b, avg.X, cur.X);
    ops.combine(b.a, cur.U, b.b, avg.U, cur.U);
    ops.combine(b.one, cur.X, b.minusOne, b.anchorX, b.Xdiff);
    ops.combine(b.one, cur.U, b.minusOne, b.anchorU, b.Udiff);
    ops.squaredNorms(b.Xdiff, b.norm);
    const dx = await ops.read(b.norm);
    ops.squaredNorms(b.Udiff, b.norm);
    const du = await ops.read(b.norm);
    for (let k = 0; k < moved.length; k++) {
      if (!moved[k]) continue;
      if (dx[k] > 0 && du[k] > 0) {
        const target = Math.sqrt(du[k] / dx[k]);
        this.omega[k] = Math.exp(WEIGHT_SMOOTHING * Math.log(target) + (1 - WEIGHT_SMOOTHING) * Math.log(this.omega[k]));
      }
      this.errorAtRestart[k] = useAverage[k] ? mean.err[k] : now.err[k];
      this.previousCandidate[k] = Infinity;
      this.sinceRestart[k] = 0;
    }
    ops.write(b.a, this.perColumn((k) => 1 - moved[k]));
    ops.write(b.b, moved);
    ops.combine(b.a, b.anchorX, b.b, cur.X, b.anchorX);
    ops.combine(b.a, b.anchorU, b.b, cur.U, b.anchorU);
    ops.combine(b.a, b.sumX, b.zero, b.sumX, b.sumX);
    ops.combine(b.a, b.sumU, b.zero, b.sumU, b.sumU);
  }

  /**
   * Every active column starts over where it is (the working set grew): anchor = cur, no sums,
   * the primal weight kept; its first check then restarts it to a measured error.
   */
  restartAll(cur: Iterate, active: Int32Array): void {
    const { ops, b } = this;
    ops.combine(b.one, cur.X, b.zero, cur.X, b.anchorX);
    ops.combine(b.one, cur.U, b.zero, cur.U, b.anchorU);
    ops.combine(b.zero, b.sumX, b.zero, b.sumX, b.sumX);
    ops.combine(b.zero, b.sumU, b.zero, b.sumU, b.sumU);
    for (const k of active) {
      this.sinceRestart[k] = 0;
      this.errorAtRestart[k] = Infinity;
      this.previousCandidate[k] = Infinity;
    }
  }
}
