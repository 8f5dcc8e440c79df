// The WebGPU implementation of the batched backend (src/solvers/batched/backend.ts): float32
// buffers on the device, the kernels of shaders/, and float64 only at `write` and `read`. X̃₁ is
// uploaded once per open(), in row blocks that each fit one binding. Work is restricted to the
// active columns through an index list; the command stream submits many ops at once and reads
// back only in `read` and `gramNorm`. Layouts: shaders/common.wgsl. The Newton ops (NewtonOps:
// weighted Gram matrices of a working set and the model solved on them) make solveBatched take
// proximal Newton steps on this backend for the smooth losses. A sparse X is uploaded as CSR and
// CSC blocks instead and its products run through sparse-products.ts, the rest unchanged.

import type { Standardized } from '../problem/standardize.js';
import type { Problem } from '../problem/validate.js';
import {
  type BatchBackend, type BatchBuffer, type BatchOps, type BufferKind, type DeviceCounts, type FistaColumns, type MultinomialOps, type NewtonOps,
  POWER_ITERATIONS, type ProxReductions, type StoredEntries, type WorkingSetOps,
} from '../solvers/batched/backend.js';
import { storedEntries } from '../solvers/batched/host-columns.js';
import { ColumnArena } from './arena.js';
import {
  columnStride, COLUMN_TILE, DISPATCH_FLOPS, FEATURE_TILE, MAX_GROUPS, planGeometry, planGram, planProducts, ROW_TILE, rowGroups,
  roundUp, SAMPLE_CHUNK, sparseGeometry, type Geometry, type ProductPlan,
} from './layout.js';
import { destroyProblem, toFloat32, uploadProblem, type ProblemBuffers } from './problem-buffers.js';
import { type GramSource, type SparseContext, SparseProducts } from './sparse-products.js';
import { lossPrograms, lossShader, penaltyPrograms, penaltyShader, pipelineNow, PROGRAMS, type Program, WORKGROUP_SIZES } from './programs.js';
import { CommandStream, type GpuClock } from './stream.js';

export interface WebGpuBackendOptions {
  /** Largest X̃₁ row block in bytes (default: the device's binding and buffer limits); tests force tiny blocks. */
  maxBindingBytes?: number;
  /** Largest block of a sparse X's entries in bytes (default: as maxBindingBytes); tests force tiny blocks. */
  maxSparseBlockBytes?: number;
  /** Most flops per product dispatch (default DISPATCH_FLOPS); tests force split dispatches. */
  maxDispatchFlops?: number;
  /** Adds up the GPU time of the compute passes where the device has `timestamp-query` (GpuClock). */
  clock?: GpuClock;
  /** Most columns per weighted Gram product (default: as many as the binding limit allows); tests force groups. */
  maxGramGroupColumns?: number;
  /**
   * Most working-set coordinates whose model gramSolve keeps in workgroup memory (default: what
   * the device's workgroup memory holds); larger sets keep it in storage. Tests force 0.
   */
  maxModelCoordinates?: number;
}

/** The sentinel of an empty active slot (NONE in shaders/common.wgsl). */
const NONE = 0xffffffff;
/** The flags bit of one problem per column (COLUMN_PROBLEMS in shaders/common.wgsl). */
const COLUMN_PROBLEMS = 4;
/** The flags bit of one Gram matrix for every column (SHARED_WEIGHTS, SHARED_GRAM in shaders/). */
const SHARED = 1;
/** Workgroup memory of gram-solve.wgsl besides its model: the tree reduction and a flag (bytes). */
const SOLVE_WORKGROUP_BYTES = 64 * 16 + 16;

/** Coordinates whose model (two float32 each) fits the device's workgroup memory (MODEL_CAPACITY). */
function modelCapacity(device: GPUDevice): number {
  const bytes = device.limits.maxComputeWorkgroupStorageSize - SOLVE_WORKGROUP_BYTES;
  return Math.max(64, Math.floor(bytes / 8 / 64) * 64);
}

class GpuBuffer implements BatchBuffer {
  constructor(
    readonly kind: BufferKind,
    readonly nColumns: number,
    /** Floats between rows (columnStride(nColumns)); gram: floats per column (size²). */
    readonly stride: number,
    /** samples, coefs and gram: the buffer; columns: null (a view into the arena at `offset`). */
    readonly buffer: GPUBuffer | null,
    readonly offset: number,
    /** gram: the matrices' size. */
    readonly size = 0,
  ) {}
}

const gpu = (b: BatchBuffer): GpuBuffer => b as GpuBuffer;

/** The kernels of one problem by name, each compiled when first dispatched. */
interface Pipelines {
  has(name: string): boolean;
  get(name: string): GPUComputePipeline;
}

export class WebGpuBatchOps implements BatchOps, NewtonOps, WorkingSetOps, MultinomialOps {
  readonly precision = 'float32' as const;
  /** A sparse X's stored entries (counted work), set by the backend's open(). */
  entries?: StoredEntries;
  readonly nSamples: number;
  readonly nFeatures: number;
  private readonly stream: CommandStream;
  private readonly arena: ColumnArena;
  private readonly owned: GPUBuffer[] = [];
  private readonly plans = new Map<number, { plan: ProductPlan; partial: GPUBuffer }>();
  private readonly samplePartials = new Map<number, GPUBuffer>();
  private readonly tilePartials = new Map<number, GPUBuffer>();
  private readonly sampleChunks: number;
  private readonly compiled = new Map<string, GPUComputePipeline>();
  private activeList = new Int32Array(0);
  private activeBuffer: GPUBuffer;
  /** The working set of the last Newton op and its device list (features in shaders/common.wgsl). */
  private workingSet: { features: Int32Array; buffer: GPUBuffer } | null = null;
  /** The weighted Gram product's partial sums (grown on demand). */
  private gramPartial: GPUBuffer | null = null;
  /** gramSolve's model in storage: a region of the arena (grown on demand). */
  private modelScratch = { offset: 0, floats: 0 };
  /** Per-column problems (`columnProblems`): the weights and scales buffers, or null. */
  private columnWeights: GpuBuffer | null = null;
  private columnScales: GpuBuffer | null = null;
  /** The products of a sparse X (data.sparse), or null: X̃₁'s dense row blocks. */
  private readonly sparse: SparseProducts | null;

  constructor(
    private readonly device: GPUDevice,
    private readonly geometry: Geometry,
    private readonly data: ProblemBuffers,
    private readonly pipelines: Pipelines,
    private readonly dispatchFlops: number,
    private readonly newtonLimits: { gramGroupColumns: number; modelCoordinates: number },
    clock?: GpuClock,
  ) {
    this.nSamples = geometry.nSamples;
    this.nFeatures = geometry.nFeatures;
    this.stream = new CommandStream(device, 'proxpath batched ops', clock);
    this.arena = new ColumnArena(device, this.stream);
    this.sampleChunks = Math.ceil(geometry.nPad / SAMPLE_CHUNK);
    this.activeBuffer = this.activeIndices(new Int32Array(0));
    this.sparse = data.sparse
      ? new SparseProducts(this.sparseContext(), data.sparse, geometry, dispatchFlops)
      : null;
  }

  /** What the sparse products borrow: dispatches, owned storage, the arena, lists. */
  private sparseContext(): SparseContext {
    const ops = this;
    return {
      run: (name, params, bindings, groups) => this.run(name, params, bindings, groups),
      storage: (label, bytes) => this.storage(label, bytes),
      free: (buffer) => {
        const at = this.owned.indexOf(buffer);
        if (at >= 0) this.owned.splice(at, 1);
        this.stream.retire(buffer);
      },
      arenaBuffer: () => this.arena.buffer,
      arenaAlloc: (floats) => this.arena.alloc(floats),
      list: (values, label) => {
        const buffer = this.stream.scoped(() => {
          const made = this.device.createBuffer({ label, size: 4 * roundUp(Math.max(values.length, 1), FEATURE_TILE), usage: GPUBufferUsage.STORAGE, mappedAtCreation: true });
          new Uint32Array(made.getMappedRange()).fill(NONE).set(values);
          made.unmap();
          return made;
        });
        this.owned.push(buffer);
        return buffer;
      },
      get nActive() { return ops.nActive; },
    };
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
    this.stream.dispatch(this.pipeline(name), params, this.activeBuffer, bindings, groups);
  }

  /** The kernel `name`, compiled at its first dispatch inside the stream's error scopes. */
  private pipeline(name: string): GPUComputePipeline {
    let made = this.compiled.get(name);
    if (!made) {
      made = this.stream.scoped(() => this.pipelines.get(name));
      this.compiled.set(name, made);
    }
    return made;
  }

  private buffer(b: BatchBuffer): GPUBuffer {
    const buffer = gpu(b).buffer;
    if (!buffer) throw new Error(`a ${b.kind} buffer where samples, coefs or gram were expected`);
    return buffer;
  }

  private col(b: BatchBuffer): number {
    if (b.kind !== 'columns') throw new Error(`a ${b.kind} buffer where a columns buffer was expected`);
    return gpu(b).offset;
  }

  alloc(kind: BufferKind, nColumns: number): BatchBuffer {
    if (kind === 'gram') throw new Error('gram buffers are made by allocGram(size, nColumns)');
    const stride = columnStride(nColumns);
    if (kind === 'columns') return new GpuBuffer(kind, nColumns, stride, null, this.arena.alloc(stride));
    const buffer = this.storage(`proxpath ${kind} × ${nColumns}`, 4 * this.rowsOf(kind) * stride);
    return new GpuBuffer(kind, nColumns, stride, buffer, 0);
  }

  write(buffer: BatchBuffer, values: Float64Array): void {
    const b = gpu(buffer);
    if (b.kind === 'gram') {
      this.stream.write(this.buffer(b), 0, Float32Array.from(values.subarray(0, b.stride * b.nColumns), toFloat32));
      return;
    }
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
    if (b.kind === 'gram') return Float64Array.from(new Float32Array(await this.stream.read(this.buffer(b), 0, 4 * b.stride * b.nColumns)));
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
    const floats = a.kind === 'gram' ? a.stride * a.nColumns : this.rowsOf(a.kind) * a.stride;
    this.stream.copy(this.buffer(a), 0, this.buffer(b), 0, 4 * floats);
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
    if (this.data.penaltyBlocks) throw new Error('per-column penalty scales with a grouped penalty (its blocks take none)');
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
    if (this.sparse) return this.sparse.forward(this.buffer(B), stride, this.buffer(eta), null);
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
    if (this.sparse) {
      // Not fused: the sparse product is one pass over the entries, the loss terms one over η.
      this.forward(B, eta);
      this.smoothTerms(eta, D, value);
      return;
    }
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
    if (this.sparse) return this.sparse.backward(this.buffer(D), stride, this.buffer(G), null);
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

  backwardFeatures(features: Int32Array, D: BatchBuffer, G: BatchBuffer): void {
    if (this.nActive === 0 || features.length === 0) return;
    const list = this.features(features);
    const { stride } = gpu(D);
    if (this.sparse) return this.sparse.backward(this.buffer(D), stride, this.buffer(G), { buffer: list, size: features.length });
    const { plan, partial } = this.productPlan(stride);
    const { pPad } = this.geometry;
    // The tiles walk the list (padded with NONE to a multiple of the tile), not every row.
    const tiles = roundUp(features.length, FEATURE_TILE) / FEATURE_TILE;
    const columnTiles = Math.ceil(this.nActive / COLUMN_TILE);
    for (const d of plan.backward) {
      const block = this.geometry.blocks[d.block];
      this.run('backwardFeatures', {
        kStride: stride, blockRows: block.rows, rowBase: block.start, tileBase: d.tileBase, chunkRows: plan.chunkRows,
        chunkBase: d.chunkBase, pPad, size: features.length,
      }, [this.data.blocks[d.block], this.buffer(D), partial, list], [tiles, columnTiles, d.chunks]);
    }
    this.run('backwardReduceFeatures', { kStride: stride, pPad, nChunks: plan.nChunks, size: features.length },
      [partial, this.buffer(G), list], [tiles, this.nActive]);
  }

  proxGradient(
    Z: BatchBuffer, G: BatchBuffer, step: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer,
    X?: BatchBuffer, reductions?: ProxReductions,
  ): void {
    if (this.nActive === 0) return;
    const { scales, flags: scaled } = this.scales(gpu(Z).stride);
    const flags = (reductions ? 1 : 0) | (X ? 2 : 0) | scaled;
    const sums = reductions ? [reductions.gradDot, reductions.stepSquared, reductions.restartDot].map((b) => this.col(b)) : [0, 0, 0];
    const columns = [this.col(step), this.col(lambda), ...sums];
    const blocks = this.data.penaltyBlocks;
    const vectors = [this.buffer(Z), this.buffer(G), this.buffer(X ?? Z), this.buffer(out)];
    if (blocks) {
      this.run('proxGradient', { rows: blocks.count, kStride: gpu(Z).stride, flags, columns },
        [...vectors, blocks.levels, this.arena.buffer, blocks.rows], [1, this.nActive]);
    } else {
      this.run('proxGradient', { rows: this.geometry.pPad, kStride: gpu(Z).stride, flags, columns },
        [...vectors, this.data.penalty, this.arena.buffer, scales], [1, this.nActive]);
    }
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
    const columns = [this.col(lambda), this.col(out)];
    const blocks = this.data.penaltyBlocks;
    if (blocks) {
      this.run('kkt', { rows: blocks.count, kStride: gpu(G).stride, columns },
        [this.buffer(G), this.buffer(B), blocks.levels, this.arena.buffer, blocks.rows], [1, this.nActive]);
    } else {
      this.run('kkt', { rows: this.geometry.pPad, kStride: gpu(G).stride, flags, columns },
        [this.buffer(G), this.buffer(B), this.data.penalty, this.arena.buffer, scales], [1, this.nActive]);
    }
  }

  // ---- Multinomial ops (MultinomialOps: (λ, class) columns, C adjacent per λ) ----------------

  /** The multinomial kernels weigh samples by wn and penalize by the shared penalty only. */
  private multinomialOnly(): void {
    if (this.columnWeights || this.columnScales) throw new Error('the multinomial ops take no per-column problems');
    if (this.sparse || this.data.penaltyBlocks) throw new Error('the multinomial ops need a dense X and the elastic net');
  }

  softmaxTerms(eta: BatchBuffer, D: BatchBuffer, value: BatchBuffer, nClasses: number): void {
    if (this.nActive === 0) return;
    this.multinomialOnly();
    const { stride } = gpu(eta);
    const partial = this.samplePartial(stride);
    this.run('softmaxTerms', { rows: this.geometry.nPad, kStride: stride, size: nClasses },
      [this.buffer(eta), this.buffer(D), this.data.y, this.data.wn, partial], [this.sampleChunks, this.nActive]);
    this.chunkSums(partial, stride, [value]);
  }

  groupColumns(from: BatchBuffer, to: BatchBuffer, nClasses: number, max: boolean): void {
    if (this.nActive === 0) return;
    this.run('groupColumns', { nActive: this.nActive, size: nClasses, flags: max ? 1 : 0, columns: [this.col(from), this.col(to)] },
      [this.arena.buffer], [Math.ceil(this.nActive / 64)]);
  }

  groupProx(
    Z: BatchBuffer, G: BatchBuffer, step: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer, nClasses: number,
    X?: BatchBuffer, reductions?: ProxReductions,
  ): void {
    if (this.nActive === 0) return;
    this.multinomialOnly();
    const flags = (reductions ? 1 : 0) | (X ? 2 : 0);
    const sums = reductions ? [reductions.gradDot, reductions.stepSquared, reductions.restartDot].map((b) => this.col(b)) : [0, 0, 0];
    this.run('groupProx', { rows: this.geometry.pPad, kStride: gpu(Z).stride, flags, size: nClasses, columns: [this.col(step), this.col(lambda), ...sums] },
      [this.buffer(Z), this.buffer(G), this.buffer(X ?? Z), this.buffer(out), this.data.penalty, this.arena.buffer], [1, this.nActive]);
  }

  groupKkt(G: BatchBuffer, B: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer, nClasses: number): void {
    if (this.nActive === 0) return;
    this.multinomialOnly();
    this.run('groupKkt', { rows: this.geometry.pPad, kStride: gpu(G).stride, size: nClasses, nFeatures: this.nFeatures, columns: [this.col(lambda), this.col(out)] },
      [this.buffer(G), this.buffer(B), this.data.penalty, this.arena.buffer], [1, this.nActive]);
  }

  // ---- Newton ops (NewtonOps) -------------------------------------------------------------

  curvatures(eta: BatchBuffer, H: BatchBuffer): void {
    if (!this.pipelines.has('curvatures')) throw new Error('curvatures: the loss is not smooth');
    if (this.nActive === 0) return;
    const rows = this.geometry.nPad;
    const { stride } = gpu(eta);
    const { wn, flags } = this.weights(stride);
    const bindings = [this.buffer(eta), this.buffer(H), this.data.y, wn];
    const groups = groupsFor(rows, WORKGROUP_SIZES.CURVATURE_WORKGROUP);
    if (H.nColumns === 1) this.run('maxCurvatures', { rows, kStride: stride, nActive: this.nActive, flags, outputs: gpu(H).stride }, bindings, [groups]);
    else this.run('curvatures', { rows, kStride: stride, flags }, bindings, [groups, this.nActive]);
  }

  /** Entries a gram buffer may hold: one binding. */
  get maxGramEntries(): number {
    return Math.floor(this.device.limits.maxStorageBufferBindingSize / 4);
  }

  allocGram(size: number, nColumns: number): BatchBuffer {
    const floats = size * size;
    // At least 4 bytes: WebGPU binds no empty buffer (a working set may be empty).
    const buffer = this.storage(`proxpath gram ${size}² × ${nColumns}`, 4 * Math.max(1, floats * nColumns));
    return new GpuBuffer('gram', nColumns, floats, buffer, 0, size);
  }

  /** Frees a buffer of its own storage once the commands that use it are submitted. */
  freeBuffer(buffer: BatchBuffer): void {
    const b = gpu(buffer);
    if (b.kind === 'columns') return; // a slot of the shared arena: freed with the ops
    const storage = this.buffer(b);
    const at = this.owned.indexOf(storage);
    if (at < 0) return;
    this.owned.splice(at, 1);
    this.stream.retire(storage);
  }

  /**
   * The device list of a working set (distinct coefficient rows, u32, padded with NONE to
   * FEATURE_TILE, backward's tile and a multiple of GRAM_TILE): the last one is kept, since a
   * Newton round passes the same set to weightedGram, gramSolve and forwardFeatures, and PDHG
   * every iteration to forwardFeatures and backwardFeatures.
   */
  private features(features: Int32Array): GPUBuffer {
    const last = this.workingSet;
    if (last && last.features.length === features.length && last.features.every((f, a) => f === features[a])) return last.buffer;
    const rows = this.nFeatures + 1;
    const bad = features.findIndex((f) => !(f >= 0 && f < rows));
    if (bad >= 0) throw new Error(`working-set feature ${features[bad]} (entry ${bad}) is not a coefficient row below ${rows}`);
    const length = roundUp(Math.max(features.length, 1), FEATURE_TILE);
    const buffer = this.stream.scoped(() => {
      const made = this.device.createBuffer({ label: `proxpath working set (${features.length})`, size: 4 * length, usage: GPUBufferUsage.STORAGE, mappedAtCreation: true });
      const list = new Uint32Array(made.getMappedRange()).fill(NONE);
      list.set(features);
      made.unmap();
      return made;
    });
    if (last) this.stream.retire(last.buffer);
    this.workingSet = { features: features.slice(), buffer };
    return buffer;
  }

  private gram(Q: BatchBuffer, size: number): GpuBuffer {
    const q = gpu(Q);
    if (q.kind !== 'gram') throw new Error(`a ${Q.kind} buffer where a gram buffer was expected`);
    if (q.size !== size) throw new Error(`a gram buffer of size ${q.size} for a working set of ${size} features`);
    return q;
  }

  weightedGram(features: Int32Array, H: BatchBuffer | null, Q: BatchBuffer): void {
    const m = features.length;
    const q = this.gram(Q, m);
    // One matrix from column 0 of one-column weights (the shared metric), else one per active column.
    const shared = !H || H.nColumns === 1;
    const slots = shared ? 1 : this.nActive;
    if (this.nActive === 0 || m === 0) return;
    if (H && q.nColumns !== H.nColumns) throw new Error(`a gram buffer of ${q.nColumns} columns for weights of ${H.nColumns}`);
    const { geometry, blocks, list } = this.gramSource(features);
    const plan = planGram(
      geometry, m, slots, this.device.limits.maxStorageBufferBindingSize, this.dispatchFlops, this.newtonLimits.gramGroupColumns,
    );
    if (!this.gramPartial || this.gramPartial.size < plan.partialBytes) {
      if (this.gramPartial) {
        this.owned.splice(this.owned.indexOf(this.gramPartial), 1);
        this.stream.retire(this.gramPartial);
      }
      this.gramPartial = this.storage('proxpath partial weighted Gram', plan.partialBytes);
    }
    const partial = this.gramPartial;
    const h = H ? this.buffer(H) : this.data.wn;
    const kStride = H ? gpu(H).stride : 1;
    const flags = shared ? SHARED : 0;
    for (let slotBase = 0; slotBase < slots; slotBase += plan.groupSlots) {
      const group = Math.min(plan.groupSlots, slots - slotBase);
      for (const d of plan.dispatches) {
        const block = geometry.blocks[d.block];
        this.run('weightedGram', {
          kStride, nActive: group, blockRows: block.rows, rowBase: block.start, tileBase: d.tileBase, chunkRows: plan.chunkRows,
          chunkBase: d.chunkBase, size: m, flags, slotBase,
        }, [blocks[d.block], list, h, partial], [plan.tilePairs, group, d.chunks]);
      }
      this.run('gramReduce', { kStride, nActive: group, nChunks: plan.nChunks, size: m, flags, slotBase },
        [partial, this.buffer(q)], [groupsFor(m * m, WORKGROUP_SIZES.GRAM_REDUCE_WORKGROUP), group]);
    }
  }

  /** Where the weighted Gram product reads X̃_S: X̃₁'s row blocks and the set, or a sparse X's set gathered dense. */
  private gramSource(features: Int32Array): GramSource {
    const list = this.features(features);
    if (this.sparse) return this.sparse.gramSource(features, { buffer: list, size: features.length });
    return { geometry: this.geometry, blocks: this.data.blocks, list };
  }

  forwardFeatures(features: Int32Array, B: BatchBuffer, eta: BatchBuffer): void {
    if (this.nActive === 0) return;
    const list = this.features(features);
    const { stride } = gpu(B);
    if (this.sparse) return this.sparse.forward(this.buffer(B), stride, this.buffer(eta), { buffer: list, size: features.length });
    const { plan } = this.productPlan(stride);
    const columnTiles = Math.ceil(this.nActive / COLUMN_TILE);
    for (const d of plan.forward) {
      const block = this.geometry.blocks[d.block];
      this.run('forwardFeatures', {
        kStride: stride, nActive: this.nActive, blockRows: block.rows, rowBase: block.start, tileBase: d.tileBase, size: features.length,
      }, [this.data.blocks[d.block], this.buffer(B), this.buffer(eta), list], [d.tiles, columnTiles]);
    }
  }

  gramSolve(
    Q: BatchBuffer, features: Int32Array, G: BatchBuffer, B: BatchBuffer, lambda: BatchBuffer, tol: BatchBuffer,
    maxSweeps: number, out: BatchBuffer, sweeps: BatchBuffer,
  ): void {
    if (this.nActive === 0) return;
    const m = features.length;
    const q = this.gram(Q, m);
    const list = this.features(features);
    const { stride } = gpu(B);
    // out = B on the active columns; the solve then moves the rows of S in place (so out may be B).
    if (out !== B) {
      this.run('copyActive', { rows: this.geometry.pPad, kStride: stride }, [this.buffer(B), this.buffer(out)],
        [groupsFor(this.geometry.pPad, WORKGROUP_SIZES.COPY_WORKGROUP), this.nActive]);
    }
    const inStorage = m > this.newtonLimits.modelCoordinates;
    const scratch = inStorage ? this.modelRegion(2 * m * this.nActive) : 0;
    const { scales, flags } = this.scales(stride);
    this.run(inStorage ? 'gramSolveStorage' : 'gramSolve', {
      kStride: stride, size: m, maxSweeps, flags: flags | (q.nColumns === 1 ? SHARED : 0),
      columns: [this.col(lambda), this.col(tol), this.col(sweeps), 0, scratch],
    }, [this.buffer(q), list, this.buffer(G), this.buffer(out), this.data.penalty, this.arena.buffer, scales], [1, this.nActive]);
  }

  /** The arena offset of `floats` scratch floats for gramSolve's model in storage. */
  private modelRegion(floats: number): number {
    if (this.modelScratch.floats < floats) {
      // Doubling: the regions a growing working set leaves behind add up to less than the last.
      const size = Math.max(2 * this.modelScratch.floats, floats);
      this.modelScratch = { offset: this.arena.alloc(size), floats: size };
    }
    return this.modelScratch.offset;
  }

  penaltyValues(B: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer): void {
    if (this.nActive === 0) return;
    const { scales, flags } = this.scales(gpu(B).stride);
    const columns = [this.col(lambda), this.col(out)];
    const blocks = this.data.penaltyBlocks;
    if (blocks) {
      this.run('penaltyValues', { rows: blocks.count, kStride: gpu(B).stride, columns },
        [this.buffer(B), blocks.levels, this.arena.buffer, blocks.rows], [1, this.nActive]);
    } else {
      this.run('penaltyValues', { rows: this.nFeatures, kStride: gpu(B).stride, flags, columns },
        [this.buffer(B), this.data.penalty, this.arena.buffer, scales], [1, this.nActive]);
    }
  }

  release(): void {
    this.stream.destroy();
    for (const b of this.owned) b.destroy();
    this.owned.length = 0;
    this.activeBuffer.destroy();
    this.workingSet?.buffer.destroy();
    this.workingSet = null;
    this.arena.destroy();
    destroyProblem(this.data);
  }

  /** Throws the first WebGPU error of everything recorded so far (tests call it after ops). */
  check(): Promise<void> {
    return this.stream.check();
  }
}

/** Workgroups along x for `rows` rows at `size` invocations each (invocations stride beyond). */
const groupsFor = (rows: number, size: number): number => Math.max(1, Math.min(MAX_GROUPS, Math.ceil(rows / size)));

/**
 * The kernels one problem may use, the loss-independent ones, its loss's and its penalty's, compiled on first
 * dispatch: a solve compiles only what it runs (a PDHG solve none of Newton's kernels, a fit that
 * fits in workgroup memory not the storage model's), and a device's cache serves later problems.
 */
function pipelinesFor(device: GPUDevice, problem: Problem): Pipelines {
  const shader = lossShader(problem);
  const penalty = penaltyShader(problem);
  const programs: Record<string, Program> = { ...PROGRAMS, ...lossPrograms(shader), ...penaltyPrograms(penalty) };
  const constants = { ...shader.constants, ...penalty.constants, ...WORKGROUP_SIZES, MODEL_CAPACITY: modelCapacity(device) };
  return {
    has: (name) => name in programs,
    get: (name) => {
      const program = programs[name];
      if (!program) throw new Error(`no WebGPU kernel ${name} for the ${problem.loss.name} loss`);
      return pipelineNow(device, program, constants);
    },
  };
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
      // A sparse X has no dense row blocks: its buffers are the samples' and coefficients' only.
      const geometry = std.design.sparse ? sparseGeometry(problem.nSamples, problem.nFeatures) : planGeometry(problem.nSamples, problem.nFeatures, maxBlockBytes);
      const pipelines = pipelinesFor(device, problem);
      device.pushErrorScope('out-of-memory');
      device.pushErrorScope('validation');
      const sparseLimits = { maxBindingBytes: maxBlockBytes, maxBlockBytes: Math.min(maxBlockBytes, options.maxSparseBlockBytes ?? Infinity) };
      const data = uploadProblem(device, problem, std, geometry, sparseLimits);
      const errors = [await device.popErrorScope(), await device.popErrorScope()].filter((e) => e !== null);
      if (errors.length > 0) {
        destroyProblem(data);
        throw new Error(`WebGPU: uploading the problem failed: ${errors[0]!.message}`);
      }
      const newtonLimits = {
        gramGroupColumns: options.maxGramGroupColumns ?? MAX_GROUPS,
        modelCoordinates: Math.min(options.maxModelCoordinates ?? Infinity, modelCapacity(device)),
      };
      const ops = new WebGpuBatchOps(device, geometry, data, pipelines, options.maxDispatchFlops ?? DISPATCH_FLOPS, newtonLimits, options.clock);
      ops.entries = storedEntries(std);
      return ops;
    },
  };
}
