// All `columns` buffers (per-λ scalars) of one set of ops live in one storage buffer, so a kernel
// that touches many of them (FISTA's rule takes nine) binds one buffer and finds each by an
// offset in its parameters, within WebGPU's default of 8 storage buffers per kernel. The arena
// doubles when full; offsets stay valid (the content is copied, in stream order).

import type { CommandStream } from './stream.js';

const INITIAL_FLOATS = 4096;

export class ColumnArena {
  buffer: GPUBuffer;
  private capacity = INITIAL_FLOATS;
  private used = 0;

  constructor(private readonly device: GPUDevice, private readonly stream: CommandStream) {
    this.buffer = this.create(this.capacity);
  }

  private create(floats: number): GPUBuffer {
    return this.stream.scoped(() => this.device.createBuffer({
      label: 'proxpath columns arena', size: 4 * floats,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    }));
  }

  /** Offset (in floats, a multiple of 64 so views start 256-byte aligned) of `floats` zeroed floats. */
  alloc(floats: number): number {
    const size = Math.ceil(floats / 64) * 64;
    if (this.used + size > this.capacity) {
      let capacity = this.capacity;
      while (this.used + size > capacity) capacity *= 2;
      const grown = this.create(capacity);
      this.stream.copy(this.buffer, 0, grown, 0, 4 * this.used);
      this.stream.retire(this.buffer);
      this.buffer = grown;
      this.capacity = capacity;
    }
    const offset = this.used;
    this.used += size;
    return offset;
  }

  destroy(): void {
    this.buffer.destroy();
  }
}
