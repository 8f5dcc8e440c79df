// The WebGPU implementation of the batched backend (src/solvers/batched/backend.ts): float32
// buffers on the device, the kernels of shaders/, and float64 only at `write` and `read`. X̃₁ is
// uploaded once per open(), in row blocks that each fit one binding. Work is restricted to the
// active columns through an index list; the command stream submits many ops at once and reads
// back only in `read` and `gramNorm`. Layouts: shaders/common.wgsl.

import type { Standardized } from '../problem/standardize.js';
import type { Problem } from '../problem/validate.js';
import {
  type BatchBackend, type BatchBuffer, type BatchOps, type BufferKind, type DeviceCounts, type FistaColumns, POWER_ITERATIONS,
  type ProxReductions,
} from '../solvers/batched/backend.js';
import { ColumnArena } from './arena.js';
import {
  columnStride, COLUMN_TILE, DISPATCH_FLOPS, FEATURE_TILE, planGeometry, planProducts, ROW_TILE, rowGroups, SAMPLE_CHUNK,
  type Geometry, type ProductPlan,
} from './layout.js';
import { destroyProblem, toFloat32, uploadProblem, type ProblemBuffers } from './problem-buffers.js';
import { lossPrograms, lossShader, pipelineFor, PROGRAMS, type Program } from './programs.js';
import { CommandStream, type GpuClock } from './stream.js';

export interface WebGpuBackendOptions {
  /** Largest X̃₁ row block in bytes (default: the device's binding and buffer limits); tests force tiny blocks. */
  maxBindingBytes?: number;
  /** Most flops per product dispatch (default DISPATCH_FLOPS); tests force split dispatches. */
  maxDispatchFlops?: number;
  /** Adds up the GPU time of the compute passes where the device has `timestamp-query` (GpuClock). */
  clock?: GpuClock;
}

/** The sentinel of an empty active slot (NONE in shaders/common.wgsl). */
const NONE = 0xffffffff;
/** Power iterations of gramNorm, as the float64 twin. */
/** The flags bit of one problem per column (COLUMN_PROBLEMS in shaders/common.wgsl). */
const COLUMN_PROBLEMS = 4;

class GpuBuffer implements BatchBuffer {
  constructor(
    readonly kind: BufferKind,
    readonly nColumns: number,
    /** Floats between rows (columnStride(nColumns)). */
    readonly stride: number,
    /** samples and coefs: the buffer; columns: null (a view into the arena at `offset`). */
    readonly buffer: GPUBuffer | null,
    readonly offset: number,
  ) {}
}

const gpu = (b: BatchBuffer): GpuBuffer => b as GpuBuffer;

type Pipelines = Record<string, GPUComputePipeline>;

export class WebGpuBatchOps implements BatchOps {
  readonly precision = 'float32' as const;
  readonly nSamples: number;
  readonly nFeatures: number;
  private readonly stream: CommandStream;
  private readonly arena: ColumnArena;
  private readonly owned: GPUBuffer[] = [];
  private readonly plans = new Map<number, { plan: ProductPlan; partial: GPUBuffer }>();
  private readonly samplePartials = new Map<number, GPUBuffer>();
  private readonly tilePartials = new Map<number, GPUBuffer>();
  private readonly sampleChunks: number;
  private activeList = new Int32Array(0);
  private activeBuffer: GPUBuffer;
  /** Per-column problems (`columnProblems`): the weights and scales buffers, or null. */
  private columnWeights: GpuBuffer | null = null;
  private columnScales: GpuBuffer | null = null;

  constructor(
    private readonly device: GPUDevice,
    private readonly geometry: Geometry,
    private readonly data: ProblemBuffers,
    private readonly pipelines: Pipelines,
    private readonly dispatchFlops: number,
    clock?: GpuClock,
  ) {
    this.nSamples = geometry.nSamples;
    this.nFeatures = geometry.nFeatures;
    this.stream = new CommandStream(device, 'proxpath batched ops', clock);
    this.arena = new ColumnArena(device, this.stream);
    this.sampleChunks = Math.ceil(geometry.nPad / SAMPLE_CHUNK);
    this.activeBuffer = this.activeIndices(new Int32Array(0));
  }

  private get nActive(): number {
    return this.activeList.length;
  }

  private activeIndices(columns: Int32Array): GPUBuffer {
    const length = Math.ceil(Math.max(columns.length, 1) / 64) * 64;
    return this.stream.scoped(() => {
      const buffer = this.device.createBuffer({ label: 'proxpath active columns', size: 4 * length, usage: GPUBufferUsage.STORAGE, mappedAtCreation: true });
      const list = new Uint32Array(buffer.getMappedRange()).fill(NONE);
      list.set(columns);
      buffer.unmap();
      return buffer;
    });
  }

  private storage(label: string, bytes: number): GPUBuffer {
    const limit = this.device.limits.maxStorageBufferBindingSize;
    if (bytes > limit) throw new Error(`${label} needs ${bytes} bytes, over the device's largest binding (${limit} bytes)`);
    const buffer = this.stream.scoped(() => this.device.createBuffer({
      label, size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    }));
    this.owned.push(buffer);
    return buffer;
  }

  private rowsOf(kind: BufferKind): number {
    return kind === 'samples' ? this.geometry.nPad : kind === 'coefs' ? this.geometry.pPad : 1;
  }

  private productPlan(stride: number): { plan: ProductPlan; partial: GPUBuffer } {
    let entry = this.plans.get(stride);
    if (!entry) {
      const plan = planProducts(this.geometry, stride, this.device.limits.maxStorageBufferBindingSize, this.dispatchFlops);
      const partial = this.storage('proxpath partial X̃ᵀD', 4 * plan.nChunks * this.geometry.pPad * stride);
      entry = { plan, partial };
      this.plans.set(stride, entry);
    }
    return entry;
  }

  private samplePartial(stride: number): GPUBuffer {
    let buffer = this.samplePartials.get(stride);
    if (!buffer) {
      buffer = this.storage('proxpath partial sample sums', 4 * this.sampleChunks * 2 * stride);
      this.samplePartials.set(stride, buffer);
    }
    return buffer;
  }

  /** The fused forward's loss sums: one per row tile and column. */
  private tilePartial(stride: number): GPUBuffer {
    let buffer = this.tilePartials.get(stride);
    if (!buffer) {
      buffer = this.storage('proxpath partial tile sums', 4 * (this.geometry.nPad / ROW_TILE) * stride);
      this.tilePartials.set(stride, buffer);
    }
    return buffer;
  }

  private run(name: string, params: Parameters<CommandStream['dispatch']>[1], bindings: GPUBuffer[], groups: [number, number?, number?]): void {
    this.stream.dispatch(this.pipelines[name], params, this.activeBuffer, bindings, groups);
  }

  private buffer(b: BatchBuffer): GPUBuffer {
    const buffer = gpu(b).buffer;
    if (!buffer) throw new Error(`a ${b.kind} buffer where samples or coefs were expected`);
    return buffer;
  }

  private col(b: BatchBuffer): number {
    if (b.kind !== 'columns') throw new Error(`a ${b.kind} buffer where a columns buffer was expected`);
    return gpu(b).offset;
  }

  alloc(kind: BufferKind, nColumns: number): BatchBuffer {
    const stride = columnStride(nColumns);
    if (kind === 'columns') return new GpuBuffer(kind, nColumns, stride, null, this.arena.alloc(stride));
    const buffer = this.storage(`proxpath ${kind} × ${nColumns}`, 4 * this.rowsOf(kind) * stride);
    return new GpuBuffer(kind, nColumns, stride, buffer, 0);
  }

  write(buffer: BatchBuffer, values: Float64Array): void {
    const b = gpu(buffer);
    if (b.kind === 'columns') {
      this.stream.write(this.arena.buffer, 4 * b.offset, Float32Array.from(values.subarray(0, b.nColumns), toFloat32));
      return;
    }
    const rows = b.kind === 'samples' ? this.nSamples : this.nFeatures + 1;
    const data = new Float32Array(this.rowsOf(b.kind) * b.stride);
    for (let k = 0; k < b.nColumns; k++) {
      for (let r = 0; r < rows; r++) data[r * b.stride + k] = toFloat32(values[k * rows + r]);
    }
    this.stream.write(this.buffer(b), 0, data);
  }

  async read(buffer: BatchBuffer): Promise<Float64Array> {
    const b = gpu(buffer);
    if (b.kind === 'columns') {
      const data = new Float32Array(await this.stream.read(this.arena.buffer, 4 * b.offset, 4 * b.nColumns));
      return Float64Array.from(data);
    }
    const rows = b.kind === 'samples' ? this.nSamples : this.nFeatures + 1;
    const data = new Float32Array(await this.stream.read(this.buffer(b), 0, 4 * rows * b.stride));
    const out = new Float64Array(rows * b.nColumns);
    for (let k = 0; k < b.nColumns; k++) {
      for (let r = 0; r < rows; r++) out[k * rows + r] = data[r * b.stride + k];
    }
    return out;
  }

  copy(from: BatchBuffer, to: BatchBuffer): void {
    if (from === to) return;
    const a = gpu(from);
    const b = gpu(to);
    if (a.kind === 'columns') {
      // WebGPU copies between distinct buffers only: through a scratch buffer.
      const bytes = 4 * a.stride;
      const scratch = this.stream.scoped(() => this.device.createBuffer({ label: 'proxpath column copy', size: bytes, usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST }));
      this.stream.copy(this.arena.buffer, 4 * a.offset, scratch, 0, bytes);
      this.stream.copy(scratch, 0, this.arena.buffer, 4 * b.offset, bytes);
      this.stream.retire(scratch);
      return;
    }
    this.stream.copy(this.buffer(a), 0, this.buffer(b), 0, 4 * this.rowsOf(a.kind) * a.stride);
  }

  columnProblems(weights: BatchBuffer | null, scales: BatchBuffer | null): void {
    if ((weights === null) !== (scales === null)) throw new Error('columnProblems takes both buffers or neither');
    if (weights && (weights.kind !== 'samples' || scales!.kind !== 'coefs')) throw new Error('columnProblems takes a samples and a coefs buffer');
    this.columnWeights = weights ? gpu(weights) : null;
    this.columnScales = scales ? gpu(scales) : null;
  }

  /**
   * The weights binding and flags of an op that weighs the samples of buffers with this stride:
   * wn, or the per-column weights (which must have the same columns).
   */
  private weights(stride: number): { wn: GPUBuffer; flags: number } {
    const w = this.columnWeights;
    if (!w) return { wn: this.data.wn, flags: 0 };
    if (w.stride !== stride) throw new Error(`per-column weights of ${w.nColumns} columns used on a buffer of another width`);
    return { wn: w.buffer!, flags: COLUMN_PROBLEMS };
  }

  /** The scales binding and flags of proxGradient and kkt (unused binding: wn, never read then). */
  private scales(stride: number): { scales: GPUBuffer; flags: number } {
    const q = this.columnScales;
    if (!q) return { scales: this.data.wn, flags: 0 };
    if (q.stride !== stride) throw new Error(`per-column penalty scales of ${q.nColumns} columns used on a buffer of another width`);
    return { scales: q.buffer!, flags: COLUMN_PROBLEMS };
  }

  setActive(columns: Int32Array): void {
    this.stream.retire(this.activeBuffer);
    this.activeList = columns.slice();
    this.activeBuffer = this.activeIndices(this.activeList);
  }

  deviceCounts(): DeviceCounts {
    return { ...this.stream.counts };
  }

  async gramNorm(): Promise<number> {
    const saved = this.activeList;
    const savedProblems = [this.columnWeights, this.columnScales] as const;
    this.columnProblems(null, null); // the shared weights, whatever the columns' problems
    this.setActive(Int32Array.of(0));
    const v = this.alloc('coefs', 1);
    const eta = this.alloc('samples', 1);
    const D = this.alloc('samples', 1);
    const norm = this.alloc('columns', 1);
    this.write(v, new Float64Array(this.nFeatures + 1).fill(1));
    for (let it = 0; it < POWER_ITERATIONS; it++) {
      this.run('normalize', { rows: this.geometry.pPad, kStride: gpu(v).stride }, [this.buffer(v)], [1, 1]);
      this.forward(v, eta);
      this.weigh(eta, D);
      this.backward(D, v);
    }
    this.squaredNorms(v, norm);
    const [squared] = await this.read(norm);
    for (const b of [v, eta, D]) {
      const buffer = this.buffer(b);
      this.owned.splice(this.owned.indexOf(buffer), 1);
      this.stream.retire(buffer);
    }
    this.setActive(saved);
    this.columnProblems(...savedProblems);
    // The power iteration approaches λ_max from below: a small margin keeps steps safe.
    return Math.sqrt(squared) * 1.01;
  }

  forward(B: BatchBuffer, eta: BatchBuffer): void {
    if (this.nActive === 0) return;
    const { stride } = gpu(B);
    const { plan } = this.productPlan(stride);
    const columnTiles = Math.ceil(this.nActive / COLUMN_TILE);
    for (const d of plan.forward) {
      const block = this.geometry.blocks[d.block];
      this.run('forward', {
        kStride: stride, nActive: this.nActive, blockRows: block.rows, rowBase: block.start, tileBase: d.tileBase, pPad: this.geometry.pPad,
      }, [this.data.blocks[d.block], this.buffer(B), this.buffer(eta)], [d.tiles, columnTiles]);
    }
  }

  forwardSmooth(B: BatchBuffer, eta: BatchBuffer, D: BatchBuffer, value: BatchBuffer): void {
    if (this.nActive === 0) return;
    const { stride } = gpu(B);
    const { plan } = this.productPlan(stride);
    const partial = this.tilePartial(stride);
    const { wn, flags } = this.weights(stride);
    const columnTiles = Math.ceil(this.nActive / COLUMN_TILE);
    for (const d of plan.forward) {
      const block = this.geometry.blocks[d.block];
      this.run('forwardSmooth', {
        kStride: stride, nActive: this.nActive, blockRows: block.rows, rowBase: block.start, tileBase: d.tileBase, pPad: this.geometry.pPad, flags,
      }, [this.data.blocks[d.block], this.buffer(B), this.buffer(eta), this.buffer(D), this.data.y, wn, partial], [d.tiles, columnTiles]);
    }
    this.chunkSums(partial, stride, [value], this.geometry.nPad / ROW_TILE);
  }

  smoothTerms(eta: BatchBuffer, D: BatchBuffer, value: BatchBuffer): void {
    if (this.nActive === 0) return;
    const { stride } = gpu(eta);
    const partial = this.samplePartial(stride);
    const { wn, flags } = this.weights(stride);
    this.run('smoothTerms', { rows: this.geometry.nPad, kStride: stride, flags },
      [this.buffer(eta), this.buffer(D), this.data.y, wn, partial], [this.sampleChunks, this.nActive]);
    this.chunkSums(partial, stride, [value]);
  }

  /** Per-column sums of the sample reductions' chunks into `outputs` (1 or 2 columns buffers). */
  private chunkSums(partial: GPUBuffer, stride: number, outputs: BatchBuffer[], nChunks = this.sampleChunks): void {
    this.run('chunkSums', { kStride: stride, nChunks, outputs: outputs.length, columns: outputs.map((o) => this.col(o)) },
      [partial, this.arena.buffer], [1, this.nActive]);
  }

  backward(D: BatchBuffer, G: BatchBuffer): void {
    if (this.nActive === 0) return;
    const { stride } = gpu(D);
    const { plan, partial } = this.productPlan(stride);
    const { pPad } = this.geometry;
    const columnTiles = Math.ceil(this.nActive / COLUMN_TILE);
    for (const d of plan.backward) {
      const block = this.geometry.blocks[d.block];
      this.run('backward', {
        kStride: stride, blockRows: block.rows, rowBase: block.start, tileBase: d.tileBase, chunkRows: plan.chunkRows,
        chunkBase: d.chunkBase, pPad,
      }, [this.data.blocks[d.block], this.buffer(D), partial], [pPad / FEATURE_TILE, columnTiles, d.chunks]);
    }
    this.run('backwardReduce', { kStride: stride, pPad, nChunks: plan.nChunks }, [partial, this.buffer(G)], [pPad / 64, this.nActive]);
  }

  proxGradient(
    Z: BatchBuffer, G: BatchBuffer, step: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer,
    X?: BatchBuffer, reductions?: ProxReductions,
  ): void {
    if (this.nActive === 0) return;
    const { scales, flags: scaled } = this.scales(gpu(Z).stride);
    const flags = (reductions ? 1 : 0) | (X ? 2 : 0) | scaled;
    const sums = reductions ? [reductions.gradDot, reductions.stepSquared, reductions.restartDot].map((b) => this.col(b)) : [0, 0, 0];
    this.run('proxGradient', {
      rows: this.geometry.pPad, kStride: gpu(Z).stride, flags, columns: [this.col(step), this.col(lambda), ...sums],
    }, [this.buffer(Z), this.buffer(G), this.buffer(X ?? Z), this.buffer(out), this.data.penalty, this.arena.buffer, scales], [1, this.nActive]);
  }

  fistaColumns(state: FistaColumns): void {
    if (this.nActive === 0) return;
    const { reductions: r } = state;
    const columns = [
      state.step, state.theta, state.valueAtZ, state.valueNew, r.gradDot, r.stepSquared, r.restartDot, state.accept, state.momentum,
    ].map((b) => this.col(b));
    this.run('fista', {
      kStride: gpu(state.step).stride, nActive: this.nActive, columns,
      scalar0: toFloat32(state.limits.maxStep), scalar1: state.limits.relativeSlack, scalar2: toFloat32(state.limits.valueOffset),
    }, [this.arena.buffer], [Math.ceil(this.nActive / 64)]);
  }

  advance(newer: BatchBuffer, older: BatchBuffer, point: BatchBuffer, accept: BatchBuffer, momentum: BatchBuffer): void {
    if (this.nActive === 0) return;
    const rows = this.rowsOf(newer.kind);
    this.run('advance', { rows, kStride: gpu(newer).stride, columns: [this.col(accept), this.col(momentum)] },
      [this.buffer(newer), this.buffer(older), this.buffer(point), this.arena.buffer], [rowGroups(rows), this.nActive]);
  }

  squaredNorms(A: BatchBuffer, out: BatchBuffer): void {
    if (this.nActive === 0) return;
    const { stride } = gpu(A);
    if (A.kind === 'samples') {
      const partial = this.samplePartial(stride);
      const { wn, flags } = this.weights(stride);
      this.run('weightedSquares', { rows: this.geometry.nPad, kStride: stride, flags }, [this.buffer(A), wn, partial], [this.sampleChunks, this.nActive]);
      this.chunkSums(partial, stride, [out]);
    } else {
      this.run('squares', { rows: this.geometry.pPad, kStride: stride, columns: [this.col(out)] }, [this.buffer(A), this.arena.buffer], [1, this.nActive]);
    }
  }

  combine(a: BatchBuffer, A: BatchBuffer, b: BatchBuffer, B: BatchBuffer, out: BatchBuffer): void {
    if (this.nActive === 0) return;
    const rows = this.rowsOf(out.kind);
    const kStride = gpu(out).stride;
    const groups: [number, number] = [rowGroups(rows), this.nActive];
    if (out === A && out === B) {
      this.run('combineSelf', { rows, kStride, columns: [this.col(a), this.col(b)] }, [this.buffer(out), this.arena.buffer], groups);
    } else if (out === A || out === B) {
      const [own, other, otherFactor] = out === A ? [a, B, b] : [b, A, a];
      this.run('combineInto', { rows, kStride, columns: [this.col(own), this.col(otherFactor)] },
        [this.buffer(other), this.buffer(out), this.arena.buffer], groups);
    } else {
      this.run('combine', { rows, kStride, columns: [this.col(a), this.col(b)] },
        [this.buffer(A), this.buffer(B), this.buffer(out), this.arena.buffer], groups);
    }
  }

  weigh(U: BatchBuffer, D: BatchBuffer): void {
    if (this.nActive === 0) return;
    const rows = this.geometry.nPad;
    const { wn, flags } = this.weights(gpu(U).stride);
    this.run('weigh', { rows, kStride: gpu(U).stride, flags }, [this.buffer(U), this.buffer(D), wn], [rowGroups(rows), this.nActive]);
  }

  dualStep(etaBar: BatchBuffer, U: BatchBuffer, sigma: BatchBuffer): void {
    if (this.nActive === 0) return;
    const rows = this.geometry.nPad;
    this.run('dualStep', { rows, kStride: gpu(U).stride, columns: [this.col(sigma)] },
      [this.buffer(etaBar), this.buffer(U), this.data.y, this.arena.buffer], [rowGroups(rows), this.nActive]);
  }

  dualGap(eta: BatchBuffer, U: BatchBuffer, gap: BatchBuffer, value: BatchBuffer): void {
    if (this.nActive === 0) return;
    const { stride } = gpu(eta);
    const partial = this.samplePartial(stride);
    const { wn, flags } = this.weights(stride);
    this.run('dualGap', { rows: this.geometry.nPad, kStride: stride, flags },
      [this.buffer(eta), this.buffer(U), this.data.y, wn, partial], [this.sampleChunks, this.nActive]);
    this.chunkSums(partial, stride, [gap, value]);
  }

  kkt(G: BatchBuffer, B: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer): void {
    if (this.nActive === 0) return;
    const { scales, flags } = this.scales(gpu(G).stride);
    this.run('kkt', { rows: this.geometry.pPad, kStride: gpu(G).stride, flags, columns: [this.col(lambda), this.col(out)] },
      [this.buffer(G), this.buffer(B), this.data.penalty, this.arena.buffer, scales], [1, this.nActive]);
  }

  release(): void {
    this.stream.destroy();
    for (const b of this.owned) b.destroy();
    this.owned.length = 0;
    this.activeBuffer.destroy();
    this.arena.destroy();
    destroyProblem(this.data);
  }

  /** Throws the first WebGPU error of everything recorded so far (tests call it after ops). */
  check(): Promise<void> {
    return this.stream.check();
  }
}

/** The kernels one problem needs: the loss-independent ones and its loss's. */
async function pipelinesFor(device: GPUDevice, problem: Problem): Promise<Pipelines> {
  const shader = lossShader(problem);
  const programs: Record<string, Program> = { ...PROGRAMS, ...lossPrograms(shader) };
  const names = Object.keys(programs);
  const made = await Promise.all(names.map((name) => pipelineFor(device, programs[name], shader.constants)));
  return Object.fromEntries(names.map((name, i) => [name, made[i]]));
}

/**
 * The batched backend on a WebGPU device (float32). `options.maxBindingBytes` caps X̃₁'s row
 * blocks below the device's limits (tests force tiny blocks with it).
 */
export function webGpuBatchBackend(device: GPUDevice, options: WebGpuBackendOptions = {}): BatchBackend {
  return {
    name: 'webgpu (float32)',
    async open(problem: Problem, std: Standardized): Promise<BatchOps> {
      const maxBlockBytes = Math.min(
        options.maxBindingBytes ?? Infinity, device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize,
      );
      const geometry = planGeometry(problem.nSamples, problem.nFeatures, maxBlockBytes);
      const pipelines = await pipelinesFor(device, problem);
      device.pushErrorScope('out-of-memory');
      device.pushErrorScope('validation');
      const data = uploadProblem(device, problem, std, geometry);
      const errors = [await device.popErrorScope(), await device.popErrorScope()].filter((e) => e !== null);
      if (errors.length > 0) {
        destroyProblem(data);
        throw new Error(`WebGPU: uploading the problem failed: ${errors[0]!.message}`);
      }
      return new WebGpuBatchOps(device, geometry, data, pipelines, options.maxDispatchFlops ?? DISPATCH_FLOPS, options.clock);
    },
  };
}
