// The gradient g_j of every usable feature along the path, refreshed in two sweeps: the
// features outside the strong set (the KKT check) and those inside (the certificate and the
// next strong rule). Both g and the feature lists live in the heap, so a sweep is one kernel
// call that writes g in place.
//
// The KKT check skips the features that provably cannot violate. When g_j = s·x̃_jᵀv, then
// since the last full sweep (at v₀, giving g₀) |g_j − g₀_j| ≤ s·‖x̃_j‖·‖v − v₀‖ (Cauchy–Schwarz),
// so a feature with |g₀_j| + s·‖x̃_j‖·‖v − v₀‖ ≤ λαv_j is still inside its subdifferential and
// needs no dot product. The rest are computed exactly; the check stays exact.

import type { Float64Heap, HeapArray } from '../wasm/kernels.js';
import type { Standardized } from '../problem/standardize.js';
import type { IndexList } from './cd-loop.js';
import type { CoordinateEngine, CoordinatePenalty, FeatureList } from './engine.js';

/** Past this fraction of the outside features to compute, a full sweep (and a new baseline) is cheaper. */
const FULL_SWEEP_FRACTION = 0.5;

export class PathGradients {
  /** nFeatures gradients −∂(mean loss)/∂β̃_j (0 for unusable features), in the heap. */
  readonly g: Float64Array;
  private readonly gHeap: HeapArray;
  private readonly outside: FeatureList;
  private readonly check: FeatureList;
  private builtFor = -1;
  /** The baseline of the bound: v₀, g₀ over the outside features, and ‖x̃_j‖₂. */
  private readonly v0: Float64Array;
  private readonly g0: Float64Array;
  private columnNorms: Float64Array | null = null;
  /** The strong set's clears when the baseline was taken (a clear lets features out). */
  private baselineClears = -1;

  /** Heap doubles one instance takes. */
  static heapDoubles(nFeatures: number): number {
    return nFeatures + 2 * (Math.ceil(nFeatures / 2) + 2) + 4;
  }

  constructor(
    heap: Float64Heap,
    private readonly std: Standardized,
    private readonly nSamples: number,
  ) {
    const p = std.usable.length;
    this.gHeap = heap.alloc(p);
    this.g = this.gHeap.data;
    this.g.fill(0);
    this.outside = { ...heap.allocInt32(p), count: 0 };
    this.check = { ...heap.allocInt32(p), count: 0 };
    this.v0 = new Float64Array(nSamples);
    this.g0 = new Float64Array(p);
  }

  /** Refreshes g outside the strong set as far as the KKT check needs (call engine.prepareGradients() first). */
  refreshOutside(engine: CoordinateEngine, strong: IndexList, penalty: CoordinatePenalty): void {
    const { usable } = this.std;
    if (this.builtFor !== strong.version) {
      const list = this.outside.data;
      let count = 0;
      for (let j = 0; j < usable.length; j++) if (usable[j] && !strong.flag[j]) list[count++] = j;
      this.outside.count = count;
      this.builtFor = strong.version;
    }
    const gv = engine.gradientVector?.();
    if (!gv || this.baselineClears !== strong.clears || !this.boundedSweep(engine, gv, penalty.l1)) {
      engine.gradients(this.outside, this.gHeap);
      if (gv) this.takeBaseline(gv.vector.data, strong);
    }
  }

  /** Refreshes g inside the strong set (call engine.prepareGradients() first). */
  refreshStrong(engine: CoordinateEngine, strong: IndexList): void {
    engine.gradients(strong, this.gHeap);
  }

  /** Computes only the features the bound cannot clear; false when a full sweep is cheaper. */
  private boundedSweep(engine: CoordinateEngine, gv: { vector: HeapArray; scale: number }, l1: Float64Array): boolean {
    const v = gv.vector.data;
    let drift = 0;
    for (let i = 0; i < this.nSamples; i++) drift += (v[i] - this.v0[i]) ** 2;
    const radius = gv.scale * Math.sqrt(drift);
    const norms = this.columnNorms!;
    const { data: outside, count } = this.outside;
    const list = this.check.data;
    const limit = FULL_SWEEP_FRACTION * count;
    let n = 0;
    for (let t = 0; t < count; t++) {
      const j = outside[t];
      if (Math.abs(this.g0[j]) + norms[j] * radius > l1[j]) {
        if (++n > limit) return false;
        list[n - 1] = j;
      }
    }
    this.check.count = n;
    engine.gradients(this.check, this.gHeap);
    return true;
  }

  private takeBaseline(v: Float64Array, strong: IndexList): void {
    this.v0.set(v);
    const { data: outside, count } = this.outside;
    for (let t = 0; t < count; t++) this.g0[outside[t]] = this.g[outside[t]];
    this.baselineClears = strong.clears;
    if (!this.columnNorms) {
      const { design, usable } = this.std;
      this.columnNorms = new Float64Array(usable.length);
      for (let j = 0; j < usable.length; j++) if (usable[j]) this.columnNorms[j] = design.norm(j);
    }
  }
}
