// The exact line search of the piecewise-linear solvers along a direction: the objective is
// convex along it, piecewise linear (the simplex's edges, α = 1) or piecewise quadratic with
// curvature Σ l2_j v_j² (the active-set method's steps, α < 1), with breakpoints where samples
// cross their kinks and coefficients cross 0 or reach a bound; walk them in order until its
// slope turns nonnegative, at a breakpoint or between two (the quadratic's minimum). Only the
// breakpoints walked are put in order (a binary heap: O(k + walked·log k)), not all of them (a
// sort, O(k log k)).

import type { FinishData, FinishPenalty } from './piecewise-linear-finish.js';

/** Where the walk stops: the breakpoint whose jump turns the slope nonnegative. */
export interface EdgeStop {
  t: number;
  kind: 'sample' | 'zero' | 'bound';
  index: number;
  /** The bound reached (kind 'bound'). */
  limit?: number;
}

/** A coefficient moving along the edge at rate v. */
export interface Moving {
  j: number;
  v: number;
}

/** Where the walk ends: the step t, the breakpoint that stops it (null: between two), the samples crossed. */
export interface EdgeWalk {
  /** The objective's slope at t = 0 along the direction (the walk is empty unless it is < 0). */
  slope0: number;
  /** The step taken: the stop's t, or the quadratic's minimum (Infinity: no curvature, no stop). */
  t: number;
  stop: EdgeStop | null;
  /** How many samples the walk passed before it ended: buffers.crossed[0 … crossed). */
  crossed: number;
}

/**
 * The walk along a direction (residual rates `rate`, nSamples, 0 for the samples held on their
 * kink; residuals r, nSamples; coefficient rates `moving`): the objective's slope at t = 0, and
 * where its derivative turns nonnegative. With penalty.l2 = 0 on the moving coefficients (the
 * simplex) the objective is linear between breakpoints and the walk ends at one, or never
 * (stop null, t Infinity: it decreases without end).
 */
export function edgeSearch(
  d: FinishData,
  penalty: FinishPenalty,
  beta: Float64Array,
  r: Float64Array,
  rate: Float64Array,
  moving: Moving[],
  buffers: Breakpoints,
): EdgeWalk {
  const { wn, below, above } = d;
  const n = r.length;
  buffers.reserve(n + 2 * moving.length);
  const { t, jump, code } = buffers;
  const features: EdgeStop[] = [];
  let count = 0;
  let slope0 = 0;
  const width = above - below;
  for (let i = 0; i < n; i++) {
    const a = rate[i];
    if (a === 0) continue;
    const w = wn[i];
    const ri = r[i];
    slope0 += w * (ri > 0 || (ri === 0 && a > 0) ? above : below) * a;
    const ti = -ri / a;
    if (!(ti > 0) || w === 0) continue;
    t[count] = ti;
    jump[count] = w * width * Math.abs(a);
    code[count++] = i;
  }
  // The coefficients' breakpoints (no closure here: it would put count in a context slot), and
  // the ridge part's slope l2·b·v and curvature l2·v².
  let curvature = 0;
  for (const { j, v } of moving) {
    if (v === 0) continue;
    const b = beta[j];
    const l1 = penalty.l1[j];
    const l2 = penalty.l2[j];
    slope0 += l1 * (b > 0 || (b === 0 && v > 0) ? 1 : -1) * v;
    if (l2 !== 0) {
      slope0 += l2 * b * v;
      curvature += l2 * v * v;
    }
    if (b !== 0 && -b / v > 0 && l1 > 0) {
      t[count] = -b / v;
      jump[count] = 2 * l1 * Math.abs(v);
      code[count++] = -1 - features.length;
      features.push({ t: -b / v, kind: 'zero', index: j });
    }
    const limit = v > 0 ? penalty.upper[j] : penalty.lower[j];
    if (Number.isFinite(limit)) {
      t[count] = Math.max(0, (limit - b) / v);
      jump[count] = Infinity;
      code[count++] = -1 - features.length;
      features.push({ t: t[count - 1], kind: 'bound', index: j, limit });
    }
  }
  if (!(slope0 < 0)) return { slope0, t: 0, stop: null, crossed: 0 };
  return walk(buffers, count, slope0, curvature, features);
}

/** The heap walk of edgeSearch over its `count` breakpoints, from slope s0 < 0. */
function walk(buffers: Breakpoints, count: number, slope0: number, curvature: number, features: EdgeStop[]): EdgeWalk {
  const { t, jump, code, crossed } = buffers;
  const heap = new BreakpointHeap(t, count, buffers.heap);
  let s = slope0;
  let at = 0;
  let passed = 0;
  while (heap.size > 0) {
    const k = heap.pop();
    if (curvature > 0) {
      // The slope just before the breakpoint; nonnegative: the minimum lies before it.
      const before = s + curvature * (t[k] - at);
      if (before >= 0) return { slope0, t: at - s / curvature, stop: null, crossed: passed };
      s = before;
    }
    s += jump[k];
    at = t[k];
    const c = code[k];
    if (s >= 0) return { slope0, t: at, stop: c >= 0 ? { t: at, kind: 'sample', index: c } : features[-1 - c], crossed: passed };
    if (c >= 0) crossed[passed++] = c;
  }
  return { slope0, t: curvature > 0 ? at - s / curvature : Infinity, stop: null, crossed: passed };
}

/** Buffers of the breakpoints (times, jumps, codes) and of their heap, grown as needed. */
export class Breakpoints {
  t = new Float64Array(0);
  jump = new Float64Array(0);
  /** A sample i as i; the k-th coefficient breakpoint as −1 − k. */
  code = new Int32Array(0);
  heap = new Int32Array(0);
  /** The samples a walk passed, in order. */
  crossed = new Int32Array(0);

  constructor(capacity: number) {
    this.reserve(capacity);
  }

  reserve(capacity: number): void {
    if (this.t.length >= capacity) return;
    this.t = new Float64Array(capacity);
    this.jump = new Float64Array(capacity);
    this.code = new Int32Array(capacity);
    this.heap = new Int32Array(capacity);
    this.crossed = new Int32Array(capacity);
  }
}

/** A binary min-heap of the indices 0 … count−1 by (t, index): ties keep their order. */
class BreakpointHeap {
  private readonly heap: Int32Array;
  size: number;

  constructor(private readonly t: Float64Array, count: number, heap: Int32Array) {
    this.heap = heap;
    for (let k = 0; k < count; k++) this.heap[k] = k;
    this.size = count;
    for (let k = (count >> 1) - 1; k >= 0; k--) this.down(k);
  }

  private less(a: number, b: number): boolean {
    const ta = this.t[a];
    const tb = this.t[b];
    return ta < tb || (ta === tb && a < b);
  }

  pop(): number {
    const top = this.heap[0];
    this.heap[0] = this.heap[--this.size];
    this.down(0);
    return top;
  }

  private down(start: number): void {
    const { heap, size } = this;
    let k = start;
    for (;;) {
      const left = 2 * k + 1;
      if (left >= size) return;
      const right = left + 1;
      const child = right < size && this.less(heap[right], heap[left]) ? right : left;
      if (!this.less(heap[child], heap[k])) return;
      const swap = heap[k];
      heap[k] = heap[child];
      heap[child] = swap;
      k = child;
    }
  }
}
