// The simplex's exact line search along an edge: the objective is convex and piecewise linear
// along it, with breakpoints where samples cross their kinks and coefficients cross 0 or reach
// a bound; walk them in order until its slope turns nonnegative. Only the breakpoints walked
// are put in order (a binary heap: O(k + walked·log k)), not all of them (a sort, O(k log k)).

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

/**
 * The slope of the objective at t = 0 along the edge (residual rates `rate`, nSamples, 0 for the
 * samples that stay on their kink; residuals r, nSamples) and the breakpoint that stops the walk
 * (null: the objective decreases without end, or the edge does not descend).
 */
export function edgeSearch(
  d: FinishData,
  penalty: FinishPenalty,
  beta: Float64Array,
  r: Float64Array,
  rate: Float64Array,
  moving: Moving[],
  buffers: Breakpoints,
): { slope0: number; stop: EdgeStop | null } {
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
  // The coefficients' breakpoints (no closure here: it would put count in a context slot).
  for (const { j, v } of moving) {
    if (v === 0) continue;
    const b = beta[j];
    const l1 = penalty.l1[j];
    slope0 += l1 * (b > 0 || (b === 0 && v > 0) ? 1 : -1) * v;
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
  if (!(slope0 < 0)) return { slope0, stop: null };
  const heap = new BreakpointHeap(t, count, buffers.heap);
  let s = slope0;
  while (heap.size > 0) {
    const k = heap.pop();
    s += jump[k];
    if (s < 0) continue;
    const c = code[k];
    return { slope0, stop: c >= 0 ? { t: t[k], kind: 'sample', index: c } : features[-1 - c] };
  }
  return { slope0, stop: null };
}

/** Buffers of the breakpoints (times, jumps, codes) and of their heap, grown as needed. */
export class Breakpoints {
  t = new Float64Array(0);
  jump = new Float64Array(0);
  /** A sample i as i; the k-th coefficient breakpoint as −1 − k. */
  code = new Int32Array(0);
  heap = new Int32Array(0);

  constructor(capacity: number) {
    this.reserve(capacity);
  }

  reserve(capacity: number): void {
    if (this.t.length >= capacity) return;
    this.t = new Float64Array(capacity);
    this.jump = new Float64Array(capacity);
    this.code = new Int32Array(capacity);
    this.heap = new Int32Array(capacity);
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
