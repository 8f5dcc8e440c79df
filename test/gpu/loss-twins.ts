// The loss twins held together: each smooth loss's WGSL functions (shaders/losses/<name>.wgsl:
// ℓ, ℓ', the curvature and Newton's curvature) evaluated on the device on a grid of (y, η),
// against its TypeScript functions
// (src/losses/<name>.ts) at the same float32-rounded points, including the clamps (logistic μ
// near 0 and 1, the Poisson floor). Runs in the page (test/gpu/harness.ts).

import { PARAMS_BYTES, packParams } from '../../src/gpu/params.js';
import { lossShader, pipelineFor } from '../../src/gpu/programs.js';
import { lossSpec } from '../../src/losses/registry.js';
import type { ResponseKind } from '../../src/losses/types.js';
import type { LossName } from '../../src/problem/types.js';
import { validate } from '../../src/problem/validate.js';

/** Per function, the largest |wgsl − ts| / scale over the grid (scales: see `twinErrors`). */
export interface TwinErrors {
  value: number;
  derivative: number;
  curvature: number;
  newtonCurvature: number;
  points: number;
}

/** y values per response kind, and η beyond the plain grid where a loss has clamps or kinks to reach. */
const Y: Record<ResponseKind, number[]> = {
  real: [-2.5, 0, 0.7, 3],
  binary: [0, 1],
  count: [0, 1, 2, 7],
};
const ETA: Record<string, number[]> = {
  huber: [...range(-5, 5, 41), 0.7 + 1.2, 0.7 - 1.2, 1.2 + 1e-3],
  logistic: [...range(-12, 12, 49), -40, -30, -21, 21, 30, 40],
  poisson: [...range(-6, 6, 49), -40, -30, 10],
};

function range(lo: number, hi: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
}

/**
 * ℓ and ℓ' relative to max(1, |ts|, |η|) (the value of a linear tail cancels terms of size |η|),
 * the curvatures relative to |ts| (positive weights that matter relatively, down to the floors).
 */
export async function compareLossTwins(device: GPUDevice, loss: LossName, delta = 1.2): Promise<TwinErrors> {
  // The loss's pipeline constants (Huber's δ) as the backend sets them, from a two-row problem.
  const problem = validate({ X: [[1], [2]], y: [0, 1] }, { loss, ...(loss === 'huber' ? { delta } : {}) });
  const shader = lossShader(problem);
  const pipeline = await pipelineFor(device, { files: [shader.file, 'losses/evaluate.wgsl'], entryPoint: 'evaluate_loss' }, shader.constants);
  const ys = Y[lossSpec(loss).response];
  const etas = ETA[loss] ?? range(-5, 5, 41);
  const points = ys.flatMap((y) => etas.map((eta) => [Math.fround(y), Math.fround(eta)]));
  const rows = points.length;

  const make = (label: string, size: number, usage: number) => device.createBuffer({ label: `proxpath twin test ${label}`, size, usage });
  const params = make('parameters', PARAMS_BYTES, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  const input = make('points', 8 * rows, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
  const output = make('results', 16 * rows, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
  const staging = make('readback', 16 * rows, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  try {
    const packed = new ArrayBuffer(PARAMS_BYTES);
    packParams({ rows }, packed, 0);
    device.queue.writeBuffer(params, 0, packed);
    device.queue.writeBuffer(input, 0, Float32Array.from(points.flat()));
    const encoder = device.createCommandEncoder({ label: 'proxpath twin test' });
    const pass = encoder.beginComputePass({ label: 'proxpath twin test' });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, device.createBindGroup({
      label: 'proxpath twin test',
      layout: pipeline.getBindGroupLayout(0),
      entries: [{ binding: 0, resource: { buffer: params } }, { binding: 2, resource: { buffer: input } }, { binding: 3, resource: { buffer: output } }],
    }));
    pass.dispatchWorkgroups(Math.ceil(rows / 64));
    pass.end();
    encoder.copyBufferToBuffer(output, 0, staging, 0, 16 * rows);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const results = new Float32Array(staging.getMappedRange().slice(0));
    staging.unmap();

    const { loss: ts } = problem;
    if (!ts.smooth) throw new Error(`the ${loss} loss has no curvature`);
    const errors: TwinErrors = { value: 0, derivative: 0, curvature: 0, newtonCurvature: 0, points: rows };
    points.forEach(([y, eta], i) => {
      const [value, derivative, curvature, newtonCurvature] = results.subarray(4 * i, 4 * i + 4);
      const expected = {
        value: ts.value(y, eta), derivative: ts.derivative(y, eta), curvature: ts.curvature(y, eta),
        newtonCurvature: ts.newtonCurvature ? ts.newtonCurvature(y, eta) : ts.curvature(y, eta),
      };
      const off = (got: number, want: number, scale: number) => (Number.isFinite(got) ? Math.abs(got - want) / scale : Infinity);
      errors.value = Math.max(errors.value, off(value, expected.value, Math.max(1, Math.abs(expected.value), Math.abs(eta))));
      errors.derivative = Math.max(errors.derivative, off(derivative, expected.derivative, Math.max(1, Math.abs(expected.derivative))));
      errors.curvature = Math.max(errors.curvature, off(curvature, expected.curvature, Math.abs(expected.curvature)));
      errors.newtonCurvature = Math.max(
        errors.newtonCurvature, off(newtonCurvature, expected.newtonCurvature, Math.abs(expected.newtonCurvature)),
      );
    });
    return errors;
  } finally {
    for (const b of [params, input, output, staging]) b.destroy();
  }
}
