// `backend: 'webgpu'` from Node where Dawn has no usable adapter: the whole fit runs in headless
// Chromium (its WebGPU, SwiftShader on a machine without a GPU), and its result comes back as a
// PathFit that says so. The data travel once, as raw float64 from a local server; progress and
// abort cross through puppeteer.

import { AbortError, InputError } from '../problem/errors.js';
import { toColumnMajor } from '../problem/matrix.js';
import { PathFit } from '../problem/result.js';
import type { Dataset, DeviceInfo, FitOptions } from '../problem/types.js';
import type { HostAnswer, HostJob, HostWindow } from './chromium-page.js';
import { launchChromium } from './chromium.js';
import { startHostServer } from './chromium-server.js';
import { fromWire, toWire } from './wire.js';

/** The page's own module has this long to load before the host gives up. */
const PAGE_LOAD_MS = 60_000;

const bytes = (values: Float64Array): Uint8Array => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

/**
 * Fits in headless Chromium. `chosen` is the Node side's account of the choice (merged into the
 * result's device); `options` are the caller's, of which signal and onProgress are bridged.
 */
export async function fitInChromium(data: Dataset, options: FitOptions, chosen: DeviceInfo, executablePath: string): Promise<PathFit> {
  const started = performance.now();
  const { signal, onProgress, device: _device, ...rest } = options;
  const { answer, browser } = await runInChromium(data, { kind: 'fit', options: { ...rest, backend: 'webgpu' } }, { signal, onProgress }, executablePath);
  if (!answer.fit) throw new Error('the headless host page answered without a fit');
  const fit = answer.fit;
  const totalMs = performance.now() - started;
  const device: DeviceInfo = {
    ...fit.device,
    reason: `${chosen.reason}; in the page: ${fit.device.reason}`,
    host: 'headless-chromium',
    browser,
  };
  return new PathFit({ ...fit, device, timing: { ...fit.timing, hostMs: totalMs - fit.timing.totalMs, totalMs } });
}

/**
 * Runs one job (a fit, or a cross-validation: chromium-page.ts) in a page of headless Chromium
 * and returns its successful answer and the browser's version; a failed one is thrown (input
 * errors as InputError, aborts as AbortError).
 */
export async function runInChromium(
  data: Dataset,
  work: Pick<HostJob, 'kind' | 'options'>,
  control: Pick<FitOptions, 'signal' | 'onProgress'>,
  executablePath: string,
): Promise<{ answer: Extract<HostAnswer, { ok: true }>; browser: string }> {
  const { signal, onProgress } = control;
  if (signal?.aborted) throw new AbortError('the fit was aborted');
  const X = toColumnMajor(data.X, 'X');
  const job: HostJob = {
    ...work,
    nRows: X.nRows,
    nCols: X.nCols,
    featureNames: data.featureNames ?? Array.from({ length: X.nCols }, (_, j) => `x${j + 1}`),
    hasWeights: data.weights !== undefined,
  };
  const server = await startHostServer();
  server.setJobFile('job.json', toWire(job));
  server.setJobFile('X', bytes(Float64Array.from(X.data)));
  server.setJobFile('y', bytes(Float64Array.from(data.y)));
  if (data.weights) server.setJobFile('weights', bytes(Float64Array.from(data.weights)));

  let browser: import('puppeteer-core').Browser | undefined;
  let page: import('puppeteer-core').Page | undefined;
  const onAbort = () => void page?.evaluate(() => (window as unknown as HostWindow).__proxpath?.abort()).catch(() => undefined);
  try {
    browser = await launchChromium(executablePath);
    page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.exposeFunction('__proxpathProgress', (event: Parameters<NonNullable<FitOptions['onProgress']>>[0]) => onProgress?.(event));
    await page.goto(server.url);
    await page
      .waitForFunction(() => (window as unknown as HostWindow).__proxpath !== undefined, { timeout: PAGE_LOAD_MS })
      .catch(() => {
        throw new Error(`the headless host page did not load${pageErrors.length ? `: ${pageErrors[0]}` : ''}`);
      });
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) throw new AbortError('the fit was aborted'); // before the listener was there
    let text: string;
    try {
      text = await page.evaluate(() => (window as unknown as HostWindow).__proxpath!.run());
    } catch (error) {
      // A Ctrl-C reaches the browser too, which may close before the page answers.
      if (signal?.aborted) throw new AbortError('the fit was aborted');
      throw error;
    }
    const answer = fromWire<HostAnswer>(text);
    if (!answer.ok) {
      const { name, message } = answer.error;
      if (name === 'InputError') throw new InputError(message);
      if (name === 'AbortError' || signal?.aborted) throw new AbortError(message);
      throw new Error(`in headless Chromium: ${name}: ${message}`);
    }
    return { answer, browser: await browser.version() };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await browser?.close().catch(() => undefined);
    await server.close();
  }
}
