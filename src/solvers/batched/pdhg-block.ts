// One block of PDHG columns on a working set: the state, the iteration, and the checks (pdhg.ts
// has the method and the entry points).

import { Pacer } from '../pacer.js';
import { type BatchBuffer, type BatchOps, hasWorkingSets, type WorkingSetOps } from './backend.js';
import { activeColumns, type BlockJob, type BlockResult } from './fista.js';
import { allocate, type BlockBuffers, type Iterate } from './pdhg-buffers.js';
import { type ColumnPoint, finishColumn } from './pdhg-finish.js';
import { penaltyAt, type PdhgProblems, type PdhgSetup, traceOver } from './pdhg-problems.js';
import { PdhgRestarts, type PointErrors } from './pdhg-restarts.js';
import { workingSetNorms } from './pdhg-steps.js';
import { FLOAT32_EPSILON, FLOAT32_KKT_MULTIPLE, StallWatch } from './precision.js';
import { violationsOutside, WorkingSet } from './working-set.js';

/** τσ‖K‖² = STEP_PRODUCT² < 1, with margin for the power iteration's estimate. */
const STEP_PRODUCT = 0.9;
/**
 * PDHG's own certificate, for columns the finish cannot take (a flat direction, e.g. an
 * intercept that is not unique): KKT within tolerance and the loss gap Σ wn (ℓ − u·r) below
 * this fraction of the mean absolute residual of the null model.
 */
const GAP_TOLERANCE = 1e-12;
/** The same in float32, where the gap is a sum of n float32 terms (see precision.ts). */
const FLOAT32_GAP_TOLERANCE = FLOAT32_KKT_MULTIPLE * FLOAT32_EPSILON;
/** A column's steps, once changed for a grown working set, are made for this multiple of its norm. */
const STEP_HEADROOM = 1.25;
/** Normalized error below which the exact finish is attempted. */
const FINISH_START = 1e-3;

/** The iterates read back at a checkpoint (coefs (p + 1) × K, samples n × K). */
interface Snapshot {
  xNow: Float64Array;
  uNow: Float64Array;
  xMean: Float64Array;
  uMean: Float64Array;
}

/** A column's candidate answer, certified on the working set, to check against every feature. */
interface Candidate {
  k: number;
  point: ColumnPoint;
}

export class PdhgBlock {
  private readonly K: number;
  private readonly n: number;
  private readonly p: number;
  private readonly rows: number;
  private readonly pp: PdhgProblems;
  private readonly set: WorkingSet;
  /** The backend's working-set products, or null: S is every feature, the products full. */
  private readonly listed: (BatchOps & WorkingSetOps) | null;
  private readonly gapTolerance: number;
  private stall: StallWatch;
  private readonly restarts: PdhgRestarts;
  private readonly cur: Iterate;
  private readonly avg: Iterate;
  private readonly b: BlockBuffers;
  /** Per column: the step scale s (τ = s/ω, σ = s·ω), and the norm it is made for (NaN: none yet). */
  private readonly stepScale: Float64Array;
  private readonly stepNorm: Float64Array;
  private readonly done: boolean[];
  private readonly converged: boolean[];
  private readonly iterations: number[];
  /** Columns whose answer is in finalCoefs (the others keep PDHG's last iterate). */
  private readonly answered: boolean[];
  private readonly finalCoefs: Float64Array;
  private readonly finalKkt: number[];
  /** The normalized error at each column's last finish attempt (a new one needs half of it). */
  private readonly finishedAt: number[];

  constructor(private readonly ops: BatchOps, private readonly job: BlockJob, private readonly setup: PdhgSetup) {
    const pp = (this.pp = setup.problems);
    this.K = job.lambda.length;
    this.n = pp.nSamples;
    this.p = pp.nFeatures;
    this.rows = this.p + 1;
    // Working sets where they pay: p > n, where at most n features are nonzero (counted passes
    // per λ 0.57–0.59× of the all-features iteration at 100 × 300). With n > p most features end
    // in S and its growth restarts cost more than it saves (0.96–1.29× at 400 × 100).
    this.listed = hasWorkingSets(ops) && this.p > this.n ? ops : null;
    this.set = new WorkingSet(this.p, pp.intercept);
    if (!this.listed) for (let j = 0; j < this.p; j++) if (pp.usable[j]) this.set.add(j);
    this.gapTolerance = ops.precision === 'float64' ? GAP_TOLERANCE : FLOAT32_GAP_TOLERANCE;
    this.stall = new StallWatch(ops.precision, this.K);
    this.b = allocate(ops, this.K);
    ops.write(this.b.lambda, job.lambda);
    this.cur = { X: this.b.curX, U: this.b.curU };
    this.avg = { X: this.b.avgX, U: this.b.avgU };
    const residualScales = Float64Array.from({ length: this.K }, (_, k) => this.residualScale(k));
    this.restarts = new PdhgRestarts(ops, this.b, residualScales);
    this.stepScale = new Float64Array(this.K).fill(1);
    this.stepNorm = new Float64Array(this.K).fill(NaN);
    this.done = new Array<boolean>(this.K).fill(false);
    this.converged = new Array<boolean>(this.K).fill(false);
    this.iterations = new Array<number>(this.K).fill(0);
    this.answered = new Array<boolean>(this.K).fill(false);
    this.finalCoefs = new Float64Array(this.rows * this.K);
    this.finalKkt = new Array<number>(this.K).fill(Infinity);
    this.finishedAt = new Array<number>(this.K).fill(Infinity);
  }

  private residualScale(k: number): number {
    return this.pp.problems[this.pp.problemOf[k]].finish.residualScale;
  }

  private forward(B: BatchBuffer, eta: BatchBuffer): void {
    if (this.listed) this.listed.forwardFeatures(this.set.rows, B, eta);
    else this.ops.forward(B, eta);
  }

  private backward(D: BatchBuffer, G: BatchBuffer): void {
    if (this.listed) this.listed.backwardFeatures(this.set.rows, D, G);
    else this.ops.backward(D, G);
  }

  private running(): Int32Array {
    return activeColumns(this.done);
  }

  /** The warm start: its dual slopes, the working set, the steps, and a first finish. */
  async start(): Promise<void> {
    const { ops, job, b } = this;
    ops.setActive(this.running());
    ops.write(this.cur.X, job.start);
    for (let k = 0; k < this.K; k++) {
      for (let j = 0; j < this.p; j++) if (job.start[k * this.rows + j] !== 0) this.set.add(j);
    }
    this.forward(this.cur.X, b.eta);
    ops.write(b.sigma, new Float64Array(this.K).fill(1e300)); // u = the slope of each residual's side
    ops.dualStep(b.eta, this.cur.U, b.sigma);
    if (this.listed) await this.strongSet();
    await this.refreshSteps();
    ops.setActive(this.running());
    ops.copy(this.cur.X, b.anchorX);
    ops.copy(this.cur.U, b.anchorU);
    const start = await this.errors(this.cur);
    this.restarts.begin(start);
    this.finalKkt.splice(0, this.K, ...start.dist);
    // The warm start may already have the right structure: try the finish before iterating.
    const u0 = await ops.read(this.cur.U);
    const candidates: Candidate[] = [];
    for (let k = 0; k < this.K; k++) {
      const point = this.finish(k, job.start, u0);
      if (point) candidates.push({ k, point });
    }
    await this.settle(candidates);
    ops.setActive(this.running());
  }

  /**
   * The strong set of the warm start: one full product per distinct start (the columns of one
   * problem share theirs), and the features violating their KKT condition there at some
   * column's λ join the set (as in the proximal Newton block).
   */
  private async strongSet(): Promise<void> {
    const { ops, b, pp, K, rows } = this;
    const representative = new Int32Array(K);
    for (let k = 0; k < K; k++) {
      const same = k > 0 && pp.problemOf[k] === pp.problemOf[k - 1] &&
        this.job.start.subarray(k * rows, (k + 1) * rows).every((v, j) => v === this.job.start[(k - 1) * rows + j]);
      representative[k] = same ? representative[k - 1] : k;
    }
    ops.setActive(Int32Array.from(new Set(representative)));
    ops.weigh(this.cur.U, b.D);
    ops.backward(b.D, b.Gfull);
    const g = await ops.read(b.Gfull);
    for (let k = 0; k < K; k++) {
      const r = representative[k];
      const problem = pp.problemOf[k];
      const penalty = penaltyAt(pp, problem, this.job.lambda[k]);
      const { violators } = violationsOutside(pp, this.set, problem, penalty, g.subarray(r * rows, (r + 1) * rows), 0);
      for (const j of violators) this.set.add(j);
    }
  }

  /**
   * The steps of the running columns from the norm of X̃_S (per problem), then τ and σ. A column's
   * steps change only when the set's norm exceeds the one they were made for (S grew), and then
   * with STEP_HEADROOM to spare: a change of steps between restarts slows PDHG down, and the
   * growths after the first few are small.
   */
  private async refreshSteps(): Promise<void> {
    const { pp, b } = this;
    const running = this.running();
    if (running.length === 0) return;
    if (!this.listed) {
      this.stepNorm.fill(await this.setup.gramNorm());
    } else {
      // One power iteration per problem, on its first running column (its weights).
      const first = new Map<number, number>();
      for (const k of running) if (!first.has(pp.problemOf[k])) first.set(pp.problemOf[k], k);
      const columns = Int32Array.from(first.values()).sort();
      const traces = new Float64Array(this.K);
      for (const k of columns) traces[k] = traceOver(pp, k, this.set.rows);
      const power = { v: b.v, eta: b.eta, D: b.D, norm: b.norm, factor: b.factor, zero: b.zero };
      const norms = await workingSetNorms(this.listed, this.set.rows, columns, traces, power);
      for (const k of running) {
        const norm = norms[first.get(pp.problemOf[k])!];
        if (Number.isNaN(this.stepNorm[k])) this.stepNorm[k] = norm;
        else if (norm > this.stepNorm[k]) this.stepNorm[k] = STEP_HEADROOM * norm;
      }
    }
    for (const k of running) this.stepScale[k] = this.stepNorm[k] > 0 ? STEP_PRODUCT / Math.sqrt(this.stepNorm[k]) : 1;
    this.restarts.writeSteps(this.stepScale);
  }

  /** Normalized KKT error on S (max of the subdifferential distance and the loss gap) and the raw measures. */
  private async errors(it: Iterate): Promise<PointErrors> {
    const { ops, b } = this;
    this.forward(it.X, b.eta);
    ops.dualGap(b.eta, it.U, b.gap, b.value);
    ops.weigh(it.U, b.D);
    this.backward(b.D, b.G);
    ops.kkt(b.G, it.X, b.lambda, b.kkt);
    const [dist, gap] = await Promise.all([ops.read(b.kkt), ops.read(b.gap)]);
    const { above, below } = this.pp;
    const err = Float64Array.from({ length: this.K }, (_, k) => Math.max(dist[k] / (above - below), gap[k] / this.residualScale(k)));
    return { dist, gap, err };
  }

  /** Column k of a coefs buffer read back (a copy). */
  private column(x: Float64Array, k: number): Float64Array {
    return x.slice(k * this.rows, (k + 1) * this.rows);
  }

  /** Column k of a samples buffer read back (a copy). */
  private samples(u: Float64Array, k: number): Float64Array {
    return u.slice(k * this.n, (k + 1) * this.n);
  }

  /** The exact finish of column k on S from the iterates (x: coefs, u: samples) read back, or null. */
  private finish(k: number, x: Float64Array, u: Float64Array): ColumnPoint | null {
    const { pp, job } = this;
    return finishColumn(pp, pp.problemOf[k], job.lambda[k], this.set.rows, this.column(x, k), this.samples(u, k), job.kktTolerance);
  }

  /**
   * Checks the candidates against every feature: one full product X̃ᵀD over their columns. A
   * candidate with no violator outside S is the column's answer; the violators of the others
   * join S, and those columns go on from their iterate (their candidate, exact on the smaller
   * set, is no better a start). Returns whether S grew.
   */
  private async settle(candidates: Candidate[]): Promise<boolean> {
    const { ops, b, pp, n, rows } = this;
    if (candidates.length === 0) return false;
    let g: Float64Array | null = null;
    if (this.set.size < this.usableRows()) {
      const slopes = new Float64Array(n * this.K);
      for (const { k, point } of candidates) slopes.set(point.u, k * n);
      ops.setActive(Int32Array.from(candidates, (c) => c.k).sort());
      ops.write(b.Ucheck, slopes);
      ops.weigh(b.Ucheck, b.D);
      ops.backward(b.D, b.Gfull);
      g = await ops.read(b.Gfull);
    }
    let grew = false;
    for (const { k, point } of candidates) {
      const problem = pp.problemOf[k];
      const penalty = penaltyAt(pp, problem, this.job.lambda[k]);
      const check = g
        ? violationsOutside(pp, this.set, problem, penalty, g.subarray(k * rows, (k + 1) * rows), this.job.kktTolerance)
        : { worst: 0, violators: [] };
      if (check.violators.length === 0) {
        this.accept(k, point, Math.max(point.kkt, check.worst));
        continue;
      }
      for (const j of check.violators) this.set.add(j);
      grew = true;
      this.finishedAt[k] = Infinity;
    }
    if (grew) await this.grown();
    return grew;
  }

  /**
   * After S grew: the running columns' problems grew by features at 0, and each goes on from its
   * iterate, with steps for the larger set and its restart criteria measured from its next error.
   */
  private async grown(): Promise<void> {
    await this.refreshSteps();
    this.restarts.rebase(this.running());
    this.stall = new StallWatch(this.ops.precision, this.K); // the errors start over on the new set
  }

  /** Rows a complete working set holds: the usable features and the intercept. */
  private usableRows(): number {
    let count = this.pp.intercept ? 1 : 0;
    for (let j = 0; j < this.p; j++) count += this.pp.usable[j];
    return count;
  }

  private accept(k: number, point: ColumnPoint, kkt: number): void {
    this.finalCoefs.set(point.x, k * this.rows);
    this.finalKkt[k] = kkt;
    this.done[k] = this.converged[k] = this.answered[k] = true;
  }

  /** The iterations, with a convergence check every job.checkEvery. */
  async iterate(): Promise<void> {
    const { job } = this;
    // Pauses between iterations let an abort be seen on the CPU backend, whose readbacks do not wait.
    const pacer = new Pacer(job.signal);
    for (let it = 1; it <= job.maxIterations && this.done.includes(false); it++) {
      if (pacer.due()) await pacer.pause();
      this.step();
      for (let k = 0; k < this.K; k++) if (!this.done[k]) this.iterations[k]++;
      this.restarts.counted(this.done);
      if (it % job.checkEvery === 0 || it === job.maxIterations) {
        pacer.check();
        await this.checkpoint(it);
      }
    }
  }

  /** One PDHG iteration of the running columns, the averages' sums included. */
  private step(): void {
    const { ops, b, cur } = this;
    ops.weigh(cur.U, b.D);
    this.backward(b.D, b.G);
    ops.proxGradient(cur.X, b.G, b.tau, b.lambda, b.Xnew);
    ops.combine(b.two, b.Xnew, b.minusOne, cur.X, b.Xbar);
    ops.combine(b.one, b.Xnew, b.zero, b.Xnew, cur.X);
    this.forward(b.Xbar, b.eta);
    ops.dualStep(b.eta, cur.U, b.sigma);
    ops.combine(b.one, b.sumX, b.one, cur.X, b.sumX);
    ops.combine(b.one, b.sumU, b.one, cur.U, b.sumU);
  }

  /** One convergence check: certificates, finishes, the working set's checks, restarts. */
  private async checkpoint(total: number): Promise<void> {
    const { job, K } = this;
    this.restarts.average(this.avg);
    const now = await this.errors(this.cur);
    const mean = await this.errors(this.avg);
    const useAverage = this.restarts.useAverage(now, mean);
    const restart = new Array<boolean>(K).fill(false);
    const certified: number[] = [];
    const wantFinish: number[] = [];
    for (let k = 0; k < K; k++) {
      if (this.done[k]) continue;
      this.finalKkt[k] = now.dist[k];
      if (now.dist[k] <= job.kktTolerance && now.gap[k] <= this.gapTolerance * this.residualScale(k)) {
        certified.push(k); // PDHG's own certificate on S: its iterate is the candidate
        continue;
      }
      if (this.stall.stalled(k, now.err[k])) {
        this.done[k] = true; // float32 rounding: stop, reported as not converged
        continue;
      }
      const candidate = useAverage[k] ? mean.err[k] : now.err[k];
      restart[k] = this.restarts.due(k, candidate, total);
      if (candidate <= FINISH_START && candidate <= 0.5 * this.finishedAt[k]) {
        wantFinish.push(k);
        this.finishedAt[k] = candidate;
      }
    }
    let grew = await this.growEarly(now);
    if (certified.length > 0 || wantFinish.length > 0) {
      const snapshot = await this.snapshot();
      const current = { x: snapshot.xNow, u: snapshot.uNow };
      const average = { x: snapshot.xMean, u: snapshot.uMean };
      const candidates: Candidate[] = certified.map((k) => ({
        k, point: { x: this.column(current.x, k), u: this.samples(current.u, k), kkt: now.dist[k] },
      }));
      for (const k of wantFinish) {
        const [first, second] = useAverage[k] ? [average, current] : [current, average];
        const point = this.finish(k, first.x, first.u) ?? this.finish(k, second.x, second.u);
        if (point) candidates.push({ k, point });
      }
      grew = (await this.settle(candidates)) || grew;
    }
    if (!grew) {
      this.ops.setActive(this.running());
      await this.restarts.restart(restart.map((r, k) => r && !this.done[k]), useAverage, now, mean, this.cur, this.avg);
      this.restarts.writeSteps(this.stepScale);
    }
    this.ops.setActive(this.running());
  }

  /**
   * The features outside S that violate their KKT condition at a running column's iterate by
   * more than its error on S (and the target) join S: one full product per running column and
   * check. A column's violators join while it converges, not after it converged on too small a
   * set (it would start over then); the margin keeps out the features that only its
   * unconverged iterate pushes over the edge.
   */
  private async growEarly(now: PointErrors): Promise<boolean> {
    const { ops, b, pp, rows } = this;
    const running = this.running();
    if (!this.listed || running.length === 0 || this.set.size >= this.usableRows()) return false;
    ops.setActive(running);
    ops.weigh(this.cur.U, b.D);
    ops.backward(b.D, b.Gfull);
    const g = await ops.read(b.Gfull);
    let grew = false;
    for (const k of running) {
      const problem = pp.problemOf[k];
      const penalty = penaltyAt(pp, problem, this.job.lambda[k]);
      const threshold = Math.max(this.job.kktTolerance, now.dist[k]);
      const { violators } = violationsOutside(pp, this.set, problem, penalty, g.subarray(k * rows, (k + 1) * rows), threshold);
      for (const j of violators) grew = this.set.add(j) || grew;
    }
    if (grew) await this.grown();
    return grew;
  }

  private async snapshot(): Promise<Snapshot> {
    const { ops, cur, avg } = this;
    const [xNow, uNow, xMean, uMean] = await Promise.all([ops.read(cur.X), ops.read(cur.U), ops.read(avg.X), ops.read(avg.U)]);
    return { xNow, uNow, xMean, uMean };
  }

  /** Columns never answered keep PDHG's iterate, converged only when certified. */
  async result(): Promise<BlockResult> {
    const xLast = await this.ops.read(this.cur.X);
    for (let k = 0; k < this.K; k++) {
      if (!this.answered[k]) this.finalCoefs.set(xLast.subarray(k * this.rows, (k + 1) * this.rows), k * this.rows);
    }
    return { coefs: this.finalCoefs, iterations: this.iterations, converged: this.converged, kkt: this.finalKkt };
  }
}
