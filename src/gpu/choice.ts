// What a backend choice is (made once per run by src/api/choose-backend.ts): the CPU, a WebGPU
// device in this process, or headless Chromium, with the result's device record and its reason.

import type { AdapterSummary, BackendName, DeviceInfo, GpuHost } from '../problem/types.js';
import { type AcquiredDevice, adapterName, type DeviceSource } from './device.js';

export type BackendChoice =
  | { kind: 'cpu'; device: DeviceInfo }
  /** A device in this process. */
  | { kind: 'webgpu'; source: DeviceSource; acquired: AcquiredDevice; device: DeviceInfo }
  /** Node without a usable Dawn adapter: the whole fit goes to headless Chromium. */
  | { kind: 'chromium'; executablePath: string; device: DeviceInfo };

export const cpuChoice = (reason: string, host?: GpuHost, adapter?: AdapterSummary): Extract<BackendChoice, { kind: 'cpu' }> => ({
  kind: 'cpu',
  device: { reason, ...(host ? { host } : {}), ...(adapter ? { adapter } : {}) },
});

/** The choice for an adapter that is there: `auto` turns a software one down. */
export function webgpuChoice(requested: BackendName, source: DeviceSource, acquired: AcquiredDevice): BackendChoice {
  const { adapter, limits } = acquired;
  const reason =
    requested === 'webgpu'
      ? adapter.software
        ? `requested; the adapter ${adapterName(adapter)} is a CPU implementation: correct, but slower than the CPU path`
        : 'requested'
      : `auto: hardware adapter ${adapterName(adapter)}`;
  return { kind: 'webgpu', source, acquired, device: { reason, host: source.host, adapter, limits } };
}

export const softwareReason = (adapter: AdapterSummary): string =>
  `auto: the only WebGPU adapter is ${adapterName(adapter)}, slower than the CPU path (use backend webgpu to run it anyway)`;
