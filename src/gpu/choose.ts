// Which backend a fit runs on, and why (DESIGN §3): `cpu` as asked; `webgpu` on a WebGPU device
// or an InputError that says what was looked for; `auto` on a hardware adapter, and on the CPU
// when there is none or it is a software fallback (SwiftShader: the CPU path is faster).
// Devices come from the caller, the page's navigator.gpu, or, in Node, from Dawn or headless
// Chromium (node-host.ts, loaded only in Node).

import { InputError } from '../problem/errors.js';
import type { AdapterSummary, BackendName, DeviceInfo, FitOptions, GpuHost } from '../problem/types.js';
import { type AcquiredDevice, adapterName, callerSource, describeDevice, type DeviceSource, gpuSource, openDevice, summarizeAdapter } from './device.js';

export type BackendChoice =
  | { kind: 'cpu'; device: DeviceInfo }
  /** A device in this process. */
  | { kind: 'webgpu'; source: DeviceSource; acquired: AcquiredDevice; device: DeviceInfo }
  /** Node without a usable Dawn adapter: the whole fit goes to headless Chromium. */
  | { kind: 'chromium'; executablePath: string; device: DeviceInfo };

export const cpuChoice = (reason: string, host?: GpuHost, adapter?: AdapterSummary): BackendChoice => ({
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

export async function chooseBackend(requested: BackendName, device?: FitOptions['device']): Promise<BackendChoice> {
  if (requested === 'cpu') return cpuChoice('requested');
  if (device) {
    const source = callerSource(device);
    const acquired = await source.acquire();
    if (requested === 'auto' && acquired.adapter.software) return cpuChoice(softwareReason(acquired.adapter), 'caller', acquired.adapter);
    return webgpuChoice(requested, source, acquired);
  }
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (gpu) {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) {
      if (requested === 'webgpu') throw new InputError('option backend: "webgpu": this browser has WebGPU but gives no adapter');
      return cpuChoice('auto: this browser gives no WebGPU adapter', 'browser');
    }
    const summary = summarizeAdapter(adapter.info, adapter);
    if (requested === 'auto' && summary.software) return cpuChoice(softwareReason(summary), 'browser', summary);
    return webgpuChoice(requested, gpuSource(gpu, 'browser'), describeDevice(await openDevice(adapter)));
  }
  if (typeof process !== 'undefined' && process.versions?.node) {
    const { chooseInNode } = await import('./node-host.js');
    return chooseInNode(requested);
  }
  if (requested === 'webgpu') {
    throw new InputError('option backend: "webgpu": no WebGPU here (navigator.gpu is missing: a browser without WebGPU, or a page that is not a secure context)');
  }
  return cpuChoice('auto: no WebGPU here (navigator.gpu is missing)');
}
