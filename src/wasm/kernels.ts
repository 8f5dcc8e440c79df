// The float64 vector kernels of the CPU path over one heap of doubles: WebAssembly SIMD where
// the engine has it (Node 20, every current browser), plain JavaScript loops otherwise. Arrays
// are addressed by byte offsets into the heap, so both implementations share one interface.

import { coordinateStep } from './coordinate-step.js';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.js';

export interface Kernels {
  /** 'wasm-simd' or 'js': which implementation runs. */
  readonly kind: 'wasm-simd' | 'js';
  /** Σ a[i]·b[i], i < n (a, b: byte offsets of float64 arrays in the heap). */
  dot(a: number, b: number, n: number): number;
  /** Σ a[i]·w[i]·b[i]. */
  dot3(a: number, w: number, b: number, n: number): number;
  /** out[t] = Σ a_t[i]·b[i] for t < 4. */
  dot4(a0: number, a1: number, a2: number, a3: number, b: number, n: number, out: number): void;
  /**
   * out[idx[t]] = scale·Σ_i x[i + nRows·idx[t]]·b[i] for t < count: columns idx (an Int32 array
   * at byte offset idx) of the column-major matrix at x against b, scattered by column index.
   */
  dot_many(x: number, nRows: number, idx: number, count: number, b: number, out: number, scale: number): void;
  /**
   * One coordinate-descent pass on residuals over the Int32 features at list (count of them):
   * u = x_jᵀ(gw∘r) (gscale·x_jᵀr when gw = 0) + xv_j β_j, β_j ← the elastic-net/box minimizer,
   * r ← r − Δ·(uw∘x_j) (r − Δ·x_j when uw = 0). Returns max_j xv_j·Δ². x is column-major, n rows.
   */
  cd_pass_resid(
    x: number, n: number, list: number, count: number, beta: number, xv: number, l1: number, l2: number,
    lo: number, hi: number, r: number, gw: number, gscale: number, uw: number,
  ): number;
  /**
   * One coordinate-descent pass on a Gram matrix: u = g_j + xv_j β_j, and g ← g − Δ·G[:, j] over
   * all p entries (full ≠ 0) or the nActive features at active. G[:, j] is at gram + 8·p·slot[j];
   * a slot below 0 asks the heap's formGram(j) to form it first. Returns max_j xv_j·Δ².
   */
  cd_pass_gram(
    list: number, count: number, beta: number, xv: number, l1: number, l2: number, lo: number, hi: number,
    g: number, gram: number, slot: number, p: number, full: number, active: number, nActive: number,
  ): number;
  /** max_i |x[i]|. */
  max_abs(x: number, n: number): number;
  /**
   * Sparse columns (CSC): column j's entries are k ∈ [colptr[j], colptr[j + 1]), row rows[k] (Int32
   * arrays) and value vals[k] (float64; vals = 0: a 0/1 matrix, every value 1 and none stored).
   * sdot: Σ_k vals[k]·v[rows[k]] over column j.
   */
  sdot(colptr: number, rows: number, vals: number, j: number, v: number): number;
  /** Σ_k vals[k]·w[rows[k]]·v[rows[k]] over column j. */
  sdot3(colptr: number, rows: number, vals: number, j: number, w: number, v: number): number;
  /** y[rows[k]] += alpha·vals[k]·w[rows[k]] over column j (w = 0: no weight). */
  saxpy(alpha: number, colptr: number, rows: number, vals: number, j: number, w: number, y: number): void;
  /**
   * For the count Int32 features j at list: q[j] = Σ w·x and xv[j] = (Σ w·(x − m_j)² + m_j²·(Q − Σ w))·inv_j²
   * over column j's entries (w at their rows, x their values, m = center): with Q = Σ_i w_i, the
   * weighted sum of squares Σ_i w_i x̃_ij² over every row.
   */
  sstats_many(
    colptr: number, rows: number, vals: number, list: number, count: number, w: number, center: number, inv: number, Q: number,
    xv: number, q: number,
  ): void;
  /**
   * out[j] = scale·inv[j]·(x_jᵀv − center[j]·sumV) for the count Int32 features at idx: the products
   * x̃_jᵀv of the standardized sparse columns x̃_j = (x_j − center_j)·inv_j, sumV = Σ_i v[i].
   */
  dot_many_sparse(
    colptr: number, rows: number, vals: number, idx: number, count: number, v: number, out: number, scale: number,
    inv: number, center: number, sumV: number,
  ): void;
  /**
   * cd_pass_resid over sparse columns with the centring and scaling folded in (kernels.wat says
   * how): the residual is ρ + o·u (ρ at r, u = uw or 1), state = [o, S, Q] (S = Σ g∘r, Q = Σ g∘u,
   * g = gw or 1), q[j] = Σ_k g·u·vals over column j.
   */
  cd_pass_sparse(
    colptr: number, rows: number, vals: number, list: number, count: number, beta: number, xv: number, l1: number,
    l2: number, lo: number, hi: number, r: number, gw: number, gscale: number, uw: number, inv: number, center: number,
    q: number, state: number,
  ): number;
  /** x[i] ← (x[i] − m)·inv. */
  shift_scale(x: number, n: number, m: number, inv: number): void;
  /** y[i] += alpha·x[i]. */
  axpy(alpha: number, x: number, y: number, n: number): void;
  /** y[i] += alpha·w[i]·x[i]. */
  axpy3(alpha: number, x: number, w: number, y: number, n: number): void;
}

/** A float64 array living in a heap: its elements and its byte offset. */
export interface HeapArray {
  data: Float64Array;
  ptr: number;
}

const PAGE_BYTES = 65536;
const MAX_WASM_PAGES = 65536;

let wasmModule: WebAssembly.Module | null | undefined;

/**
 * Compiled synchronously, which browsers allow on the main thread for modules under 4 KiB:
 * keep kernels.wat small (it assembles to about 3.4 KiB).
 */
function compiledModule(): WebAssembly.Module | null {
  if (wasmModule !== undefined) return wasmModule;
  try {
    const bytes = Uint8Array.from(atob(KERNELS_WASM_BASE64), (c) => c.charCodeAt(0));
    wasmModule = new WebAssembly.Module(bytes);
  } catch {
    wasmModule = null; // no WebAssembly SIMD here: the JavaScript kernels do the same work
  }
  return wasmModule;
}

function jsKernels(f: Float64Array, formGram: (j: number) => void): Kernels {
  const int32 = (ptr: number, length: number) => new Int32Array(f.buffer, ptr, length);
  const k: Kernels = {
    kind: 'js',
    cd_pass_resid(x, n, list, count, beta, xv, l1, l2, lo, hi, r, gw, gscale, uw) {
      const features = int32(list, count);
      let dlx = 0;
      for (let t = 0; t < count; t++) {
        const j = features[t];
        const col = x + 8 * j * n;
        const old = f[beta / 8 + j];
        const v = f[xv / 8 + j];
        const u = (gw ? k.dot3(col, gw, r, n) : gscale * k.dot(col, r, n)) + v * old;
        const b = coordinateStep(u, v, f[l1 / 8 + j], f[l2 / 8 + j], f[lo / 8 + j], f[hi / 8 + j]);
        const d = b - old;
        if (d === 0) continue;
        f[beta / 8 + j] = b;
        if (uw) k.axpy3(-d, col, uw, r, n);
        else k.axpy(-d, col, r, n);
        dlx = Math.max(dlx, v * d * d);
      }
      return dlx;
    },
    cd_pass_gram(list, count, beta, xv, l1, l2, lo, hi, g, gram, slot, p, full, active, nActive) {
      const features = int32(list, count);
      const slots = int32(slot, p);
      const activeList = int32(active, nActive);
      const ig = g / 8;
      let dlx = 0;
      for (let t = 0; t < count; t++) {
        const j = features[t];
        const old = f[beta / 8 + j];
        const v = f[xv / 8 + j];
        const b = coordinateStep(f[ig + j] + v * old, v, f[l1 / 8 + j], f[l2 / 8 + j], f[lo / 8 + j], f[hi / 8 + j]);
        const d = b - old;
        if (d === 0) continue;
        f[beta / 8 + j] = b;
        if (slots[j] < 0) formGram(j);
        const col = gram / 8 + slots[j] * p;
        if (full) for (let m = 0; m < p; m++) f[ig + m] -= f[col + m] * d;
        else for (let a = 0; a < nActive; a++) f[ig + activeList[a]] -= f[col + activeList[a]] * d;
        dlx = Math.max(dlx, v * d * d);
      }
      return dlx;
    },
    dot(a, b, n) {
      const ia = a / 8;
      const ib = b / 8;
      let s0 = 0;
      let s1 = 0;
      let i = 0;
      for (; i + 1 < n; i += 2) {
        s0 += f[ia + i] * f[ib + i];
        s1 += f[ia + i + 1] * f[ib + i + 1];
      }
      if (i < n) s0 += f[ia + i] * f[ib + i];
      return s0 + s1;
    },
    dot3(a, w, b, n) {
      const ia = a / 8;
      const iw = w / 8;
      const ib = b / 8;
      let s = 0;
      for (let i = 0; i < n; i++) s += f[ia + i] * f[iw + i] * f[ib + i];
      return s;
    },
    dot4(a0, a1, a2, a3, b, n, out) {
      const [i0, i1, i2, i3, ib] = [a0 / 8, a1 / 8, a2 / 8, a3 / 8, b / 8];
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < n; i++) {
        const v = f[ib + i];
        s0 += f[i0 + i] * v;
        s1 += f[i1 + i] * v;
        s2 += f[i2 + i] * v;
        s3 += f[i3 + i] * v;
      }
      const o = out / 8;
      f[o] = s0;
      f[o + 1] = s1;
      f[o + 2] = s2;
      f[o + 3] = s3;
    },
    dot_many(x, nRows, idx, count, b, out, scale) {
      const indices = new Int32Array(f.buffer, idx, count);
      const ib = b / 8;
      const io = out / 8;
      for (let t = 0; t < count; t++) {
        const ia = x / 8 + indices[t] * nRows;
        let s = 0;
        for (let i = 0; i < nRows; i++) s += f[ia + i] * f[ib + i];
        f[io + indices[t]] = scale * s;
      }
    },
    ...sparseJs(f),
    max_abs(x, n) {
      let m = 0;
      for (let i = x / 8; i < x / 8 + n; i++) m = Math.max(m, Math.abs(f[i]));
      return m;
    },
    shift_scale(x, n, m, inv) {
      for (let i = x / 8; i < x / 8 + n; i++) f[i] = (f[i] - m) * inv;
    },
    axpy(alpha, x, y, n) {
      const ix = x / 8;
      const iy = y / 8;
      for (let i = 0; i < n; i++) f[iy + i] += alpha * f[ix + i];
    },
    axpy3(alpha, x, w, y, n) {
      const ix = x / 8;
      const iw = w / 8;
      const iy = y / 8;
      for (let i = 0; i < n; i++) f[iy + i] += alpha * f[iw + i] * f[ix + i];
    },
  };
  return k;
}

/** The sparse-column kernels in JavaScript, the twins of kernels.wat's (same order of operations). */
function sparseJs(f: Float64Array) {
  const i32 = new Int32Array(f.buffer);
  const span = (colptr: number, j: number) => [i32[colptr / 4 + j], i32[colptr / 4 + j + 1]];
  /** Entry k's value: vals = 0 stands for a 0/1 matrix, whose values are all 1 and not stored. */
  const val = (vals: number, k: number) => (vals ? f[vals / 8 + k] : 1);
  const sdot = (colptr: number, rows: number, vals: number, j: number, v: number): number => {
    const [start, end] = span(colptr, j);
    let s = 0;
    for (let k = start; k < end; k++) s += val(vals, k) * f[v / 8 + i32[rows / 4 + k]];
    return s;
  };
  const sdot3 = (colptr: number, rows: number, vals: number, j: number, w: number, v: number): number => {
    const [start, end] = span(colptr, j);
    let s = 0;
    for (let k = start; k < end; k++) {
      const i = i32[rows / 4 + k];
      s += val(vals, k) * (f[w / 8 + i] * f[v / 8 + i]);
    }
    return s;
  };
  const saxpy = (alpha: number, colptr: number, rows: number, vals: number, j: number, w: number, y: number): void => {
    const [start, end] = span(colptr, j);
    for (let k = start; k < end; k++) {
      const i = i32[rows / 4 + k];
      f[y / 8 + i] += w ? alpha * val(vals, k) * f[w / 8 + i] : alpha * val(vals, k);
    }
  };
  return {
    sdot,
    sdot3,
    saxpy,
    sstats_many(colptr: number, rows: number, vals: number, list: number, count: number, w: number, center: number, inv: number, Q: number, xv: number, q: number): void {
      for (let t = 0; t < count; t++) {
        const j = i32[list / 4 + t];
        const [start, end] = span(colptr, j);
        const m = f[center / 8 + j];
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        for (let k = start; k < end; k++) {
          const wi = f[w / 8 + i32[rows / 4 + k]];
          const d = val(vals, k) - m;
          s0 += wi * val(vals, k);
          s1 += wi * (d * d);
          s2 += wi;
        }
        f[q / 8 + j] = s0;
        const a = f[inv / 8 + j];
        f[xv / 8 + j] = (s1 + m * m * (Q - s2)) * a * a;
      }
    },
    dot_many_sparse(colptr: number, rows: number, vals: number, idx: number, count: number, v: number, out: number, scale: number, inv: number, center: number, sumV: number): void {
      for (let t = 0; t < count; t++) {
        const j = i32[idx / 4 + t];
        f[out / 8 + j] = scale * f[inv / 8 + j] * (sdot(colptr, rows, vals, j, v) - f[center / 8 + j] * sumV);
      }
    },
    cd_pass_sparse(
      colptr: number, rows: number, vals: number, list: number, count: number, beta: number, xv: number, l1: number,
      l2: number, lo: number, hi: number, r: number, gw: number, gscale: number, uw: number, inv: number, center: number,
      q: number, state: number,
    ): number {
      let o = f[state / 8];
      let S = f[state / 8 + 1];
      const Q = f[state / 8 + 2];
      let dlx = 0;
      for (let t = 0; t < count; t++) {
        const j = i32[list / 4 + t];
        const old = f[beta / 8 + j];
        const v = f[xv / 8 + j];
        const a = f[inv / 8 + j];
        const m = f[center / 8 + j];
        const [start, end] = span(colptr, j);
        let gx = 0;
        for (let k = start; k < end; k++) {
          const i = i32[rows / 4 + k];
          const xr = val(vals, k) * f[r / 8 + i];
          gx += gw ? xr * f[gw / 8 + i] : xr;
        }
        const grad = gscale * a * (gx + o * f[q / 8 + j] - m * S);
        const b = coordinateStep(grad + v * old, v, f[l1 / 8 + j], f[l2 / 8 + j], f[lo / 8 + j], f[hi / 8 + j]);
        const d = b - old;
        if (d === 0) continue;
        f[beta / 8 + j] = b;
        const da = d * a;
        saxpy(-da, colptr, rows, vals, j, uw, r);
        o += da * m;
        S -= da * (f[q / 8 + j] - m * Q);
        dlx = Math.max(dlx, v * d * d);
      }
      f[state / 8] = o;
      f[state / 8 + 1] = S;
      return dlx;
    },
  };
}

/** The kernels of one instance of the module over `memory`. */
function wasmKernels(module: WebAssembly.Module, memory: WebAssembly.Memory, formGram: (j: number) => void): Kernels {
  const instance = new WebAssembly.Instance(module, { env: { memory, formGram } });
  return { kind: 'wasm-simd', ...(instance.exports as unknown as Omit<Kernels, 'kind'>) };
}

/**
 * One WebAssembly instance whose memory serves fit after fit. Reusing it keeps the kernels'
 * function objects the same, so the JIT's code around them stays optimized (a new instance per
 * fit deoptimizes every call site that speculated on the old one), and keeps warm pages.
 */
interface Arena {
  memory: WebAssembly.Memory;
  kernels: Kernels;
  /** The heap using the arena now, or null when it is free. */
  owner: Float64Heap | null;
}

/** Heaps larger than this get memory of their own, so that the arena never holds much. */
const ARENA_MAX_PAGES = 4096; // 256 MiB
let arena: Arena | null | undefined;

function sharedArena(): Arena | null {
  if (arena !== undefined) return arena;
  const module = compiledModule();
  if (!module) return (arena = null);
  const memory = new WebAssembly.Memory({ initial: 16, maximum: ARENA_MAX_PAGES });
  const formGram = (j: number) => arena?.owner?.formGram(j);
  arena = { memory, kernels: wasmKernels(module, memory, formGram), owner: null };
  return arena;
}

/**
 * A bump allocator over one fixed block of memory, sized up front (growing a WebAssembly
 * memory would detach every view already handed out).
 */
export class Float64Heap {
  readonly kernels: Kernels;
  /** Called by cd_pass_gram when a coordinate without a Gram column first moves. */
  formGram: (j: number) => void = () => {
    throw new Error('Float64Heap: no Gram column builder set');
  };
  private readonly buffer: ArrayBuffer;
  private next = 0;
  private readonly arena: Arena | null = null;

  /**
   * @param nDoubles the total number of doubles that will be allocated
   * @param preferWasm false forces the JavaScript kernels (tests)
   */
  constructor(nDoubles: number, preferWasm = true) {
    // Each allocation is rounded up to 16 bytes; leave room for that.
    const bytes = nDoubles * 8 + 64 * 16 + PAGE_BYTES;
    const pages = Math.ceil(bytes / PAGE_BYTES);
    const shared = preferWasm && pages <= ARENA_MAX_PAGES ? sharedArena() : null;
    if (shared && !shared.owner) {
      // Grow only while nobody holds views into the memory (growing detaches them).
      const have = shared.memory.buffer.byteLength / PAGE_BYTES;
      if (have < pages) shared.memory.grow(pages - have);
      shared.owner = this;
      this.arena = shared;
      this.buffer = shared.memory.buffer;
      this.kernels = shared.kernels;
      return;
    }
    const module = preferWasm && pages <= MAX_WASM_PAGES ? compiledModule() : null;
    if (module) {
      const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
      const formGram = (j: number) => this.formGram(j);
      this.buffer = memory.buffer;
      this.kernels = wasmKernels(module, memory, formGram);
    } else {
      this.buffer = new ArrayBuffer(pages * PAGE_BYTES);
      this.kernels = jsKernels(new Float64Array(this.buffer), (j) => this.formGram(j));
    }
  }

  /** Hands shared memory back for the next heap; no array of this heap may be used afterwards. */
  release(): void {
    if (this.arena?.owner === this) this.arena.owner = null;
  }

  /** An Int32 array in the heap (for index lists passed to the kernels). */
  allocInt32(length: number): { data: Int32Array; ptr: number } {
    const { ptr } = this.alloc(Math.ceil(length / 2));
    return { data: new Int32Array(this.buffer, ptr, length), ptr };
  }

  alloc(length: number): HeapArray {
    const ptr = this.next;
    const bytes = length * 8;
    if (ptr + bytes > this.buffer.byteLength) throw new Error(`Float64Heap: out of room for ${length} doubles`);
    this.next = ptr + Math.ceil(bytes / 16) * 16;
    return { data: new Float64Array(this.buffer, ptr, length), ptr };
  }
}
