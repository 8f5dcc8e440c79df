// Which backend a fit runs on, and why (DESIGN §3): `cpu` as asked; `webgpu` on a WebGPU device
// or an InputError that says what was looked for; `auto` on a hardware adapter, and on the CPU
// when there is none or it is a software fallback (SwiftShader: the CPU path is faster).
// Devices come from the caller, the page's navigator.gpu, or, in Node, from Dawn or headless
// Chromium (node-choice.ts, loaded only in Node). The composition root (fit-path.ts, cv-path.ts)
// calls it once per run.

import { InputError } from '../errors.js';
import { batchedSolves } from '../penalties/types.js';
import type { BackendName, FitOptions } from '../problem/types.js';
import type { Problem } from '../problem/validate.js';
import { isSparse } from '../problem/sparse-matrix.js';
import { type BackendChoice, cpuChoice, softwareReason, webgpuChoice } from '../gpu/choice.js';
import { callerSource, describeDevice, gpuSource, openDevice, summarizeAdapter } from '../gpu/device.js';

/**
 * The backend of a validated problem: `auto` stays on the CPU where the batched iteration has no
 * step for the penalty (validate refuses `webgpu` and `batched` there), else chooseBackend.
 */
export function chooseBackendFor(problem: Problem, device?: FitOptions['device']): Promise<BackendChoice> {
  const { spec } = problem.penalty;
  if (problem.backend === 'auto' && !batchedSolves(spec, problem.loss.smooth)) {
    return Promise.resolve(cpuChoice(`auto: penalty ${spec.name} with loss ${problem.lossName} runs on the CPU's coordinate descent (the batched iteration has no step for it)`));
  }
  if (problem.backend === 'auto' && isSparse(problem.X)) {
    return Promise.resolve(cpuChoice("auto: a sparse X runs on the CPU's coordinate descent over its columns (the WebGPU products are dense)"));
  }
  if (problem.backend === 'auto' && problem.breakpoints) {
    return Promise.resolve(cpuChoice('auto: the breakpoints of the exact path are traced by the CPU\'s simplex'));
  }
  return chooseBackend(problem.backend, device, problem.nSamples * problem.nFeatures);
}

/**
 * Below this n·p `auto` in Node stays on the CPU without looking for a GPU: the CPU path solves
 * such a problem in tens of milliseconds (1000 × 100: ~10 ms warm), less than finding and starting
 * a device there (a child process reads Dawn's adapters, ~0.5 s; then the device and its kernels).
 */
export const AUTO_PROBE_MIN_CELLS = 1_000_000;

/**
 * `cells`: the problem's n·p, when there is one (`info` asks without: the choice a fit large
 * enough to look for a GPU would get).
 */
export async function chooseBackend(requested: BackendName, device?: FitOptions['device'], cells?: number): Promise<BackendChoice> {
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
    if (requested === 'auto' && cells !== undefined && cells < AUTO_PROBE_MIN_CELLS) {
      return cpuChoice(`auto: a small problem (n·p = ${cells} < ${AUTO_PROBE_MIN_CELLS}), on the CPU without probing for a GPU (its start-up would cost more than this solve)`);
    }
    const { chooseInNode } = await import('./node-choice.js');
    return chooseInNode(requested);
  }
  if (requested === 'webgpu') {
    throw new InputError('option backend: "webgpu": no WebGPU here (navigator.gpu is missing: a browser without WebGPU, or a page that is not a secure context)');
  }
  return cpuChoice('auto: no WebGPU here (navigator.gpu is missing)');
}
