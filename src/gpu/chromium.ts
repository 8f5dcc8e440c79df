// The system Chromium, driven headless by puppeteer-core (no browser download): WebGPU through
// `--enable-unsafe-webgpu`, on the machine's GPU where Chromium's Vulkan path finds one, else on
// its bundled SwiftShader (a CPU Vulkan: correct, slow).

import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { show } from '../problem/errors.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags that give WebGPU in headless Chromium (Linux needs Vulkan enabled for it). */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan'];

/** Flags for a quiet, throwaway browser; no sandbox, as it only loads proxpath's own local page. */
const QUIET_FLAGS = ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The browser to drive: $CHROME_PATH when set (then only that one), else the first system
 * Chromium or Chrome found. Without one, `missing` says where it looked.
 */
export function findChromium(): { path: string; missing?: undefined } | { path: null; missing: string } {
  const chosen = process.env.CHROME_PATH;
  if (chosen) return existsSync(chosen) ? { path: chosen } : { path: null, missing: `CHROME_PATH=${show(chosen)} does not exist` };
  const found = CANDIDATES.find((p) => existsSync(p));
  return found ? { path: found } : { path: null, missing: `no Chromium at ${CANDIDATES.join(', ')} and CHROME_PATH is not set` };
}

/** A headless Chromium with WebGPU and its own temporary profile, removed when the browser goes. */
export async function launchChromium(executablePath: string, extraFlags: string[] = []): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-chrome-'));
  // Removed once the browser's process has exited (until then it may still write there).
  const removeProfile = () => void rm(userDataDir, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);
  try {
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir,
      args: [...QUIET_FLAGS, ...WEBGPU_FLAGS, ...extraFlags],
      // The caller decides what a signal means (the CLI aborts the fit and exits cleanly).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const child = browser.process();
    if (child && child.exitCode === null) child.once('exit', removeProfile);
    else removeProfile();
    return browser;
  } catch (error) {
    removeProfile();
    throw error;
  }
}

/**
 * Named sets of extra flags (`--chrome-flag <preset>`). linux-gpu, for a Linux machine with an
 * NVIDIA or AMD GPU: WebGPU on Vulkan, ANGLE on Vulkan, no surface (headless), the GPU blocklist
 * ignored, unsafe WebGPU (Chrome's guide to WebGPU in headless Chrome).
 */
export const CHROME_FLAG_PRESETS: Record<string, readonly string[]> = {
  'linux-gpu': [
    '--enable-unsafe-webgpu',
    '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan',
    '--use-angle=vulkan',
    '--disable-vulkan-surface',
    '--ignore-gpu-blocklist',
  ],
};

/** Flags with the presets among them replaced by their flags. */
export function expandChromeFlags(flags: readonly string[]): string[] {
  return flags.flatMap((flag) => CHROME_FLAG_PRESETS[flag] ?? [flag]);
}

/** A Chrome the user already runs with `--remote-debugging-port`, reached at its DevTools endpoint (http://host:port). */
export async function connectChromium(browserURL: string): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.connect({ browserURL, defaultViewport: null });
}
