// The backend choice in Node: Dawn (npm `webgpu`) when it has a hardware adapter; otherwise the
// CPU for `auto`, and headless Chromium for `webgpu`. Dawn's software adapter (SwiftShader) is
// never used to fit: on it Dawn has crashed and hung where Chromium ran the same kernels
// correctly (DESIGN §5).

import { InputError } from '../errors.js';
import type { BackendName } from '../problem/types.js';
import { type BackendChoice, cpuChoice, softwareReason, webgpuChoice } from '../gpu/choice.js';
import { findChromium } from '../hosts/chromium.js';
import { dawnGpu } from '../gpu/dawn.js';
import { type DawnProbe, probeDawn } from '../gpu/dawn-probe.js';
import { adapterName, gpuSource } from '../gpu/device.js';

/** What Dawn had to offer, in words. */
function dawnSays(probe: DawnProbe): string {
  if (!probe.installed) return 'Dawn (the optional npm package webgpu) is not installed';
  if (probe.adapter) return `Dawn's only adapter is ${adapterName(probe.adapter)}, on which Dawn is not used (it crashes there)`;
  return `Dawn has no adapter: ${probe.error ?? 'none found'}`;
}

export async function chooseInNode(requested: BackendName): Promise<BackendChoice> {
  const probe = await probeDawn();
  if (probe.adapter && !probe.adapter.software) {
    const source = gpuSource(await dawnGpu(), 'dawn');
    return webgpuChoice(requested, source, await source.acquire());
  }
  if (requested === 'auto') {
    const reason = probe.adapter ? softwareReason(probe.adapter) : `auto: no WebGPU adapter in Node (${dawnSays(probe)})`;
    return cpuChoice(reason, 'dawn', probe.adapter);
  }
  const { path: executablePath, missing } = findChromium();
  if (!executablePath) {
    throw new InputError(
      `option backend: "webgpu" found no usable WebGPU: ${dawnSays(probe)}, and no Chromium for the headless host ` +
        `(${missing}); install chromium or set CHROME_PATH`,
    );
  }
  return {
    kind: 'chromium',
    executablePath,
    device: { reason: `requested; ${dawnSays(probe)}, so the fit runs in headless Chromium (${executablePath})`, host: 'headless-chromium' },
  };
}
