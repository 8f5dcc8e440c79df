// cvPath, the public entry of a cross-validation, and the composition root of it: the CV's
// options and the first α's problem are validated once, the backend is chosen once for the whole
// run and lent to every fit in it, and the run is routed: in this process (src/cv/cross-validate.ts,
// its CPU fold fits on the threads fold-threads.ts picks), or, in Node without a usable Dawn
// adapter, whole to a page of headless Chromium (src/hosts/chromium-cv.ts). The backend's device
// is freed here at the end, whatever happens before.

import type { CvFit } from '../cv/cv-fit.js';
import { checkCvOptions, type CvOptions } from '../cv/cv-options.js';
import { crossValidate } from '../cv/cross-validate.js';
import { shareBackend } from '../gpu/lent-backend.js';
import type { MultinomialCv, MultinomialCvOptions } from '../cv/multinomial-cv.js';
import type { Dataset, MultinomialDataset } from '../problem/types.js';
import { validate } from '../problem/validate.js';
import { chooseBackendFor } from './choose-backend.js';
import { foldThreads } from './fold-threads.js';

/** Cross-validates a path; with `loss: 'multinomial'` as cv.glmnet's cv.multnet (src/cv/multinomial-cv.ts). */
export function cvPath(data: MultinomialDataset, options: MultinomialCvOptions): Promise<MultinomialCv>;
export function cvPath(data: Dataset, options?: CvOptions): Promise<CvFit>;
export async function cvPath(data: Dataset | MultinomialDataset, options: CvOptions | MultinomialCvOptions = {}): Promise<CvFit | MultinomialCv> {
  if (options && (options as { loss?: unknown }).loss === 'multinomial') {
    const { cvMultinomial } = await import('../cv/multinomial-cv.js');
    return cvMultinomial(data as MultinomialDataset, options as MultinomialCvOptions);
  }
  return cvSingle(data as Dataset, options as CvOptions);
}

async function cvSingle(data: Dataset, options: CvOptions): Promise<CvFit> {
  const t0 = performance.now();
  const plan = checkCvOptions(data, options);
  const { fitOptions } = plan;
  const v0 = performance.now();
  const problem = validate(data, { ...fitOptions, alpha: plan.alphas[0] });
  const first = { problem, validateMs: performance.now() - v0 };
  const choice = await chooseBackendFor(problem, fitOptions.device);
  if (choice.kind === 'chromium') {
    // Loaded only here: the host needs Node (a server, puppeteer), which a page never takes.
    const { cvInChromium } = await import('../hosts/chromium-cv.js');
    return cvInChromium(data, options, choice.executablePath, choice.device.reason);
  }
  const backend = shareBackend(choice);
  try {
    return await crossValidate(data, plan, first, backend, foldThreads(plan.workers, plan.foldRunner), t0);
  } finally {
    backend.release();
  }
}
