// fitPath, the public entry of one path fit, and the composition root of it: the data and options
// are validated once, the backend is chosen once, and the fit is routed: in this process (the CPU,
// or a WebGPU device: a page's, Dawn's, or the caller's) through src/fit.ts, or, in Node without
// a usable Dawn adapter, whole to a page of headless Chromium (src/hosts/chromium-host.ts).

import { fitProblem } from '../fit.js';
import { shareBackend } from '../gpu/lent-backend.js';
import type { PathFit } from '../problem/result.js';
import type { Dataset, FitOptions } from '../problem/types.js';
import { validate } from '../problem/validate.js';
import { chooseBackendFor } from './choose-backend.js';

export async function fitPath(data: Dataset, options: FitOptions = {}): Promise<PathFit> {
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
