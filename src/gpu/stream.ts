// The command stream of one set of batched ops: dispatches and copies are recorded into one
// pending command encoder and submitted together (at a readback, a host write, or when the
// uniform ring wraps), so that many iterations go to the device per submit and nothing is read
// back inside the iteration. Each dispatch's parameters take one 256-byte slot of a uniform
// ring, mirrored on the host and written once per submit. Validation and out-of-memory errors of
// everything recorded are caught by error scopes around each segment and thrown by `check`.

import type { DeviceCounts } from '../solvers/batched/backend.js';
import { PARAMS_BYTES, packParams, type Params } from './params.js';

/** Uniform slots per ring: a submit every 1024 dispatches at the latest. */
const RING_SLOTS = 1024;
/** WebGPU's minUniformBufferOffsetAlignment is at most 256. */
const SLOT_BYTES = 256;
/** Pass begin/end timestamp pairs per query set: a submit when they are used up. */
const TIMER_PAIRS = 128;

/**
 * GPU time of the compute passes of one fit, from `timestamp-query` (devices that have the
 * feature only: `measured` stays false on the others). Passes are counted once their times are
 * read, which happens at the stream's readbacks, never by a readback of its own.
 */
export class GpuClock {
  measured = false;
  ns = 0;
  get ms(): number {
    return this.ns / 1e6;
  }
}

/** The timestamp queries of a stream: a query set written by each pass, resolved at each submit. */
interface PassTimer {
  querySet: GPUQuerySet;
  /** resolveQuerySet's target (QUERY_RESOLVE), copied at once into a mappable buffer. */
  resolve: GPUBuffer;
  /** Mappable buffers holding resolved pairs, read at the next readback; and free ones to reuse. */
  pending: { buffer: GPUBuffer; pairs: number }[];
  free: GPUBuffer[];
  /** Pairs written in the pending encoder. */
  pairs: number;
}

export class CommandStream {
  private readonly ring: GPUBuffer;
  private readonly ringData = new ArrayBuffer(RING_SLOTS * SLOT_BYTES);
  private slot = 0;
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  /** Buffers to destroy once the commands that use them are submitted. */
  private retired: GPUBuffer[] = [];
  private readonly errors: Promise<GPUError | null>[] = [];
  private readonly timer: PassTimer | null = null;
  /** What this stream has issued (work.ts reads it: counted work of the fit). */
  readonly counts: DeviceCounts = { dispatches: 0, submits: 0, readbacks: 0 };

  constructor(private readonly device: GPUDevice, private readonly label: string, private readonly clock?: GpuClock) {
    this.ring = device.createBuffer({
      label: `${label} parameters`, size: RING_SLOTS * SLOT_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    if (clock && device.features?.has('timestamp-query')) {
      this.timer = this.scoped(() => ({
        querySet: device.createQuerySet({ label: `${label} pass times`, type: 'timestamp', count: 2 * TIMER_PAIRS }),
        resolve: device.createBuffer({
          label: `${label} pass times`, size: 16 * TIMER_PAIRS, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
        }),
        pending: [],
        free: [],
        pairs: 0,
      }));
      clock.measured = true;
    }
  }

  /** A compute pass, with timestamp writes when the stream times its passes. */
  private beginPass(encoder: GPUCommandEncoder): GPUComputePassEncoder {
    const timer = this.timer;
    if (!timer) return encoder.beginComputePass();
    const pair = timer.pairs++;
    return encoder.beginComputePass({
      timestampWrites: { querySet: timer.querySet, beginningOfPassWriteIndex: 2 * pair, endOfPassWriteIndex: 2 * pair + 1 },
    });
  }

  /** At the end of an encoder: its passes' timestamps resolved and copied where the next readback maps them. */
  private resolveTimes(encoder: GPUCommandEncoder): void {
    const timer = this.timer;
    if (!timer || timer.pairs === 0) return;
    const bytes = 16 * timer.pairs;
    const buffer = timer.free.pop() ?? this.device.createBuffer({
      label: `${this.label} pass times readback`, size: 16 * TIMER_PAIRS, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    encoder.resolveQuerySet(timer.querySet, 0, 2 * timer.pairs, timer.resolve, 0);
    encoder.copyBufferToBuffer(timer.resolve, 0, buffer, 0, bytes);
    timer.pending.push({ buffer, pairs: timer.pairs });
    timer.pairs = 0;
  }

  /**
   * Adds the resolved pass times to the clock (called beside a readback's own map: everything
   * pending was submitted with or before it). A pair whose end is not after its begin (a driver
   * may give zeros) adds nothing; a failure here loses times, never the fit.
   */
  private async collectTimes(): Promise<void> {
    const timer = this.timer;
    if (!timer || timer.pending.length === 0) return;
    const pending = timer.pending.splice(0);
    await Promise.all(pending.map(async ({ buffer, pairs }) => {
      try {
        await buffer.mapAsync(GPUMapMode.READ, 0, 16 * pairs);
        const stamps = new BigUint64Array(buffer.getMappedRange(0, 16 * pairs));
        for (let i = 0; i < pairs; i++) {
          const begin = stamps[2 * i];
          const end = stamps[2 * i + 1];
          if (end > begin) this.clock!.ns += Number(end - begin);
        }
        buffer.unmap();
        timer.free.push(buffer);
      } catch {
        buffer.destroy();
      }
    }));
  }

  /** Runs `make` inside error scopes whose errors `check` reports (buffer creation and the like). */
  scoped<T>(make: () => T): T {
    this.device.pushErrorScope('out-of-memory');
    this.device.pushErrorScope('validation');
    try {
      return make();
    } finally {
      this.errors.push(this.device.popErrorScope(), this.device.popErrorScope());
    }
  }

  private open(): GPUCommandEncoder {
    if (!this.encoder) {
      this.device.pushErrorScope('out-of-memory');
      this.device.pushErrorScope('validation');
      this.encoder = this.device.createCommandEncoder({ label: this.label });
    }
    return this.encoder;
  }

  /**
   * Records one dispatch: binding 0 the parameters, binding 1 the active list, then `bindings`
   * in order from binding 2.
   */
  dispatch(
    pipeline: GPUComputePipeline, params: Params, active: GPUBuffer, bindings: GPUBuffer[],
    groups: [number, number?, number?],
  ): void {
    if (this.slot === RING_SLOTS || (!this.pass && this.timer?.pairs === TIMER_PAIRS)) this.flush();
    const encoder = this.open();
    const offset = this.slot++ * SLOT_BYTES;
    packParams(params, this.ringData, offset);
    const entries: GPUBindGroupEntry[] = [
      { binding: 0, resource: { buffer: this.ring, offset, size: PARAMS_BYTES } },
      { binding: 1, resource: { buffer: active } },
      ...bindings.map((buffer, i) => ({ binding: i + 2, resource: { buffer } })),
    ];
    const bindGroup = this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
    this.pass ??= this.beginPass(encoder);
    this.pass.setPipeline(pipeline);
    this.pass.setBindGroup(0, bindGroup);
    this.pass.dispatchWorkgroups(groups[0], groups[1] ?? 1, groups[2] ?? 1);
    this.counts.dispatches++;
  }

  copy(source: GPUBuffer, sourceOffset: number, target: GPUBuffer, targetOffset: number, size: number): void {
    const encoder = this.open();
    this.pass?.end();
    this.pass = null;
    encoder.copyBufferToBuffer(source, sourceOffset, target, targetOffset, size);
  }

  retire(buffer: GPUBuffer): void {
    if (this.encoder) this.retired.push(buffer);
    else buffer.destroy();
  }

  /** Submits what is recorded. */
  flush(): void {
    if (!this.encoder) return;
    this.pass?.end();
    this.pass = null;
    this.resolveTimes(this.encoder);
    if (this.slot > 0) this.device.queue.writeBuffer(this.ring, 0, this.ringData, 0, this.slot * SLOT_BYTES);
    this.device.queue.submit([this.encoder.finish()]);
    this.counts.submits++;
    this.encoder = null;
    this.slot = 0;
    this.errors.push(this.device.popErrorScope(), this.device.popErrorScope());
    for (const buffer of this.retired) buffer.destroy();
    this.retired = [];
  }

  /** Throws the first validation or out-of-memory error of what was recorded so far. */
  async check(): Promise<void> {
    this.flush();
    const found = await Promise.all(this.errors.splice(0));
    const error = found.find((e) => e !== null);
    if (error) throw new Error(`WebGPU ${error.constructor.name}: ${error.message}`);
  }

  /** Reads `size` bytes of `buffer` from `offset` (multiples of 4) after all recorded work. */
  async read(buffer: GPUBuffer, offset: number, size: number): Promise<ArrayBuffer> {
    const staging = this.scoped(() => this.device.createBuffer({
      label: `${this.label} readback`, size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    }));
    this.copy(buffer, offset, staging, 0, size);
    this.counts.readbacks++;
    await this.check();
    await Promise.all([staging.mapAsync(GPUMapMode.READ), this.collectTimes()]);
    const data = staging.getMappedRange().slice(0);
    staging.destroy();
    return data;
  }

  /** Host data into a buffer, after everything recorded before (which may still read the old content). */
  write(buffer: GPUBuffer, offset: number, data: BufferSource): void {
    this.flush();
    this.device.queue.writeBuffer(buffer, offset, data);
  }

  destroy(): void {
    this.flush();
    this.ring.destroy();
    if (this.timer) {
      // Passes after the last readback are not counted (a fit reads its results last).
      for (const buffer of [this.timer.resolve, ...this.timer.free, ...this.timer.pending.map((p) => p.buffer)]) buffer.destroy();
      this.timer.querySet.destroy();
    }
  }
}
