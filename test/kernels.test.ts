// The CPU vector kernels: WebAssembly SIMD and the JavaScript fallback against plain float64
// sums, on lengths that exercise every tail (n mod 4 = 0 … 3).

import { describe, expect, it } from 'vitest';
import { coordinateMinimizer } from '../src/penalties/elastic-net.js';
import { coordinateStep } from '../src/wasm/coordinate-step.js';
import { Float64Heap } from '../src/wasm/kernels.js';
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

describe('coordinate-descent passes: WebAssembly and JavaScript agree', () => {
  const n = 37;
  const p = 9;
  /** Fills a heap with one problem and runs one pass of each kind; returns what they wrote. */
  function run(preferWasm: boolean) {
    const heap = new Float64Heap(n * p + p * p + 20 * p + 6 * n + 64, preferWasm);
    const u = rng(5);
    const fill = (length: number, f: () => number) => {
      const a = heap.alloc(length);
      for (let i = 0; i < length; i++) a.data[i] = f();
      return a;
    };
    const X = fill(n * p, () => u() * 2 - 1);
    const r = fill(n, () => u() * 2 - 1);
    const w = fill(n, () => u());
    const beta = fill(p, () => (u() < 0.5 ? 0 : u() - 0.5));
    const xv = fill(p, () => 0.5 + u());
    const l1 = fill(p, () => 0.05 * u());
    const l2 = fill(p, () => 0.05 * u());
    const lo = fill(p, () => (u() < 0.3 ? -0.1 : -Infinity));
    const hi = fill(p, () => (u() < 0.3 ? 0.1 : Infinity));
    const list = heap.allocInt32(p);
    list.data.set([0, 2, 3, 5, 8]);
    const dlxResid = heap.kernels.cd_pass_resid(X.ptr, n, list.ptr, 5, beta.ptr, xv.ptr, l1.ptr, l2.ptr, lo.ptr, hi.ptr, r.ptr, w.ptr, 1, w.ptr);
    const dlxScaled = heap.kernels.cd_pass_resid(X.ptr, n, list.ptr, 5, beta.ptr, xv.ptr, l1.ptr, l2.ptr, lo.ptr, hi.ptr, r.ptr, 0, 0.3, 0);

    const g = fill(p, () => u() - 0.5);
    const gram = heap.alloc(p * p);
    const slot = heap.allocInt32(p);
    slot.data.fill(-1);
    let nSlots = 0;
    heap.formGram = (j) => {
      slot.data[j] = nSlots;
      for (let m = 0; m < p; m++) gram.data[nSlots * p + m] = 1 / (1 + Math.abs(m - j));
      nSlots++;
    };
    const active = heap.allocInt32(p);
    active.data.set([2, 5]);
    const dlxFull = heap.kernels.cd_pass_gram(list.ptr, 5, beta.ptr, xv.ptr, l1.ptr, l2.ptr, lo.ptr, hi.ptr, g.ptr, gram.ptr, slot.ptr, p, 1, active.ptr, 2);
    const dlxActive = heap.kernels.cd_pass_gram(active.ptr, 2, beta.ptr, xv.ptr, l1.ptr, l2.ptr, lo.ptr, hi.ptr, g.ptr, gram.ptr, slot.ptr, p, 0, active.ptr, 2);
    return { dlx: [dlxResid, dlxScaled, dlxFull, dlxActive], beta: [...beta.data], r: [...r.data], g: [...g.data], nSlots };
  }

  it('write the same coefficients, residuals, gradients and measures', () => {
    const wasm = run(true);
    const js = run(false);
    expect(wasm.nSlots).toBe(js.nSlots);
    expect(wasm.nSlots).toBeGreaterThan(0);
    expect(wasm.beta.some((b, j) => b !== 0 && [0, 2, 3, 5, 8].includes(j))).toBe(true);
    for (const key of ['dlx', 'beta', 'r', 'g'] as const) {
      wasm[key].forEach((v, i) => expect(Math.abs(v - js[key][i]), `${key}[${i}]`).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(v))));
    }
  });
});

describe.each([true, false])('dot_many (wasm preferred: %s)', (preferWasm) => {
  it('scatters scaled column dot products by feature index', () => {
    const n = 13;
    const p = 7;
    const heap = new Float64Heap(n * p + 3 * p + n + 16, preferWasm);
    const u = rng(9);
    const X = heap.alloc(n * p);
    X.data.forEach((_, i) => (X.data[i] = u() - 0.5));
    const b = heap.alloc(n);
    b.data.forEach((_, i) => (b.data[i] = u() - 0.5));
    const out = heap.alloc(p);
    out.data.fill(-7);
    const idx = heap.allocInt32(3);
    idx.data.set([5, 0, 3]);
    heap.kernels.dot_many(X.ptr, n, idx.ptr, 3, b.ptr, out.ptr, 0.5);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X.data[j * n + i] * b.data[i];
      if ([5, 0, 3].includes(j)) expect(out.data[j]).toBeCloseTo(0.5 * s, 13);
      else expect(out.data[j]).toBe(-7);
    }
  });
});

describe('the kernels\' coordinate step', () => {
  it('is the penalty\'s coordinate minimizer (src/wasm imports nothing outside itself, so it has its own copy)', () => {
    const values = [-3, -0.5, -1e-9, 0, 1e-9, 0.25, 2, 7];
    for (const u of values) {
      for (const l1 of [0, 0.3, 1]) {
        for (const l2 of [0, 0.7]) {
          for (const [lower, upper] of [[-Infinity, Infinity], [0, Infinity], [-1, 0.5], [0, 0]]) {
            expect(coordinateStep(u, 1.5, l1, l2, lower, upper)).toBe(coordinateMinimizer(u, 1.5, l1, l2, lower, upper));
          }
        }
      }
    }
  });
});
