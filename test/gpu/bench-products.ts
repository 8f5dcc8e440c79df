// The two products, timed on the device: the shipped tiled kernels (products/forward.wgsl,
// products/backward.wgsl + backward-reduce.wgsl, as the backend dispatches them) against the
// naive one-invocation-per-output kernels (products/naive.wgsl), on one row block of random
// data with all K columns active. Flops 2·n·p·K per product; bytes the least traffic, one read
// of X̃ and of the small operand and one write of the result. Runs in the page.

import { columnStride, FEATURE_TILE, planGeometry, planProducts, COLUMN_TILE, roundUp } from '../../src/gpu/layout.js';
import { pipelineFor, PROGRAMS } from '../../src/gpu/programs.js';
import { CommandStream } from '../../src/gpu/stream.js';
import { mulberry32 } from '../../src/random.js';

export interface BenchSpec {
  nSamples: number;
  nFeatures: number;
  nColumns: number;
  /** Timed repetitions of each kernel (after one warm-up). */
  repeats: number;
}

export interface KernelTiming {
  kernel: string;
  ms: number;
  gflops: number;
  gbytes: number;
}

export interface BenchResult {
  flops: number;
  bytes: number;
  timings: KernelTiming[];
  /** Largest relative difference between the tiled and naive results (a sanity check). */
  agreement: number;
}

export async function benchProducts(device: GPUDevice, spec: BenchSpec): Promise<BenchResult> {
  const { nSamples: n, nFeatures: p, nColumns: K } = spec;
  const geometry = planGeometry(n, p, device.limits.maxStorageBufferBindingSize);
  if (geometry.blocks.length !== 1) throw new Error('the benchmark takes one row block');
  const { nPad, pPad } = geometry;
  const stride = columnStride(K);
  const plan = planProducts(geometry, stride, device.limits.maxStorageBufferBindingSize);
  const stream = new CommandStream(device, 'proxpath kernel bench');
  const uniform = mulberry32(1);
  const make = (label: string, floats: number, fill: boolean, usage = 0) => {
    const buffer = device.createBuffer({ label, size: 4 * floats, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | usage, mappedAtCreation: fill });
    if (fill) {
      const data = new Float32Array(buffer.getMappedRange());
      for (let i = 0; i < data.length; i++) data[i] = uniform() - 0.5;
      buffer.unmap();
    }
    return buffer;
  };
  const X = make('X', nPad * pPad, true);
  const B = make('B', pPad * stride, true);
  const D = make('D', nPad * stride, true);
  const eta = make('eta', nPad * stride, false);
  const G = make('G', pPad * stride, false);
  const etaNaive = make('eta naive', nPad * stride, false);
  const gNaive = make('G naive', pPad * stride, false);
  const partial = make('partial', plan.nChunks * pPad * stride, false);
  const active = device.createBuffer({ size: 4 * roundUp(K, 64), usage: GPUBufferUsage.STORAGE, mappedAtCreation: true });
  new Uint32Array(active.getMappedRange()).set(Uint32Array.from({ length: roundUp(K, 64) }, (_, k) => (k < K ? k : 0xffffffff)));
  active.unmap();

  const [forward, backward, reduce, forwardNaive, backwardNaive] = await Promise.all(
    [PROGRAMS.forward, PROGRAMS.backward, PROGRAMS.backwardReduce, PROGRAMS.forwardNaive, PROGRAMS.backwardNaive].map((program) => pipelineFor(device, program)),
  );
  const columnTiles = Math.ceil(K / COLUMN_TILE);
  const kernels: Record<string, () => void> = {
    'forward tiled': () => {
      for (const d of plan.forward) {
        stream.dispatch(forward, { kStride: stride, nActive: K, blockRows: nPad, rowBase: 0, tileBase: d.tileBase, pPad }, active, [X, B, eta], [d.tiles, columnTiles]);
      }
    },
    'forward naive': () => {
      stream.dispatch(forwardNaive, { kStride: stride, nActive: K, blockRows: nPad, pPad }, active, [X, B, etaNaive], [Math.ceil(nPad / 64), K]);
    },
    'backward tiled': () => {
      for (const d of plan.backward) {
        stream.dispatch(backward, {
          kStride: stride, blockRows: nPad, rowBase: 0, tileBase: d.tileBase, chunkRows: plan.chunkRows, chunkBase: d.chunkBase, pPad,
        }, active, [X, D, partial], [pPad / FEATURE_TILE, columnTiles, d.chunks]);
      }
      stream.dispatch(reduce, { kStride: stride, pPad, nChunks: plan.nChunks }, active, [partial, G], [pPad / 64, K]);
    },
    'backward naive': () => {
      stream.dispatch(backwardNaive, { kStride: stride, nActive: K, blockRows: nPad, pPad }, active, [X, D, gNaive], [Math.ceil(pPad / 64), K]);
    },
  };
  const flops = 2 * n * p * K;
  const bytes = 4 * (n * p + (p + n) * K);
  const timings: KernelTiming[] = [];
  try {
    for (const [kernel, record] of Object.entries(kernels)) {
      record(); // warm-up
      stream.flush();
      await device.queue.onSubmittedWorkDone();
      const start = performance.now();
      for (let r = 0; r < spec.repeats; r++) record();
      stream.flush();
      await device.queue.onSubmittedWorkDone();
      const ms = (performance.now() - start) / spec.repeats;
      timings.push({ kernel, ms, gflops: flops / ms / 1e6, gbytes: bytes / ms / 1e6 });
    }
    const read = async (buffer: GPUBuffer, floats: number) => new Float32Array(await stream.read(buffer, 0, 4 * floats));
    let agreement = 0;
    for (const [a, b, rows] of [[eta, etaNaive, n], [G, gNaive, p]] as const) {
      const [x, y] = [await read(a, rows * stride), await read(b, rows * stride)];
      let diff = 0;
      let scale = 0;
      for (let r = 0; r < rows; r++) {
        for (let k = 0; k < K; k++) {
          diff = Math.max(diff, Math.abs(x[r * stride + k] - y[r * stride + k]));
          scale = Math.max(scale, Math.abs(y[r * stride + k]));
        }
      }
      agreement = Math.max(agreement, diff / Math.max(scale, 1e-30));
    }
    await stream.check();
    return { flops, bytes, timings, agreement };
  } finally {
    stream.destroy();
    for (const b of [X, B, D, eta, G, etaNaive, gNaive, partial, active]) b.destroy();
  }
}
