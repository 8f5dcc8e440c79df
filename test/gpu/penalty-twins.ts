// The penalty twins' device side: a penalty's WGSL functions (shaders/<spec.wgsl>) evaluated on
// the device at points that test/penalty-twins.test.ts chose and compares against the spec's
// TypeScript functions. The program is what a builder composes: common.wgsl, the penalty's
// file, then a small evaluation kernel (below), with γ as the pipeline constant PENALTY_GAMMA
// where the penalty declares it. Runs in the page
// (test/gpu/harness.ts).

import { programSource } from '../../src/gpu/programs.js';

/**
 * Separable penalties: per point 8 float32, [op, x, y, _, l1, l2, lower, upper] with op 0
 * penalty_value(x, l1, l2), 1 penalty_prox(x = u, y = t, …), 2 coordinate_minimizer(x = u,
 * y = xv, …), 3 subdifferential_distance(x = g, y = b, …); infinite bounds as ±F32_MAX.
 */
export interface CoordinateTwinSpec {
  kind: 'coordinate';
  wgsl: string[];
  gamma: number;
  points: number[];
}

/**
 * Grouped penalties: per group 8 float32, [offset, size, t, l1, l2, w, _, _], and per
 * coordinate z (the prox's argument), g and b (the value's and the distance's block).
 */
export interface BlockTwinSpec {
  kind: 'block';
  wgsl: string[];
  gamma: number;
  groups: number[];
  z: number[];
  g: number[];
  b: number[];
}

/** One result per point, or the prox per coordinate and (value, distance) per group. */
export interface TwinResults {
  values: number[];
  blocks: number[];
}

const COORDINATE_KERNEL = `
@group(0) @binding(2) var<storage, read> points: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> results: array<f32>;

@compute @workgroup_size(64)
fn evaluate_penalty(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= arrayLength(&results)) { return; }
  let a = points[2u * i];
  let c = points[2u * i + 1u];
  var r = 0.0;
  switch (u32(a.x)) {
    case 0u: { r = penalty_value(a.y, c.x, c.y); }
    case 1u: { r = penalty_prox(a.y, a.z, c.x, c.y, c.z, c.w); }
    case 2u: { r = coordinate_minimizer(a.y, a.z, c.x, c.y, c.z, c.w); }
    default: { r = subdifferential_distance(a.y, a.z, c.x, c.y, c.z, c.w); }
  }
  results[i] = r;
}
`;

/** As a kernel striding over a group's rows would: reduce, then the block functions. */
const BLOCK_KERNEL = `
@group(0) @binding(2) var<storage, read> groups: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> zs: array<f32>;
@group(0) @binding(4) var<storage, read> gs: array<f32>;
@group(0) @binding(5) var<storage, read> bs: array<f32>;
@group(0) @binding(6) var<storage, read_write> prox: array<f32>;
@group(0) @binding(7) var<storage, read_write> blocks: array<vec2<f32>>;

@compute @workgroup_size(64)
fn evaluate_blocks(@builtin(global_invocation_id) gid: vec3<u32>) {
  let k = gid.x;
  if (k >= arrayLength(&blocks)) { return; }
  let head = groups[2u * k];
  let levels = groups[2u * k + 1u];
  let start = u32(head.x);
  let end = start + u32(head.y);
  let t = head.z;
  let l1 = head.w;
  let l2 = levels.x;
  let w = levels.y;
  var zz = 0.0;
  for (var i = start; i < end; i++) {
    let v = group_soft(zs[i], t, l1);
    zz += v * v;
  }
  let shrink = group_shrink(sqrt(zz), t, l1, l2, w);
  for (var i = start; i < end; i++) { prox[i] = shrink * group_soft(zs[i], t, l1); }
  var bb = 0.0;
  var absSum = 0.0;
  for (var i = start; i < end; i++) {
    bb += bs[i] * bs[i];
    absSum += abs(bs[i]);
  }
  let norm = sqrt(bb);
  var ee = 0.0;
  for (var i = start; i < end; i++) {
    let e = group_residual(gs[i], bs[i], norm, l1, l2, w);
    ee += e * e;
  }
  blocks[k] = vec2<f32>(group_value(norm, absSum, l1, l2, w), group_distance(ee, norm, w));
}
`;

/** γ as the pipeline constant, for the penalties that declare one. */
const constantsFor = (code: string, gamma: number): Record<string, number> => (code.includes('override PENALTY_GAMMA') ? { PENALTY_GAMMA: gamma } : {});

async function pipeline(device: GPUDevice, code: string, entryPoint: string, gamma: number): Promise<GPUComputePipeline> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: `proxpath penalty twin ${entryPoint}`, code });
  const constants = constantsFor(code, gamma);
  const made = device.createComputePipelineAsync({ label: `proxpath penalty twin ${entryPoint}`, layout: 'auto', compute: { module, entryPoint, constants } });
  const error = await device.popErrorScope();
  try {
    const p = await made;
    if (error) throw new Error(error.message);
    return p;
  } catch (e) {
    const info = await module.getCompilationInfo();
    const messages = info.messages.filter((m) => m.type === 'error').map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
    throw new Error(`penalty twin ${entryPoint} failed to compile: ${messages.join('; ') || (e as Error).message}`);
  }
}

/** Runs one dispatch of `entryPoint` over `count` invocations with storage buffers 2.., reads back the writable ones. */
async function run(
  device: GPUDevice, code: string, entryPoint: string, gamma: number, count: number, inputs: Float32Array<ArrayBuffer>[], outputs: number[],
): Promise<Float32Array[]> {
  const p = await pipeline(device, code, entryPoint, gamma);
  const made: GPUBuffer[] = [];
  const buffer = (size: number, usage: number) => {
    const b = device.createBuffer({ label: 'proxpath penalty twin', size: Math.max(4, size), usage });
    made.push(b);
    return b;
  };
  try {
    const ins = inputs.map((data) => {
      const b = buffer(4 * data.length, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
      device.queue.writeBuffer(b, 0, data);
      return b;
    });
    const outs = outputs.map((floats) => buffer(4 * floats, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC));
    const reads = outputs.map((floats) => buffer(4 * floats, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST));
    const encoder = device.createCommandEncoder({ label: 'proxpath penalty twin' });
    const pass = encoder.beginComputePass({ label: 'proxpath penalty twin' });
    pass.setPipeline(p);
    pass.setBindGroup(0, device.createBindGroup({
      label: 'proxpath penalty twin',
      layout: p.getBindGroupLayout(0),
      entries: [...ins, ...outs].map((b, i) => ({ binding: 2 + i, resource: { buffer: b } })),
    }));
    pass.dispatchWorkgroups(Math.ceil(count / 64));
    pass.end();
    outs.forEach((b, i) => encoder.copyBufferToBuffer(b, 0, reads[i], 0, 4 * outputs[i]));
    device.queue.submit([encoder.finish()]);
    const results: Float32Array[] = [];
    for (const [i, r] of reads.entries()) {
      await r.mapAsync(GPUMapMode.READ);
      results.push(new Float32Array(r.getMappedRange().slice(0, 4 * outputs[i])));
      r.unmap();
    }
    return results;
  } finally {
    for (const b of made) b.destroy();
  }
}

export async function evaluatePenaltyTwins(device: GPUDevice, spec: CoordinateTwinSpec | BlockTwinSpec): Promise<TwinResults> {
  const source = programSource({ files: spec.wgsl, entryPoint: '' });
  if (spec.kind === 'coordinate') {
    const n = spec.points.length / 8;
    const [values] = await run(device, source + COORDINATE_KERNEL, 'evaluate_penalty', spec.gamma, n, [Float32Array.from(spec.points)], [n]);
    return { values: Array.from(values), blocks: [] };
  }
  const nGroups = spec.groups.length / 8;
  const m = spec.z.length;
  const [prox, blocks] = await run(
    device, source + BLOCK_KERNEL, 'evaluate_blocks', spec.gamma, nGroups,
    [Float32Array.from(spec.groups), Float32Array.from(spec.z), Float32Array.from(spec.g), Float32Array.from(spec.b)], [m, 2 * nGroups],
  );
  return { values: Array.from(prox), blocks: Array.from(blocks) };
}
