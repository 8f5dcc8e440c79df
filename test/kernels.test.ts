// The CPU vector kernels: WebAssembly SIMD and the JavaScript fallback against plain float64
// sums, on lengths that exercise every tail (n mod 4 = 0 … 3).

import { describe, expect, it } from 'vitest';
import { Float64Heap } from '../src/cpu/kernels.js';
import { rng } from './helpers/data.js';

describe.each([true, false])('kernels (wasm preferred: %s)', (preferWasm) => {
  it.each([1, 2, 3, 4, 5, 7, 8, 33, 1000, 1001])('agree with plain sums for n = %i', (n) => {
    const heap = new Float64Heap(9 * n + 8, preferWasm);
    expect(heap.kernels.kind).toBe(preferWasm ? 'wasm-simd' : 'js');
    const u = rng(n);
    const arrays = Array.from({ length: 7 }, () => {
      const a = heap.alloc(n);
      for (let i = 0; i < n; i++) a.data[i] = u() * 2 - 1;
      return a;
    });
    const [a, b, w, c0, c1, c2, c3] = arrays;
    const out = heap.alloc(4);
    const close = (x: number, y: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(y)));
    const plain = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i)).reduce((s, v) => s + v, 0);

    close(heap.kernels.dot(a.ptr, b.ptr, n), plain((i) => a.data[i] * b.data[i]));
    close(heap.kernels.dot3(a.ptr, w.ptr, b.ptr, n), plain((i) => a.data[i] * w.data[i] * b.data[i]));
    heap.kernels.dot4(c0.ptr, c1.ptr, c2.ptr, c3.ptr, b.ptr, n, out.ptr);
    [c0, c1, c2, c3].forEach((c, t) => close(out.data[t], plain((i) => c.data[i] * b.data[i])));

    const y0 = Float64Array.from(b.data);
    heap.kernels.axpy(0.75, a.ptr, b.ptr, n);
    for (let i = 0; i < n; i++) close(b.data[i], y0[i] + 0.75 * a.data[i]);
    const y1 = Float64Array.from(b.data);
    heap.kernels.axpy3(-1.5, a.ptr, w.ptr, b.ptr, n);
    for (let i = 0; i < n; i++) close(b.data[i], y1[i] - 1.5 * w.data[i] * a.data[i]);
  });
});
