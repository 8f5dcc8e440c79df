// Headless Chromium for page and WebGPU tests: the library's own launcher (src/hosts/chromium.ts),
// the system browser driven by puppeteer-core over a pipe with WebGPU enabled (SwiftShader
// without a GPU).

import type { Browser } from 'puppeteer-core';
import { findChromium, launchChromium } from '../../src/hosts/chromium.js';

/** The browser to drive: $CHROME_PATH, else the first system Chromium/Chrome found. */
export function chromePath(): string {
  const found = findChromium();
  if (!found.path) throw new Error(`no Chromium: ${found.missing}; install it (apt-get install chromium)`);
  return found.path;
}

/**
 * A headless Chromium with WebGPU; its temporary profile goes when it closes (browser.close()).
 * `flags` are added to the launcher's own (e.g. --host-resolver-rules for a test host name).
 */
export async function launchChrome(flags: string[] = []): Promise<Browser> {
  return (await launchChromium(chromePath(), flags)).browser;
}
