// Headless Chromium for page tests: the system browser driven by puppeteer-core.

import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The browser to drive: $CHROME_PATH, else the first system Chromium/Chrome found. */
export function chromePath(): string {
  const found = [process.env.CHROME_PATH, ...CANDIDATES].find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(`no Chromium found (tried $CHROME_PATH, ${CANDIDATES.join(', ')}); install it (apt-get install chromium)`);
  }
  return found;
}

export function launchChrome(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromePath(),
    headless: true,
    userDataDir: mkdtempSync(path.join(os.tmpdir(), 'proxpath-chrome-')),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-unsafe-webgpu',
    ],
  });
}
