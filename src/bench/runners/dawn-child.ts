// The dawn runner's child process: fits one case on Dawn (npm `webgpu`) and writes the answer.
//   node dawn-child.js <dir>    reads <dir>/job.json, X.bin, y.bin; writes <dir>/answer.json
// A process of its own, killed by the parent at its time limit: Dawn on SwiftShader has
// crashed and hung (DESIGN §5), which must not take the benchmark down.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cvPath } from '../../api/cv-path.js';
import { dawnGpu } from '../../gpu/dawn.js';
import { openDevice, summarizeAdapter } from '../../gpu/device.js';
import { fitPath } from '../../api/fit-path.js';
import type { FitOptions } from '../../problem/types.js';
import { outcomeOf } from './cpu.js';
import { timeRepeats } from './runner.js';

export interface DawnJob {
  nRows: number;
  nCols: number;
  options: FitOptions;
  folds: number;
  repeats: number;
  maxMs: number;
  /** Vulkan driver manifest to use (SwiftShader's, from the probe) when the user set none. */
  icd?: string;
}

const dir = process.argv[2];
const job = JSON.parse(readFileSync(path.join(dir, 'job.json'), 'utf8')) as DawnJob;
const read = (name: string) => {
  const b = readFileSync(path.join(dir, name));
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
if (job.icd && !process.env.VK_ICD_FILENAMES && !process.env.VK_DRIVER_FILES) process.env.VK_ICD_FILENAMES = job.icd;
const gpu = await dawnGpu();
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) throw new Error('Dawn gives no adapter');
const features = [...adapter.features].sort();
const summary = summarizeAdapter(adapter.info, adapter);
const device = await openDevice(adapter, 'proxpath bench (dawn)');
const data = { X: { data: read('X.bin'), nRows: job.nRows, nCols: job.nCols, layout: 'column-major' as const }, y: read('y.bin') };
const options = { ...job.options, backend: 'webgpu' as const, device };
const once = async () => {
  if (job.folds > 0) {
    const cv = await cvPath(data, options);
    return { fit: cv.curves[0].fit, cvm: Array.from(cv.curves[0].cvm) };
  }
  return { fit: await fitPath(data, options), cvm: undefined };
};
const { timesMs, values } = await timeRepeats(job.repeats, job.maxMs, once);
const last = values[values.length - 1];
writeFileSync(
  path.join(dir, 'answer.json'),
  JSON.stringify({
    timesMs,
    solveMs: job.folds > 0 ? undefined : values.map((v) => v.fit.timing.solveMs),
    // The fit's GPU time where the device has timestamp-query (openDevice requests it).
    gpuMs: job.folds > 0 || values.some((v) => v.fit.timing.gpuMs === undefined) ? undefined : values.map((v) => v.fit.timing.gpuMs!),
    path: outcomeOf(last.fit, last.cvm),
    device: { host: 'dawn', adapter: summary, features },
  }),
);
// Dawn's threads would keep the process alive a while.
process.exit(0);
