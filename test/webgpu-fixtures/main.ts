// fitPath on the page's WebGPU device, exposed on `window.proxpathFixtures` for
// test/webgpu-fixtures.test.ts: the reference fixtures solved in float32, and polished.

import { fitPath, type FitOptions } from '../../src/index.js';

/** ±1e308 back to ±∞: puppeteer's arguments carry no infinities inside arrays. */
const infinite = (v: number[] | undefined) => v?.map((x) => (x >= 1e308 ? Infinity : x <= -1e308 ? -Infinity : x));

async function fit(X: number[][], y: number[], weights: number[] | undefined, options: FitOptions & { lower?: number[]; upper?: number[] }) {
  const bounds = { lower: infinite(options.lower), upper: infinite(options.upper) };
  const result = await fitPath({ X, y, weights }, { ...options, ...bounds, backend: 'webgpu' });
  return {
    lambda: result.lambda, intercept: result.intercept, beta: result.beta, converged: result.converged, host: result.device.host,
    objective: result.objective, finishedOn: result.device.finishedOn, outerIterations: result.work?.outerIterations,
  };
}

(window as unknown as { proxpathFixtures: unknown }).proxpathFixtures = { fit };
