// proxpath on WebGPU in Chrome: one browser (launched headless, or the user's own reached over
// DevTools), one page of the local server and one device for the whole matrix; each case's
// data are served as raw float64 and fitted in the page (chromium-page-body.ts).

import type { Browser, Page } from 'puppeteer-core';
import { connectChromium, expandChromeFlags, findChromium, type LaunchedChromium, launchChromium } from '../../hosts/chromium.js';
import { type HostServer, startHostServer } from '../../hosts/chromium-server.js';
import { OPTIONAL_FEATURES, REQUESTED_LIMITS, summarizeAdapter } from '../../gpu/device.js';
import type { RunnerDevice } from '../types.js';
import { caseOptions } from './proxpath-options.js';
import { PAGE_BODY } from './chromium-page-body.js';
import type { CaseJob, PathOutcome, Runner, RunnerResult } from './runner.js';

export interface BrowserChoice {
  /** Chrome or Chromium to launch (default: $CHROME_PATH, else the system's). */
  executablePath?: string;
  /** Extra flags, presets included (CHROME_FLAG_PRESETS). */
  flags?: string[];
  /** A running Chrome's DevTools endpoint: connect instead of launching (the browser is left open). */
  browserURL?: string;
}

interface PageAnswer {
  ok: boolean;
  error?: string;
  timesMs: number[];
  solveMs?: number[];
  gpuMs?: number[];
  cvm?: number[];
  fit: PathOutcome & { backend: string; device: { host?: string } };
  device: { adapter: GPUAdapterInfo & { isFallbackAdapter?: boolean }; features: string[] };
}

const bytes = (values: Float64Array): Uint8Array => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

export interface ChromiumRunner extends Runner {
  /** The browser's version, where it came from, and the adapter of the last case. */
  describe(): { version: string; executable?: string; url?: string; flags: string[]; device?: RunnerDevice };
}

export async function chromiumRunner(choice: BrowserChoice = {}): Promise<ChromiumRunner> {
  const flags = expandChromeFlags(choice.flags ?? []);
  let executable: string | undefined;
  let browser: Browser;
  let launched: LaunchedChromium | undefined;
  if (choice.browserURL) browser = await connectChromium(choice.browserURL);
  else {
    executable = choice.executablePath;
    if (!executable) {
      const found = findChromium();
      if (!found.path) throw new Error(`no Chrome or Chromium: ${found.missing} (give one with --chrome)`);
      executable = found.path;
    }
    launched = await launchChromium(executable, flags);
    browser = launched.browser;
  }
  // The user's own browser stays open; a launched one goes, with its profile.
  const release = () => (launched ? launched.close() : browser.disconnect().catch(() => undefined));
  let server: HostServer | undefined;
  let page: Page | undefined;
  let device: RunnerDevice | undefined;
  const version = await browser.version();
  const errors: string[] = [];
  try {
    server = await startHostServer();
    page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(server.url);
  } catch (error) {
    await page?.close().catch(() => undefined);
    await server?.close();
    await release();
    throw error;
  }
  return {
    name: 'chromium',
    unsupported: () => null,
    async run(job: CaseJob): Promise<RunnerResult> {
      // Each case's data under a new secret path, each file served once (chromium-server.ts).
      const jobPath = server!.publishJob({ X: bytes(job.data.X), y: bytes(job.data.y) });
      const args = {
        jobPath, nRows: job.data.nSamples, nCols: job.data.nFeatures, options: caseOptions(job.spec, job.lambda),
        folds: job.spec.folds, repeats: job.repeats, maxMs: job.maxMs, limitNames: REQUESTED_LIMITS, featureNames: OPTIONAL_FEATURES,
      };
      const AsyncFunction = (async () => undefined).constructor as new (...params: string[]) => (args: unknown) => Promise<string>;
      const text = await page!.evaluate(new AsyncFunction('args', PAGE_BODY), args);
      const answer = JSON.parse(text) as PageAnswer;
      if (!answer.ok) throw new Error(`in the page: ${answer.error}${errors.length ? ` (${errors.join('; ')})` : ''}`);
      if (answer.fit.backend !== 'webgpu') throw new Error(`the page fitted on ${answer.fit.backend}, not WebGPU`);
      device = { host: 'browser', adapter: summarizeAdapter(answer.device.adapter), features: answer.device.features, browser: version };
      return { timesMs: answer.timesMs, solveMs: answer.solveMs, ...(answer.gpuMs ? { gpuMs: answer.gpuMs } : {}), path: { ...answer.fit, ...(answer.cvm ? { cvm: answer.cvm } : {}) }, device };
    },
    describe: () => ({ version, ...(executable ? { executable } : {}), ...(choice.browserURL ? { url: choice.browserURL } : {}), flags, ...(device ? { device } : {}) }),
    async close() {
      await page?.close().catch(() => undefined);
      await server?.close();
      await release();
    },
  };
}
