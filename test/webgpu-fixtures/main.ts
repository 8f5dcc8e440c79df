// fitPath on the page's WebGPU device, exposed on `window.proxpathFixtures` for
// test/webgpu-fixtures.test.ts: the reference fixtures solved in float32, and polished (and for
// test/webgpu-offsets.test.ts, fits with an offset).

import { fitPath, type FitOptions } from '../../src/index.js';

const shared = (async () => {
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter on the fixtures page');
  return adapter.requestDevice({ requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize } });
})();
const device = () => shared;

/** ±1e308 back to ±∞: puppeteer's arguments carry no infinities inside arrays. */
const infinite = (v: number[] | undefined) => v?.map((x) => (x >= 1e308 ? Infinity : x <= -1e308 ? -Infinity : x));

async function fit(X: number[][], y: number[], weights: number[] | undefined, options: FitOptions & { lower?: number[]; upper?: number[] }, offset?: number[]) {
  const bounds = { lower: infinite(options.lower), upper: infinite(options.upper) };
  // One device for every fit of the page (the caller's: never destroyed), its kernels compiled once.
  const result = await fitPath({ X, y, weights, offset }, { ...options, ...bounds, backend: 'webgpu', device });
  return {
    lambda: result.lambda, intercept: result.intercept, beta: result.beta, converged: result.converged, host: result.device.host,
    objective: result.objective, finishedOn: result.device.finishedOn, outerIterations: result.work?.outerIterations,
  };
}

(window as unknown as { proxpathFixtures: unknown }).proxpathFixtures = { fit };
