// A test file's WebGPU kernel harness (gpu-harness.ts): opened before its tests, closed after,
// and `clean`, a call's result once neither WebGPU nor the page reported an error.

import { afterAll, beforeAll, expect } from 'vitest';
import { type GpuHarness, openGpuHarness } from './gpu-harness.js';

export interface GpuSuite {
  call: GpuHarness['call'];
  clean<T>(call: { result: T; uncaptured: string[] }): T;
}

export function gpuSuite(): GpuSuite {
  let harness: GpuHarness;
  beforeAll(async () => {
    harness = await openGpuHarness();
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });
  return {
    call: ((name, ...args) => harness.call(name, ...args)) as GpuHarness['call'],
    clean<T>(call: { result: T; uncaptured: string[] }): T {
      expect(call.uncaptured, 'uncaptured WebGPU errors').toEqual([]);
      expect(harness.pageErrors, 'errors in the page').toEqual([]);
      return call.result;
    },
  };
}
