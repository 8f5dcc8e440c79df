// The kernel test and benchmark page: acquires a WebGPU device and exposes the comparisons on
// `window.proxpathGpu` for puppeteer (test/webgpu-kernels.test.ts, test/penalty-twins.test.ts,
// bench/kernels.ts). Every call returns its result with the device's uncaptured errors since the
// previous call, so that a WebGPU error anywhere fails the caller.

import { compareOps, type OpsSpec } from './ops-compare.js';
import { compareMultinomialOps, multinomialDeviceOnly, multinomialFit, type MultinomialFitSpec, type MultinomialOpsSpec } from './multinomial-compare.js';
import { compareSolve, type SolveSpec } from './solve-compare.js';
import { benchProducts, type BenchSpec } from './bench-products.js';
import { compareLossTwins } from './loss-twins.js';
import { sparseFits, type SparseFitSpec } from './sparse-fits.js';
import { evaluatePenaltyTwins, type BlockTwinSpec, type CoordinateTwinSpec } from './penalty-twins.js';
import { fromWire, toWire } from '../../src/hosts/wire.js';
import { webGpuBatchBackend } from '../../src/gpu/webgpu-backend.js';
import type { Dataset, LossName } from '../../src/problem/types.js';
import { standardize } from '../../src/problem/standardize.js';
import { validate } from '../../src/problem/validate.js';
import { workDoubles } from '../../src/solvers/engines.js';
import { solveBatched } from '../../src/solvers/batched/solve.js';
import { noWork, type PathWork } from '../../src/solvers/batched/work.js';

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
}

async function acquire(): Promise<{ device: GPUDevice; adapter: AdapterSummary }> {
  if (!navigator.gpu) throw new Error('navigator.gpu is missing: this browser has no WebGPU');
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('navigator.gpu.requestAdapter() found no adapter');
  const device = await adapter.requestDevice({ label: 'proxpath kernel harness' });
  const info = adapter.info;
  return {
    device,
    adapter: {
      vendor: info.vendor, architecture: info.architecture, description: info.description,
      isFallbackAdapter: (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false,
    },
  };
}

const acquired = acquire();
const uncaptured: string[] = [];
void acquired.then(({ device }) => {
  device.addEventListener('uncapturederror', (event) => uncaptured.push((event as GPUUncapturedErrorEvent).error.message));
  void device.lost.then((info) => uncaptured.push(`device lost: ${info.message}`));
});

async function withDevice<T>(work: (device: GPUDevice) => Promise<T>): Promise<{ result: T; uncaptured: string[] }> {
  const { device } = await acquired;
  const result = await work(device);
  return { result, uncaptured: uncaptured.splice(0) };
}

/**
 * The batched solver on WebGPU alone, with its counted work: which method ran (proximal Newton
 * counts outer iterations) and how much it did.
 */
async function solveWork(device: GPUDevice, spec: SolveSpec): Promise<{ outerIterations: number; iterations: number; converged: boolean[] }> {
  const problem = validate(spec.data as Dataset, spec.options);
  const std = standardize(problem, workDoubles(problem));
  try {
    const b0Start = problem.intercept ? problem.loss.nullEta(problem.y, problem.weights) : 0;
    const work: PathWork = { ...noWork(), blocks: [] };
    const solution = await solveBatched(problem, std, Float64Array.from(spec.lambdas), {
      b0Start, kktTolerance: spec.kktTolerance, maxIterations: spec.maxIterations, gram: spec.gram, work,
    }, webGpuBatchBackend(device, spec.backend));
    return { outerIterations: work.outerIterations, iterations: work.iterations, converged: solution.converged };
  } finally {
    std.heap.release();
  }
}

const api = {
  adapter: async () => (await acquired).adapter,
  compareOps: (spec: OpsSpec) => withDevice((device) => compareOps(device, spec)),
  // The spec comes as wire JSON: puppeteer's arguments would turn ±Infinity (excluded
  // features, open bounds) inside arrays into null.
  compareSolve: (spec: string) => withDevice((device) => compareSolve(device, fromWire<SolveSpec>(spec))),
  benchProducts: (spec: BenchSpec) => withDevice((device) => benchProducts(device, spec)),
  solveWork: (spec: string) => withDevice((device) => solveWork(device, fromWire<SolveSpec>(spec))),
  // Whole paths on a sparse X and on the same X dense (test/webgpu-sparse.test.ts); wire JSON both ways.
  sparseFits: (spec: string) => withDevice(async (device) => toWire(await sparseFits(device, fromWire<SparseFitSpec>(spec)))),
  // The multinomial kernels against their twins, and whole multinomial paths (test/webgpu-multinomial.test.ts).
  compareMultinomialOps: (spec: MultinomialOpsSpec) => withDevice((device) => compareMultinomialOps(device, spec)),
  multinomialFit: (spec: string) => withDevice(async (device) => toWire(await multinomialFit(device, fromWire<MultinomialFitSpec>(spec)))),
  multinomialDeviceOnly: (spec: string) => withDevice(async (device) => toWire(await multinomialDeviceOnly(device, fromWire<MultinomialFitSpec>(spec)))),
  lossTwins: (loss: LossName) => withDevice((device) => compareLossTwins(device, loss)),
  // Results as wire JSON, so that a NaN from the device arrives as NaN (not null).
  penaltyTwins: (spec: string) =>
    withDevice(async (device) => toWire(await evaluatePenaltyTwins(device, fromWire<CoordinateTwinSpec | BlockTwinSpec>(spec)))),
};

export type HarnessApi = typeof api;
(window as unknown as { proxpathGpu: HarnessApi }).proxpathGpu = api;
