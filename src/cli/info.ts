// `proxpath info`: the runtime, the WebGPU adapters this machine offers (Dawn's, with its limits
// and whether it is a software fallback; the headless Chromium host), and the backend that
// fitPath's `auto` picks here for a fit large enough to look for a GPU, with its reason.

import { findChromium } from '../hosts/chromium.js';
import { probeDawn } from '../gpu/dawn-probe.js';
import { adapterName } from '../gpu/device.js';
import { AUTO_PROBE_MIN_CELLS, chooseBackend } from '../api/choose-backend.js';
import { backendLine } from './backend-line.js';

export async function infoCommand(): Promise<void> {
  console.log(`node ${process.version} on ${process.platform} ${process.arch}`);
  const dawn = await probeDawn();
  if (!dawn.installed) console.log('dawn: not installed (optional npm package webgpu)');
  else if (!dawn.adapter) console.log(`dawn: no adapter (${dawn.error})`);
  else {
    console.log(`dawn: adapter ${adapterName(dawn.adapter)}${dawn.icd ? ` through ${dawn.icd}` : ''}`);
    console.log(`dawn adapter: ${JSON.stringify(dawn.adapter)}`);
    console.log(`dawn limits: ${JSON.stringify(dawn.limits)}`);
  }
  const chromium = findChromium();
  console.log(`headless chromium host (backend webgpu when Dawn has no hardware adapter): ${chromium.path ?? chromium.missing}`);
  // What `auto` chooses for a fit large enough to look for a GPU (smaller ones stay on the CPU).
  const choice = await chooseBackend('auto');
  if (choice.kind === 'webgpu') choice.acquired.device.destroy();
  const backend = choice.kind === 'cpu' ? 'cpu' : 'webgpu';
  console.log(`backend (auto): ${backend}`);
  console.log(`(for fits with n·p ≥ ${AUTO_PROBE_MIN_CELLS}; smaller ones run on the CPU without looking for a GPU)`);
  console.log(backendLine({ backend, device: choice.device }));
  console.log(`device: ${JSON.stringify(choice.device, null, 2)}`);
}
