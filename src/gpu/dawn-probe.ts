// Does Dawn (the optional npm package `webgpu`) give a WebGPU adapter in this Node, and which?
// Asked once per process, in a child process with a time limit: Dawn prints driver warnings on
// stderr, and on SwiftShader it has crashed and hung (DESIGN §5); neither may reach the caller.
// The child tries the system's Vulkan drivers first, then, when the user has not chosen a
// driver (VK_ICD_FILENAMES / VK_DRIVER_FILES), Chromium's SwiftShader, as DESIGN §5 describes.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { AdapterSummary } from '../problem/types.js';
import { REQUESTED_LIMITS, summarizeAdapter } from './device.js';

export interface DawnProbe {
  /** The npm package `webgpu` could be loaded. */
  installed: boolean;
  adapter?: AdapterSummary;
  /** The adapter's maximum of each requested limit. */
  limits?: Record<string, number>;
  /** The Vulkan driver manifest the probe set, when the system had no driver (SwiftShader's). */
  icd?: string;
  /** Why there is no adapter. */
  error?: string;
}

/** Chromium's SwiftShader Vulkan driver manifests (Debian, Ubuntu, Google Chrome). */
const SWIFTSHADER_ICDS = [
  '/usr/lib/chromium/vk_swiftshader_icd.json',
  '/usr/lib/chromium-browser/vk_swiftshader_icd.json',
  '/opt/google/chrome/vk_swiftshader_icd.json',
];

/** A probe past this is taken as hung. */
const PROBE_TIMEOUT_MS = 20_000;

// The child: argv[1] is JSON [module URL, SwiftShader manifest or null, limit names]. It prints
// one JSON line and exits at once (Dawn's threads would otherwise keep it alive a while).
const CHILD = `
const [moduleUrl, swiftshader, limitNames] = JSON.parse(process.argv[1]);
const { create } = await import(moduleUrl);
const request = () => create([]).requestAdapter({ powerPreference: 'high-performance' });
let adapter = await request();
let icd;
if (!adapter && swiftshader && !process.env.VK_ICD_FILENAMES && !process.env.VK_DRIVER_FILES) {
  process.env.VK_ICD_FILENAMES = icd = swiftshader;
  adapter = await request();
}
const out = { icd };
if (adapter) {
  const i = adapter.info;
  out.info = { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description,
    isFallbackAdapter: i.isFallbackAdapter ?? adapter.isFallbackAdapter };
  out.limits = Object.fromEntries(limitNames.map((name) => [name, Number(adapter.limits[name])]));
}
process.stdout.write(JSON.stringify(out) + '\\n', () => process.exit(0));
`;

/** The module file of `webgpu` as Node would load it from here, or null when it is not installed. */
function dawnModule(): string | null {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('webgpu')).href;
  } catch {
    return null;
  }
}

function runProbe(): Promise<DawnProbe> {
  const moduleUrl = dawnModule();
  if (!moduleUrl) return Promise.resolve({ installed: false, error: 'the npm package webgpu (Dawn) is not installed' });
  const swiftshader = SWIFTSHADER_ICDS.find((path) => existsSync(path)) ?? null;
  const args = ['--input-type=module', '-e', CHILD, JSON.stringify([moduleUrl, swiftshader, REQUESTED_LIMITS])];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: PROBE_TIMEOUT_MS, killSignal: 'SIGKILL' }, (error, stdout) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      let parsed: { icd?: string; info?: GPUAdapterInfo; limits?: Record<string, number> } | undefined;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      if (!parsed) {
        const why = error?.killed ? `timed out after ${PROBE_TIMEOUT_MS / 1000} s` : error?.signal ? `crashed (${error.signal})` : `failed (${error?.message.split('\n')[0] ?? 'no answer'})`;
        resolve({ installed: true, error: `Dawn's adapter probe ${why}` });
        return;
      }
      const probe: DawnProbe = { installed: true, ...(parsed.icd ? { icd: parsed.icd } : {}) };
      if (parsed.info) {
        probe.adapter = summarizeAdapter(parsed.info);
        probe.limits = parsed.limits;
      } else {
        probe.error = swiftshader ? 'no Vulkan driver gave an adapter (not even SwiftShader)' : 'no Vulkan driver gave an adapter';
      }
      resolve(probe);
    });
  });
}

let probed: Promise<DawnProbe> | undefined;

/** Dawn's adapter in this process's environment (asked once, then remembered). */
export function probeDawn(): Promise<DawnProbe> {
  probed ??= runProbe();
  return probed;
}
