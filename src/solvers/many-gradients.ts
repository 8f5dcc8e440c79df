// Gradients of many features at once: out[t] = scale · x̃_{features[t]}ᵀ v, one kernel call.

import type { Float64Heap, HeapArray } from '../cpu/kernels.js';
import type { Standardized } from '../problem/standardize.js';

export class ManyGradients {
  private readonly idx: { data: Int32Array; ptr: number };
  private readonly out: HeapArray;

  /** Heap doubles one instance takes for nFeatures features. */
  static heapDoubles(nFeatures: number): number {
    return nFeatures + Math.ceil(nFeatures / 2) + 4;
  }

  constructor(heap: Float64Heap, nFeatures: number) {
    this.idx = heap.allocInt32(nFeatures);
    this.out = heap.alloc(nFeatures);
  }

  /** @param vPtr byte offset of an nSamples vector in the heap */
  compute(std: Standardized, nSamples: number, vPtr: number, scale: number, features: Int32Array, count: number, out: Float64Array): void {
    this.idx.data.set(features.subarray(0, count));
    std.heap.kernels.dot_many(std.XsPtr, nSamples, this.idx.ptr, count, vPtr, this.out.ptr);
    const result = this.out.data;
    for (let t = 0; t < count; t++) out[t] = scale * result[t];
  }
}
