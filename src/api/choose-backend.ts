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
import { type CscMatrix, isSparse } from '../problem/sparse-matrix.js';
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
  if (problem.backend === 'auto' && isSparse(problem.X)) return chooseForSparse(problem, device);
  if (problem.backend === 'auto' && problem.breakpoints) {
    return Promise.resolve(cpuChoice('auto: the breakpoints of the exact path are traced by the CPU\'s simplex'));
  }
  return chooseBackend(problem.backend, device, problem.nSamples * problem.nFeatures);
}

/**
 * `auto` with a sparse X, by counted work: coordinate descent and the batched iteration both walk
 * the stored entries per pass (not n·p cells), so the entries take the place of n·p in the rule
 * of dense X: few of them stay on the CPU without looking for a GPU, more go to a hardware
 * adapter. Absolute and quantile loss stay on the CPU (both paths would read a dense copy, and
 * coordinate descent's is exact).
 */
async function chooseForSparse(problem: Problem, device?: FitOptions['device']): Promise<BackendChoice> {
  const X = problem.X as CscMatrix;
  const entries = X.indices.length;
  if (!problem.loss.smooth) {
    return cpuChoice(`auto: a sparse X with loss ${problem.lossName} runs on the CPU's exact solvers (on a dense copy, as the batched iteration's PDHG would)`);
  }
  if (entries < AUTO_PROBE_MIN_CELLS) {
    return cpuChoice(`auto: a sparse X with ${entries} stored entries (< ${AUTO_PROBE_MIN_CELLS}) runs on the CPU's coordinate descent over its columns, without looking for a GPU`);
  }
  const choice = await chooseBackend('auto', device, entries);
  choice.device.reason = `auto: a sparse X with ${entries} stored entries (≥ ${AUTO_PROBE_MIN_CELLS}, the products' work per pass); ${choice.device.reason.replace(/^auto: /, '')}`;
  return choice;
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
