// The sparse-column kernels (CSC, centring and scaling folded in): WebAssembly and JavaScript
// against plain sums, and a sparse coordinate pass against the dense pass on X̃ = (X − m)·a made
// explicit, for each convention of weights the engines use.

import { describe, expect, it } from 'vitest';
import { Float64Heap, type HeapArray } from '../src/wasm/kernels.js';
import { rng } from './helpers/data.js';

const n = 37;
const p = 9;

/** A heap holding a random sparse X (CSC; column 4 empty), its dense standardized twin and the pass's arrays. */
function setup(preferWasm: boolean, seed = 3) {
  const heap = new Float64Heap(4 * n * p + 40 * p + 12 * n + 64, preferWasm);
  const u = rng(seed);
  const fill = (length: number, f: (t: number) => number): HeapArray => {
    const a = heap.alloc(length);
    for (let t = 0; t < length; t++) a.data[t] = f(t);
    return a;
  };
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      if (j !== 4 && u() < 0.35) {
        indices.push(i);
        values.push(u() * 4 - 1);
      }
    }
    indptr.push(indices.length);
  }
  const colptr = heap.allocInt32(p + 1);
  colptr.data.set(indptr);
  const rows = heap.allocInt32(indices.length);
  rows.data.set(indices);
  const vals = fill(values.length, (t) => values[t]);
  const center = fill(p, () => u() - 0.3);
  const inv = fill(p, () => 0.5 + u());
  const raw = new Float64Array(n * p);
  for (let j = 0; j < p; j++) for (let k = indptr[j]; k < indptr[j + 1]; k++) raw[j * n + indices[k]] = values[k];
  const Xs = fill(n * p, (t) => (raw[t] - center.data[Math.floor(t / n)]) * inv.data[Math.floor(t / n)]);
  return { heap, fill, u, indptr, indices, values, colptr, rows, vals, center, inv, raw, Xs };
}

describe.each([true, false])('sparse kernels (wasm preferred: %s)', (preferWasm) => {
  it('agree with plain sums over a column\'s entries', () => {
    const s = setup(preferWasm);
    const { heap, fill, u, indptr, indices, values } = s;
    expect(heap.kernels.kind).toBe(preferWasm ? 'wasm-simd' : 'js');
    const v = fill(n, () => u() - 0.5);
    const w = fill(n, () => u());
    const out = fill(p, () => -7);
    const close = (x: number, y: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(y)));
    for (let j = 0; j < p; j++) {
      const entries = Array.from({ length: indptr[j + 1] - indptr[j] }, (_, t) => indptr[j] + t);
      const sum = (f: (k: number) => number) => entries.reduce((acc, k) => acc + f(k), 0);
      close(heap.kernels.sdot(s.colptr.ptr, s.rows.ptr, s.vals.ptr, j, v.ptr), sum((k) => values[k] * v.data[indices[k]]));
      close(heap.kernels.sdot3(s.colptr.ptr, s.rows.ptr, s.vals.ptr, j, w.ptr, v.ptr), sum((k) => values[k] * w.data[indices[k]] * v.data[indices[k]]));
      const y0 = Float64Array.from(v.data);
      heap.kernels.saxpy(-0.75, s.colptr.ptr, s.rows.ptr, s.vals.ptr, j, w.ptr, v.ptr);
      const expected = Float64Array.from(y0);
      for (const k of entries) expected[indices[k]] -= 0.75 * values[k] * w.data[indices[k]];
      v.data.forEach((value, i) => close(value, expected[i]));
    }
    // Σ_i w_i x̃_ij² over all rows from the entries alone, and Σ w·x, against the dense X̃.
    const all = heap.allocInt32(p);
    all.data.set(Array.from({ length: p }, (_, j) => j));
    const Q = w.data.reduce((acc, x) => acc + x, 0);
    const xv = fill(p, () => -1);
    const q = fill(p, () => -1);
    heap.kernels.sstats_many(s.colptr.ptr, s.rows.ptr, s.vals.ptr, all.ptr, p, w.ptr, s.center.ptr, s.inv.ptr, Q, xv.ptr, q.ptr);
    for (let j = 0; j < p; j++) {
      const entries = Array.from({ length: indptr[j + 1] - indptr[j] }, (_, t) => indptr[j] + t);
      close(q.data[j], entries.reduce((acc, k) => acc + w.data[indices[k]] * values[k], 0));
      close(xv.data[j], heap.kernels.dot3(s.Xs.ptr + 8 * j * n, w.ptr, s.Xs.ptr + 8 * j * n, n));
    }
    const idx = heap.allocInt32(3);
    idx.data.set([5, 4, 0]);
    const sumV = v.data.reduce((a, b) => a + b, 0);
    heap.kernels.dot_many_sparse(s.colptr.ptr, s.rows.ptr, s.vals.ptr, idx.ptr, 3, v.ptr, out.ptr, 0.5, s.inv.ptr, s.center.ptr, sumV);
    for (let j = 0; j < p; j++) {
      const dense = heap.kernels.dot(s.Xs.ptr + 8 * j * n, v.ptr, n);
      if ([5, 4, 0].includes(j)) close(out.data[j], 0.5 * dense);
      else expect(out.data[j]).toBe(-7);
    }
  });

  it('read vals = 0 as a 0/1 matrix: every stored value 1', () => {
    const s = setup(preferWasm, 5);
    const { heap, fill, u, indptr, indices } = s;
    const v = fill(n, () => u() - 0.5);
    const w = fill(n, () => u());
    for (let j = 0; j < p; j++) {
      const entries = Array.from({ length: indptr[j + 1] - indptr[j] }, (_, t) => indptr[j] + t);
      const sum = entries.reduce((acc, k) => acc + v.data[indices[k]], 0);
      expect(Math.abs(heap.kernels.sdot(s.colptr.ptr, s.rows.ptr, 0, j, v.ptr) - sum)).toBeLessThan(1e-13);
      const sum3 = entries.reduce((acc, k) => acc + w.data[indices[k]] * v.data[indices[k]], 0);
      expect(Math.abs(heap.kernels.sdot3(s.colptr.ptr, s.rows.ptr, 0, j, w.ptr, v.ptr) - sum3)).toBeLessThan(1e-13);
    }
  });

  /** gw, uw: 'none' (0), 'w' (weights); gscale. */
  const conventions = [
    { name: 'uniform weights (naive squared)', gw: false, uw: false, gscale: 0.3 },
    { name: 'weighted gradients (naive squared)', gw: true, uw: false, gscale: 1 },
    { name: 'weighted updates (IRLS)', gw: false, uw: true, gscale: 1 },
  ];
  it.each(conventions)('a sparse pass equals the dense pass on X̃ made explicit: $name', ({ gw, uw, gscale }) => {
    const s = setup(preferWasm, 11);
    const { heap, fill, u } = s;
    const w = fill(n, () => 0.2 + u());
    const list = heap.allocInt32(p);
    list.data.set([0, 2, 3, 4, 5, 8, 6]);
    const count = 7;
    const arrays = () => ({
      beta: fill(p, (j) => (j % 3 === 0 ? 0 : 0.2 * Math.sin(j))),
      xv: fill(p, (j) => 0.5 + 0.1 * j),
      l1: fill(p, () => 0.02),
      l2: fill(p, () => 0.01),
      lo: fill(p, (j) => (j === 5 ? -0.05 : -Infinity)),
      hi: fill(p, (j) => (j === 2 ? 0.05 : Infinity)),
      r: fill(n, (i) => Math.cos(i)),
    });
    const dense = arrays();
    const sparse = arrays();
    const gwPtr = gw ? w.ptr : 0;
    const uwPtr = uw ? w.ptr : 0;
    const { kernels } = heap;
    const dlxDense = kernels.cd_pass_resid(s.Xs.ptr, n, list.ptr, count, dense.beta.ptr, dense.xv.ptr, dense.l1.ptr, dense.l2.ptr, dense.lo.ptr, dense.hi.ptr, dense.r.ptr, gwPtr, gscale, uwPtr);
    // The sparse state: ρ = r, o = 0, S = Σ g∘r, Q = Σ g∘u, q_j = Σ g·u·x_j over the column's entries.
    const g = (i: number) => (gw ? w.data[i] : 1);
    const uu = (i: number) => (uw ? w.data[i] : 1);
    let S = 0;
    let Q = 0;
    for (let i = 0; i < n; i++) {
      S += g(i) * sparse.r.data[i];
      Q += g(i) * uu(i);
    }
    const state = fill(3, (t) => [0, S, Q][t]);
    const q = fill(p, (j) => {
      let acc = 0;
      for (let k = s.indptr[j]; k < s.indptr[j + 1]; k++) acc += g(s.indices[k]) * uu(s.indices[k]) * s.values[k];
      return acc;
    });
    const dlxSparse = kernels.cd_pass_sparse(
      s.colptr.ptr, s.rows.ptr, s.vals.ptr, list.ptr, count, sparse.beta.ptr, sparse.xv.ptr, sparse.l1.ptr, sparse.l2.ptr, sparse.lo.ptr,
      sparse.hi.ptr, sparse.r.ptr, gwPtr, gscale, uwPtr, s.inv.ptr, s.center.ptr, q.ptr, state.ptr,
    );
    expect(dlxDense).toBeGreaterThan(0);
    expect(Math.abs(dlxSparse - dlxDense)).toBeLessThanOrEqual(1e-12 * (1 + dlxDense));
    sparse.beta.data.forEach((b, j) => expect(Math.abs(b - dense.beta.data[j]), `beta[${j}]`).toBeLessThanOrEqual(1e-12));
    // r = ρ + o·u, and S follows Σ g∘r.
    const o = state.data[0];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const r = sparse.r.data[i] + o * uu(i);
      expect(Math.abs(r - dense.r.data[i]), `r[${i}]`).toBeLessThanOrEqual(1e-12);
      total += g(i) * dense.r.data[i];
    }
    expect(Math.abs(state.data[1] - total)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(total)));
  });
});
