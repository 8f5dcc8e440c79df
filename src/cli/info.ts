// `proxpath info`: the runtime, the WebGPU adapters this machine offers (Dawn's, with its limits
// and whether it is a software fallback; the headless Chromium host), and the backend that
// fitPath's `auto` picks here, with its reason.

import { findChromium } from '../hosts/chromium.js';
import { probeDawn } from '../gpu/dawn-probe.js';
import { adapterName } from '../gpu/device.js';
import { fitPath } from '../api/fit-path.js';
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
  // A tiny problem: whatever fit.device says is what a real fit would get on this machine.
  const X = [[1, 0], [0, 1], [1, 1], [2, 1]];
  const fit = await fitPath({ X, y: [1, 2, 3, 4] }, { backend: 'auto', nLambda: 2 });
  console.log(`backend (auto): ${fit.backend}`);
  console.log(backendLine(fit));
  console.log(`device: ${JSON.stringify(fit.device, null, 2)}`);
}
