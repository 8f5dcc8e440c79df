// Counted work of the batched solvers: what each op asked the backend to do, from the shapes
// actually dispatched (rows, features, active columns), counted on the host as the ops are
// called. The same counts come from the float64 twin and from WebGPU, so a projection of GPU
// time can be made on a machine without one. Dispatches, submits and readbacks are the
// backend's own (a GPU backend fuses and splits ops), where it reports them.

import type { PathWork, WorkCount } from '../../problem/types.js';
import { type BatchBuffer, type BatchOps, NEWTON_OPS, POWER_ITERATIONS, WORKING_SET_OPS } from './backend.js';

export type { PathWork, WorkCount };

export const noWork = (): WorkCount => ({
  iterations: 0, outerIterations: 0, flops: 0, bytes: 0, columnPasses: 0, modelSteps: 0, dispatches: 0, submits: 0, readbacks: 0,
});

/** A path's work before its first block. */
export const noPathWork = (): PathWork => ({ ...noWork(), blocks: [] });

const KEYS = Object.keys(noWork()) as (keyof WorkCount)[];

export function addWork(to: WorkCount, from: WorkCount): void {
  for (const key of KEYS) to[key] += from[key];
}

/** `after` − `before`, key by key. */
export function workSince(before: WorkCount, after: WorkCount): WorkCount {
  const out = noWork();
  for (const key of KEYS) out[key] = after[key] - before[key];
  return out;
}

/** Work of forming a Gram matrix of m columns over n rows (one pass over the data). */
export function gramFormation(count: WorkCount, n: number, m: number, bytesPerValue: number): void {
  count.flops += n * m * m;
  count.bytes += n * m * bytesPerValue;
  count.columnPasses += 1;
}

/** Flops of the element-wise loss terms per sample (a transcendental counted as ~10). */
const LOSS_FLOPS = 12;

/**
 * Wraps `ops` so that every call adds its work to `count`; `settle()` adds the dispatches,
 * submits and readbacks since the last settle (the backend's own counts where it keeps them,
 * else one dispatch per op call and one readback per read). The wrapper changes no result.
 */
export function countedOps(ops: BatchOps, count: WorkCount): { ops: BatchOps; settle: () => void } {
  const n = ops.nSamples;
  const rows = ops.nFeatures + 1;
  const b = ops.precision === 'float32' ? 4 : 8;
  let active = 0;
  let calls = 0;
  let reads = 0;
  let seen = ops.deviceCounts?.();
  const add = (flops: number, values: number) => {
    count.flops += flops;
    count.bytes += values * b;
    calls++;
  };
  const lengthOf = (buffer: BatchBuffer) => (buffer.kind === 'samples' ? n : buffer.kind === 'coefs' ? rows : 1);
  // A sparse X: a product walks the stored entries (a value and an index each) and adds a shift or
  // a sum per sample (the centring folded in), not n·(p + 1) cells.
  const { entries } = ops;
  /** One product with X̃ (or X̃ᵀ) over `columns` columns: the matrix read once. */
  const product = (columns: number) => {
    count.columnPasses += columns;
    if (entries) add(2 * (entries.total + n) * columns, 2 * entries.total + (n + rows) * columns);
    else add(2 * n * rows * columns, n * rows + (n + rows) * columns);
  };
  /** A product with the m listed columns of X̃₁ (or their transpose): m / (p + 1) of a pass per column. */
  const listedProduct = (features: Int32Array) => {
    const m = features.length;
    count.columnPasses += (active * m) / rows;
    const stored = entries?.listed(features);
    if (stored !== undefined) add(2 * (stored + n) * active, 2 * stored + (n + m) * active);
    else add(2 * n * m * active, n * m + (n + m) * active);
  };
  const perSample = (flops: number, arrays: number) => add(flops * n * active, arrays * n * active);
  /** gramSolve's sweeps are the device's to decide: counted when the host reads them. */
  const solves = new Map<BatchBuffer, { size: number; columns: Int32Array }[]>();
  let activeList = new Int32Array(0);
  const perRow = (flops: number, arrays: number) => add(flops * rows * active, arrays * rows * active);
  const overrides: Partial<BatchOps> = {
    setActive(columns) {
      active = columns.length;
      activeList = columns.slice();
      ops.setActive(columns);
    },
    write(buffer, values) {
      count.bytes += values.length * b;
      ops.write(buffer, values);
    },
    async read(buffer) {
      reads++;
      const values = await ops.read(buffer);
      count.bytes += values.length * b;
      // Each sweep of a model solve: a pass over its Gram column per coordinate. The columns of
      // one solve run side by side; solves (groups of columns) run one after another.
      for (const solve of solves.get(buffer) ?? []) {
        let longest = 0;
        for (const k of solve.columns) {
          count.flops += 4 * solve.size * solve.size * values[k];
          longest = Math.max(longest, values[k]);
        }
        count.modelSteps += longest * solve.size;
      }
      solves.delete(buffer);
      return values;
    },
    copy(from, to) {
      add(0, 2 * lengthOf(from) * from.nColumns);
      ops.copy(from, to);
    },
    gramNorm() {
      for (let it = 0; it < POWER_ITERATIONS; it++) product(2);
      return ops.gramNorm();
    },
    forward(B, eta) { product(active); ops.forward(B, eta); },
    smoothTerms(eta, D, value) { perSample(LOSS_FLOPS, 3); ops.smoothTerms(eta, D, value); },
    forwardSmooth(B, eta, D, value) { product(active); perSample(LOSS_FLOPS, 3); ops.forwardSmooth(B, eta, D, value); },
    backward(D, G) { product(active); ops.backward(D, G); },
    proxGradient(Z, G, step, lambda, out, X, reductions) {
      perRow(reductions ? 16 : 8, reductions ? 4 : 3);
      ops.proxGradient(Z, G, step, lambda, out, X, reductions);
    },
    fistaColumns(state) { add(20 * active, 12 * active); ops.fistaColumns(state); },
    advance(newer, older, point, accept, momentum) {
      add(3 * lengthOf(newer) * active, 3 * lengthOf(newer) * active);
      ops.advance(newer, older, point, accept, momentum);
    },
    squaredNorms(A, out) { add(3 * lengthOf(A) * active, lengthOf(A) * active); ops.squaredNorms(A, out); },
    combine(a, A, c, C, out) { add(3 * lengthOf(A) * active, 3 * lengthOf(A) * active); ops.combine(a, A, c, C, out); },
    weigh(U, D) { perSample(1, 2); ops.weigh(U, D); },
    dualStep(etaBar, U, sigma) { perSample(6, 3); ops.dualStep(etaBar, U, sigma); },
    dualGap(eta, U, gap, value) { perSample(8, 2); ops.dualGap(eta, U, gap, value); },
    kkt(G, B, lambda, out) { perRow(10, 2); ops.kkt(G, B, lambda, out); },
    curvatures(eta, H) { perSample(LOSS_FLOPS, 2); ops.curvatures!(eta, H); },
    weightedGram(features, H, Q) {
      // One pass over the listed columns per Gram matrix formed (one shared, or one per column).
      const m = features.length;
      const matrices = Q.nColumns === 1 ? 1 : active;
      count.columnPasses += matrices;
      add(n * m * (m + 1) * matrices, n * m + (H && H.nColumns > 1 ? n * active : n) + m * m * matrices);
      ops.weightedGram!(features, H, Q);
    },
    forwardFeatures(features, B, eta) {
      listedProduct(features);
      ops.forwardFeatures!(features, B, eta);
    },
    backwardFeatures(features, D, G) {
      listedProduct(features);
      ops.backwardFeatures!(features, D, G);
    },
    gramSolve(Q, features, G, B, lambda, tol, maxSweeps, out, sweeps) {
      const m = features.length;
      add(0, m * m * Q.nColumns + 3 * rows * active);
      // Model solves of several groups of columns before one read: each its own.
      solves.set(sweeps, [...(solves.get(sweeps) ?? []), { size: m, columns: activeList.slice() }]);
      ops.gramSolve!(Q, features, G, B, lambda, tol, maxSweeps, out, sweeps);
    },
    penaltyValues(B, lambda, out) { perRow(4, 1); ops.penaltyValues!(B, lambda, out); },
  };
  // The Newton and working-set ops are counted only where the backend has them (the capability stays its own).
  for (const name of [...NEWTON_OPS, ...WORKING_SET_OPS]) if (typeof ops[name] !== 'function') delete overrides[name];
  const wrapped = new Proxy(ops, {
    get(target, key) {
      if (key in overrides) return overrides[key as keyof BatchOps];
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const settle = () => {
    const now = ops.deviceCounts?.();
    if (now && seen) {
      count.dispatches += now.dispatches - seen.dispatches;
      count.submits += now.submits - seen.submits;
      count.readbacks += now.readbacks - seen.readbacks;
    } else {
      count.dispatches += calls;
      count.readbacks += reads;
    }
    seen = now;
    calls = 0;
    reads = 0;
  };
  return { ops: wrapped, settle };
}
