// Cross-validation on this page's WebGPU (SwiftShader in headless Chromium), with every device
// the page's adapters give and every device destroyed counted, exposed on
// `window.proxpathCvDevice` for test/cv-device.test.ts.

import { cvPath, type CvOptions } from '../../src/index.js';
import type { CvFoldsInfo } from '../../src/cv/cv-fit.js';

export interface DeviceRun {
  /** requestDevice calls on any adapter during the run. */
  requests: number;
  /** Of the devices requested during the run, how many were destroyed by its end. */
  destroyed: number;
  /** destroy() calls on devices the run did not request (the page's own). */
  othersDestroyed: number;
  /** Calls of the caller's device function, where one was given. */
  deviceCalls?: number;
  /** The page's own device, where one was given: still usable after the run. */
  ownDeviceAlive?: boolean;
  folds: CvFoldsInfo | undefined;
  fits: { backend: string; host?: string; recovered: { atLambda: number; resumedOn: string }[] }[];
  warnings: string[];
  cvm: number[][];
}

export type Scenario =
  /** The library acquires its device. */
  | 'library'
  /** The page gives one device of its own (option device). */
  | 'caller-device'
  /** The page gives a function that makes devices. */
  | 'caller-function'
  /** The device is destroyed at the first progress event (a full fit's): the run recovers on a new one. */
  | 'lost-in-full-fit'
  /** The device is destroyed at the first fold's progress event: the next α's batch fails over to the CPU. */
  | 'lost-in-folds';

async function pageDevice(): Promise<GPUDevice> {
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter in the page');
  return adapter.requestDevice();
}

/** Whether `device` still takes work: a buffer made in an error scope, and its device not lost. */
async function usable(device: GPUDevice): Promise<boolean> {
  const lost = await Promise.race([device.lost.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 100))]);
  if (lost) return false;
  device.pushErrorScope('validation');
  device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE }).destroy();
  return (await device.popErrorScope()) === null;
}

async function run(scenario: Scenario, X: number[][], y: number[], options: CvOptions): Promise<DeviceRun> {
  const own = scenario === 'caller-device' ? await pageDevice() : undefined;
  const requested: GPUDevice[] = [];
  const destroyed = new Set<GPUDevice>();
  let requests = 0;
  let othersDestroyed = 0;
  const request = GPUAdapter.prototype.requestDevice;
  const destroy = GPUDevice.prototype.destroy;
  GPUAdapter.prototype.requestDevice = async function (this: GPUAdapter, descriptor?: GPUDeviceDescriptor) {
    requests++;
    const device = await request.call(this, descriptor);
    requested.push(device);
    return device;
  };
  GPUDevice.prototype.destroy = function (this: GPUDevice) {
    if (requested.includes(this)) destroyed.add(this);
    else othersDestroyed++;
    return destroy.call(this);
  };
  let deviceCalls = 0;
  const device = own ?? (scenario === 'caller-function' ? () => (deviceCalls++, pageDevice()) : undefined);
  let faulted = false;
  const onProgress: CvOptions['onProgress'] = (event) => {
    const fold = Number.isNaN(event.lambda);
    if (faulted || !(scenario === 'lost-in-full-fit' ? !fold : scenario === 'lost-in-folds' && fold)) return;
    faulted = true;
    destroy.call(requested[requested.length - 1]);
  };
  try {
    const cv = await cvPath({ X, y }, { ...options, backend: 'webgpu', ...(device ? { device } : {}), onProgress });
    return {
      requests,
      destroyed: requested.filter((d) => destroyed.has(d)).length,
      othersDestroyed,
      ...(scenario === 'caller-function' ? { deviceCalls } : {}),
      ...(own ? { ownDeviceAlive: await usable(own) } : {}),
      folds: cv.folds,
      fits: cv.curves.map((c) => ({ backend: c.fit.backend, host: c.fit.device.host, recovered: c.fit.device.recovered ?? [] })),
      warnings: cv.warnings,
      cvm: cv.curves.map((c) => c.cvm),
    };
  } finally {
    GPUAdapter.prototype.requestDevice = request;
    GPUDevice.prototype.destroy = destroy;
    own?.destroy();
  }
}

(window as unknown as { proxpathCvDevice: { run: typeof run } }).proxpathCvDevice = { run };
