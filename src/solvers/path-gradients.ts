// The gradient g_j of every usable feature along the path, refreshed in two sweeps: the
// features outside the strong set (the KKT check) and those inside (the certificate and the
// next strong rule). Both g and the outside list live in the heap, so a sweep is one kernel
// call that writes g in place; the outside list is rebuilt only when the strong set has changed.

import type { Float64Heap, HeapArray } from '../cpu/kernels.js';
import type { IndexList } from './cd-loop.js';
import type { CoordinateEngine, FeatureList } from './engine.js';

export class PathGradients {
  /** nFeatures gradients −∂(mean loss)/∂β̃_j (0 for unusable features), in the heap. */
  readonly g: Float64Array;
  private readonly gHeap: HeapArray;
  private readonly outside: FeatureList;
  private builtFor = -1;

  /** Heap doubles one instance takes. */
  static heapDoubles(nFeatures: number): number {
    return nFeatures + Math.ceil(nFeatures / 2) + 4;
  }

  constructor(
    heap: Float64Heap,
    nFeatures: number,
    private readonly usable: Uint8Array,
  ) {
    this.gHeap = heap.alloc(nFeatures);
    this.g = this.gHeap.data;
    this.g.fill(0);
    this.outside = { ...heap.allocInt32(nFeatures), count: 0 };
  }

  /** Refreshes g outside the strong set (call engine.prepareGradients() first). */
  refreshOutside(engine: CoordinateEngine, strong: IndexList): void {
    if (this.builtFor !== strong.version) {
      const list = this.outside.data;
      let count = 0;
      for (let j = 0; j < this.g.length; j++) if (this.usable[j] && !strong.flag[j]) list[count++] = j;
      this.outside.count = count;
      this.builtFor = strong.version;
    }
    engine.gradients(this.outside, this.gHeap);
  }

  /** Refreshes g inside the strong set (call engine.prepareGradients() first). */
  refreshStrong(engine: CoordinateEngine, strong: IndexList): void {
    engine.gradients(strong, this.gHeap);
  }
}
