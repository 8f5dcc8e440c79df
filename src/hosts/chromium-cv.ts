// Cross-validation with `backend: 'webgpu'` from Node where Dawn has no usable adapter: the whole
// cvPath runs in a page of headless Chromium (its WebGPU: SwiftShader on a machine without a
// GPU), full fits and the folds × λ batch alike, as fitInChromium does for one fit; the result
// comes back as a CvFit whose records say so.

import { hostDevice, runInChromium } from './chromium-host.js';
import { loadModel } from '../model/load.js';
import type { Dataset, DeviceInfo } from '../problem/types.js';
import type { CvFit, CvFitJSON } from '../cv/cv-fit.js';
import type { CvOptions } from '../cv/cv-options.js';

export async function cvInChromium(data: Dataset, options: CvOptions, executablePath: string, reason: string): Promise<CvFit> {
  const started = performance.now();
  const { signal, onProgress, device: _device, workers: _workers, foldRunner: _foldRunner, ...rest } = options;
  const job = { ...rest, backend: 'webgpu' as const, ...(rest.foldId ? { foldId: Array.from(rest.foldId) } : {}) };
  const ran = await runInChromium(data, { kind: 'cv', options: job }, { signal, onProgress }, executablePath);
  if (!ran.answer.cv) throw new Error('the headless host page answered without a cross-validation');
  const cv: CvFitJSON = ran.answer.cv;
  const here = (device: DeviceInfo): DeviceInfo => hostDevice(device, reason, ran);
  for (const curve of cv.curves) curve.fit.device = here(curve.fit.device);
  if (cv.folds?.device) cv.folds.device = here(cv.folds.device);
  const totalMs = performance.now() - started;
  cv.timing = { ...cv.timing, hostMs: totalMs - cv.timing.totalMs, totalMs };
  return loadModel(cv, 'the headless host page') as CvFit;
}
