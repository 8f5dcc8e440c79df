// fitPath, the public entry of one path fit, and the composition root of it: the data and options
// are validated once, the backend is chosen once, and the fit is routed: in this process (the CPU,
// or a WebGPU device: a page's, Dawn's, or the caller's) through src/fit.ts, or, in Node without
// a usable Dawn adapter, whole to a page of headless Chromium (src/hosts/chromium-host.ts).

import { fitProblem } from '../fit.js';
import { shareBackend } from '../gpu/lent-backend.js';
import type { MultinomialFit } from '../problem/multinomial-fit.js';
import type { PathFit } from '../problem/result.js';
import type { Dataset, FitOptions, MultinomialDataset, MultinomialOptions } from '../problem/types.js';
import { validate } from '../problem/validate.js';
import { chooseBackend, chooseBackendFor } from './choose-backend.js';

/**
 * Fits a path. With `loss: 'multinomial'` (y: class labels, C ≥ 3) the result is a MultinomialFit
 * (per λ, intercepts [C] and coefficients [C][p]); any other loss gives a PathFit.
 */
export function fitPath(data: MultinomialDataset, options: MultinomialOptions): Promise<MultinomialFit>;
export function fitPath(data: Dataset, options?: FitOptions): Promise<PathFit>;
export async function fitPath(data: Dataset | MultinomialDataset, options: FitOptions | MultinomialOptions = {}): Promise<PathFit | MultinomialFit> {
  if (options && (options as { loss?: unknown }).loss === 'multinomial') {
    // Loaded only here: the multinomial solvers are their own module graph.
    const { fitMultinomial } = await import('../fit-multinomial.js');
    if ((options as MultinomialOptions).backend !== 'webgpu') return fitMultinomial(data as MultinomialDataset, options as MultinomialOptions);
    return fitMultinomialOnGpu(data as MultinomialDataset, options as MultinomialOptions);
  }
  return fitSingle(data as Dataset, options as FitOptions);
}

async function fitSingle(data: Dataset, options: FitOptions): Promise<PathFit> {
  const t0 = performance.now();
  const problem = validate(data, options);
  const choice = await chooseBackendFor(problem, options.device);
  if (choice.kind === 'chromium') {
    // Loaded only here: the host needs Node (a server, puppeteer), which a page never takes.
    const { fitInChromium } = await import('../hosts/chromium-host.js');
    return fitInChromium(data, options, choice.device, choice.executablePath);
  }
  const backend = shareBackend(choice);
  try {
    return await fitProblem(problem, options, backend, t0);
  } finally {
    backend.release();
  }
}

/**
 * Multinomial with backend 'webgpu': the labels and options checked before any device is looked
 * for, then on a WebGPU device of this process (a page's, Dawn's, the caller's), or whole in a page
 * of headless Chromium (Node without a usable Dawn adapter).
 */
async function fitMultinomialOnGpu(data: MultinomialDataset, options: MultinomialOptions): Promise<MultinomialFit> {
  const [{ fitMultinomial }, { validateMultinomial }] = await Promise.all([import('../fit-multinomial.js'), import('../problem/multinomial-options.js')]);
  validateMultinomial(data, options);
  const choice = await chooseBackend('webgpu', options.device);
  if (choice.kind === 'chromium') {
    const { fitMultinomialInChromium } = await import('../hosts/chromium-host.js');
    return fitMultinomialInChromium(data, options, choice.device, choice.executablePath);
  }
  if (choice.kind !== 'webgpu') throw new Error(`backend webgpu was chosen as ${choice.kind}`);
  const backend = shareBackend(choice);
  try {
    return await fitMultinomial(data, options, async () => ({ device: backend.device().device, info: choice.device, release: () => undefined }));
  } finally {
    backend.release();
  }
}
