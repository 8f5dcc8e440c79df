// `backend: 'webgpu'` from Node where Dawn has no usable adapter: the whole fit runs in headless
// Chromium (its WebGPU, SwiftShader on a machine without a GPU), and its result comes back as a
// PathFit that says so. The data travel once, as raw float64 from a local server, under a
// secret path the page learns over the browser's DevTools pipe (chromium-server.ts); progress
// crosses through puppeteer; an abort closes the browser at once.

import { AbortError, InputError } from '../errors.js';
import { toColumnMajor } from '../problem/matrix.js';
import { checkSparse, isSparse } from '../problem/sparse-matrix.js';
import { PathFit } from '../problem/result.js';
import { MultinomialFit, type MultinomialFitJSON } from '../problem/multinomial-fit.js';
import { validateMultinomial } from '../problem/multinomial-options.js';
import type { Dataset, DeviceInfo, FitOptions, MultinomialDataset, MultinomialOptions } from '../problem/types.js';
import type { HostAnswer, HostJob, HostWindow } from './host-job.js';
import { type LaunchedChromium, launchChromium, type SandboxState } from './chromium.js';
import { startHostServer } from './chromium-server.js';
import { fromWire, toWire } from './wire.js';

/** The page's own module has this long to load before the host gives up. */
const PAGE_LOAD_MS = 60_000;

const bytes = (values: Float64Array | Int32Array): Uint8Array => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

/** X as served: a sparse X's CSC arrays (it stays sparse in the page), else column-major float64. */
function servedX(X: Dataset['X']): { nRows: number; nCols: number; sparse: boolean; files: Record<string, Uint8Array> } {
  if (isSparse(X)) {
    const csc = checkSparse(X, 'X');
    const files = { indptr: bytes(Int32Array.from(csc.indptr)), indices: bytes(Int32Array.from(csc.indices)), values: bytes(Float64Array.from(csc.values)) };
    return { nRows: csc.nRows, nCols: csc.nCols, sparse: true, files };
  }
  const dense = toColumnMajor(X, 'X');
  return { nRows: dense.nRows, nCols: dense.nCols, sparse: false, files: { X: bytes(Float64Array.from(dense.data)) } };
}

/**
 * Fits in headless Chromium. `chosen` is the Node side's account of the choice (merged into the
 * result's device); `options` are the caller's, of which signal and onProgress are bridged.
 */
export async function fitInChromium(data: Dataset, options: FitOptions, chosen: DeviceInfo, executablePath: string): Promise<PathFit> {
  const started = performance.now();
  const { signal, onProgress, device: _device, ...rest } = options;
  const ran = await runInChromium(data, { kind: 'fit', options: { ...rest, backend: 'webgpu' } }, { signal, onProgress }, executablePath);
  if (!ran.answer.fit) throw new Error('the headless host page answered without a fit');
  const fit = ran.answer.fit;
  const totalMs = performance.now() - started;
  const device = hostDevice(fit.device, chosen.reason, ran);
  return new PathFit({ ...fit, device, timing: { ...fit.timing, hostMs: totalMs - fit.timing.totalMs, totalMs } });
}

/**
 * A multinomial fit in headless Chromium: the labels travel as class indices (checked here, so
 * that the page's classes, sorted numerically, are the same), the classes are put back on the
 * page's MultinomialFit.
 */
export async function fitMultinomialInChromium(data: MultinomialDataset, options: MultinomialOptions, chosen: DeviceInfo, executablePath: string): Promise<MultinomialFit> {
  const started = performance.now();
  const { classes, classOf } = validateMultinomial(data, options);
  const { signal, onProgress, device: _device, ...rest } = options;
  const served = { ...data, y: Float64Array.from(classOf) } as unknown as Dataset;
  const ran = await runInChromium(served, { kind: 'fit', options: { ...rest, backend: 'webgpu' } as unknown as FitOptions }, { signal, onProgress }, executablePath);
  if (!ran.answer.fit) throw new Error('the headless host page answered without a fit');
  const fit = ran.answer.fit as unknown as MultinomialFitJSON;
  const totalMs = performance.now() - started;
  const device = hostDevice(fit.device, chosen.reason, ran);
  return new MultinomialFit({ ...fit, classes, device, timing: { ...fit.timing, hostMs: totalMs - fit.timing.totalMs, totalMs } });
}

/** What ran where, for a device record of the page: the Node side's reason first, then the page's, then the sandbox's where it was off. */
export function hostDevice(inPage: DeviceInfo, reason: string, ran: { browser: string; sandbox: SandboxState }): DeviceInfo {
  const sandbox = ran.sandbox.on ? '' : `; Chromium ran without its sandbox: ${ran.sandbox.reason}`;
  return { ...inPage, reason: `${reason}; in the page: ${inPage.reason}${sandbox}`, host: 'headless-chromium', browser: ran.browser, sandbox: ran.sandbox.on };
}

/**
 * Runs one job (a fit, or a cross-validation: page/chromium-page.ts) in a page of headless Chromium
 * and returns its successful answer, the browser's version and its sandbox; a failed one is
 * thrown (input errors as InputError, aborts as AbortError). The browser and its profile are
 * gone when this returns or throws.
 */
export async function runInChromium(
  data: Dataset,
  work: Pick<HostJob, 'kind' | 'options'>,
  control: Pick<FitOptions, 'signal' | 'onProgress'>,
  executablePath: string,
): Promise<{ answer: Extract<HostAnswer, { ok: true }>; browser: string; sandbox: SandboxState }> {
  const { signal, onProgress } = control;
  const aborted = () => new AbortError('the fit was aborted');
  if (signal?.aborted) throw aborted();
  const X = servedX(data.X);
  const job: HostJob = {
    ...work,
    nRows: X.nRows,
    nCols: X.nCols,
    sparse: X.sparse,
    featureNames: data.featureNames ?? Array.from({ length: X.nCols }, (_, j) => `x${j + 1}`),
    hasWeights: data.weights !== undefined,
    hasOffset: data.offset !== undefined,
  };
  const server = await startHostServer();
  const jobPath = server.publishJob({
    'job.json': toWire(job),
    ...X.files,
    y: bytes(Float64Array.from(data.y)),
    ...(data.weights ? { weights: bytes(Float64Array.from(data.weights)) } : {}),
    ...(data.offset ? { offset: bytes(Float64Array.from(data.offset)) } : {}),
  });

  let launched: LaunchedChromium | undefined;
  // The page would see an abort only at its next readback (seconds on SwiftShader), and its
  // answer no longer matters: the browser goes at once.
  const onAbort = () => void launched?.close({ force: true });
  signal?.addEventListener('abort', onAbort);
  try {
    launched = await launchChromium(executablePath, [], { signal });
    if (signal?.aborted) throw aborted(); // before the listener could see the browser
    const version = await launched.browser.version();
    const page = await launched.browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.exposeFunction('__proxpathProgress', (event: Parameters<NonNullable<FitOptions['onProgress']>>[0]) => onProgress?.(event));
    await page.goto(server.url);
    await page
      .waitForFunction(() => (window as unknown as HostWindow).__proxpath !== undefined, { timeout: PAGE_LOAD_MS })
      .catch(() => {
        throw new Error(`the headless host page did not load${pageErrors.length ? `: ${pageErrors[0]}` : ''}`);
      });
    const text = await page.evaluate((path) => (window as unknown as HostWindow).__proxpath!.run(path), jobPath);
    const answer = fromWire<HostAnswer>(text);
    if (!answer.ok) {
      const { name, message } = answer.error;
      if (name === 'InputError') throw new InputError(message);
      if (name === 'AbortError') throw new AbortError(message);
      throw new Error(`in headless Chromium: ${name}: ${message}`);
    }
    return { answer, browser: version, sandbox: launched.sandbox };
  } catch (error) {
    // An aborted run ends as AbortError, whatever the closing browser said.
    if (signal?.aborted) throw aborted();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await launched?.close();
    await server.close();
  }
}
