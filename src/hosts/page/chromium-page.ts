// The page side of the headless Chromium host (bundled into dist/browser/chromium-page.js):
// fetches the job the Node side serves (../chromium-host.ts), fits it (or cross-validates it) with
// this page's WebGPU, reports progress through the function Node exposed, and answers in wire JSON.

import { cvPath } from '../../api/cv-path.js';
import { fitPath } from '../../api/fit-path.js';
import type { ProgressEvent } from '../../problem/types.js';
import type { HostAnswer, HostJob, HostWindow } from '../host-job.js';
import { fromWire, toWire } from '../wire.js';

const host = window as unknown as HostWindow;
let controller: AbortController | undefined;

async function run(jobPath: string): Promise<string> {
  controller = new AbortController();
  const fetchJob = async (name: string): Promise<Response> => {
    const response = await fetch(`${jobPath}${name}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`the host did not serve the job's ${name} (${response.status})`);
    return response;
  };
  const float64 = async (name: string) => new Float64Array(await (await fetchJob(name)).arrayBuffer());
  try {
    const job = fromWire<HostJob>(await (await fetchJob('job.json')).text());
    const { nRows, nCols } = job;
    const int32 = async (name: string) => new Int32Array(await (await fetchJob(name)).arrayBuffer());
    const X = job.sparse
      ? { format: 'csc' as const, indptr: await int32('indptr'), indices: await int32('indices'), values: await float64('values'), nRows, nCols }
      : { data: await float64('X'), nRows, nCols, layout: 'column-major' as const };
    const data = {
      X, y: await float64('y'), featureNames: job.featureNames,
      ...(job.hasWeights ? { weights: await float64('weights') } : {}),
      ...(job.hasOffset ? { offset: await float64('offset') } : {}),
    };
    const options = { ...job.options, signal: controller.signal, onProgress: (event: ProgressEvent) => void host.__proxpathProgress?.(event) };
    if (job.kind === 'cv') return toWire({ ok: true, cv: (await cvPath(data, options)).toJSON() } satisfies HostAnswer);
    const fit = await fitPath(data, options);
    return toWire({ ok: true, fit: fit.toJSON() } satisfies HostAnswer);
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    return toWire({ ok: false, error: { name, message } } satisfies HostAnswer);
  }
}

host.__proxpath = { run, abort: () => controller?.abort() };
