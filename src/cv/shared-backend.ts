// One backend for a whole cross-validation (issue 13 item 7): chosen once, as fitPath chooses
// it, and lent to the full-data fits and to the folds (their batch, or their fits), so that one
// WebGPU device serves them all and its pipelines, cached per device (src/gpu/programs.ts),
// compile once. The run frees the device once, at its end; the caller's own device never.
// After a device fault a fit acquires a replacement from the same source (src/gpu/recovery.ts);
// the replacement becomes the device the rest of the run uses, and is freed with the first.

import type { BackendChoice } from '../gpu/choose.js';
import type { AcquiredDevice } from '../gpu/device.js';
import type { LentBackend } from '../fit.js';

export type SharedBackend = LentBackend & {
  /** Frees every device the run acquired (none of the caller's); the backend is not used after. */
  release(): void;
};

export type SharedDevice = Extract<SharedBackend, { kind: 'webgpu' }>;

/** The backend of `choice` for a whole run (a Chromium choice runs whole in its page: none). */
export function shareBackend(choice: Extract<BackendChoice, { kind: 'webgpu' }>): SharedDevice;
export function shareBackend(choice: BackendChoice): SharedBackend;
export function shareBackend(choice: BackendChoice): SharedBackend {
  if (choice.kind === 'chromium') throw new Error('a cross-validation in headless Chromium chooses its backend in the page');
  if (choice.kind === 'cpu') return { kind: 'cpu', choice, release: () => undefined };
  const { source } = choice;
  const owned = source.host !== 'caller';
  const devices: GPUDevice[] = [choice.acquired.device];
  let current: AcquiredDevice = choice.acquired;
  return {
    kind: 'webgpu',
    choice,
    device: () => current,
    recovery: {
      host: source.host,
      renewable: source.renewable,
      async acquire() {
        const acquired = await source.acquire();
        devices.push(acquired.device);
        current = acquired;
        return acquired;
      },
    },
    release() {
      if (owned) for (const device of devices) device.destroy();
      devices.length = 0;
    },
  };
}
