// The float64 vector kernels of the CPU path over one heap of doubles: WebAssembly SIMD where
// the engine has it (Node 20, every current browser), plain JavaScript loops otherwise. Arrays
// are addressed by byte offsets into the heap, so both implementations share one interface.

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
   * out[t] = Σ_i x[i + nRows·idx[t]]·b[i] for t < count: columns idx (an Int32 array at byte
   * offset idx) of the column-major matrix at x, against b, in one call.
   */
  dot_many(x: number, nRows: number, idx: number, count: number, b: number, out: number): void;
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

function jsKernels(f: Float64Array): Kernels {
  return {
    kind: 'js',
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
    dot_many(x, nRows, idx, count, b, out) {
      const indices = new Int32Array(f.buffer, idx, count);
      const ib = b / 8;
      const io = out / 8;
      for (let t = 0; t < count; t++) {
        const ia = x / 8 + indices[t] * nRows;
        let s = 0;
        for (let i = 0; i < nRows; i++) s += f[ia + i] * f[ib + i];
        f[io + t] = s;
      }
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
}

/**
 * A bump allocator over one fixed block of memory, sized up front (growing a WebAssembly
 * memory would detach every view already handed out).
 */
export class Float64Heap {
  readonly kernels: Kernels;
  private readonly buffer: ArrayBuffer;
  private next = 0;

  /** @param nDoubles the total number of doubles that will be allocated */
  constructor(nDoubles: number, preferWasm = true) {
    // Each allocation is rounded up to 16 bytes; leave room for that.
    const bytes = nDoubles * 8 + 64 * 16 + PAGE_BYTES;
    const pages = Math.ceil(bytes / PAGE_BYTES);
    const module = preferWasm && pages <= MAX_WASM_PAGES ? compiledModule() : null;
    if (module) {
      const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      this.buffer = memory.buffer;
      this.kernels = { kind: 'wasm-simd', ...(instance.exports as unknown as Omit<Kernels, 'kind'>) };
    } else {
      this.buffer = new ArrayBuffer(pages * PAGE_BYTES);
      this.kernels = jsKernels(new Float64Array(this.buffer));
    }
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
