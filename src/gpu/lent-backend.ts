// One backend for a whole run, chosen once by the composition root (src/api/) and lent to every
// fit of the run: a fitPath's one fit, or a cross-validation's full-data fits and folds (their
// batch, or their fits), so that one WebGPU device serves them all and its pipelines, cached per
// device (src/gpu/programs.ts), compile once. The run frees the device once, at its end; the
// caller's own device never.
// After a device fault a fit acquires a replacement from the same source (src/gpu/recovery.ts);
// the replacement becomes the device the rest of the run uses, and is freed with the first.

import type { BackendChoice } from './choice.js';
import type { AcquiredDevice, DeviceSource } from './device.js';

/** A backend lent to a fit (src/fit.ts): a fit on it neither chooses a backend nor frees a device. */
export type LentBackend =
  | { kind: 'cpu'; choice: Extract<BackendChoice, { kind: 'cpu' }> }
  | {
      kind: 'webgpu';
      /** The choice: the result's device record. */
      choice: Extract<BackendChoice, { kind: 'webgpu' }>;
      /** The device a fit starts on now: the choice's, or the replacement an earlier fault brought. */
      device(): AcquiredDevice;
      /** Where a fit's replacement after a device fault comes from; the lender frees what it gives. */
      recovery: DeviceSource;
    };

export type SharedBackend = LentBackend & {
  /** Frees every device the run acquired (none of the caller's); the backend is not used after. */
  release(): void;
};

export type SharedDevice = Extract<SharedBackend, { kind: 'webgpu' }>;

/** The backend of `choice` for a whole run (a Chromium choice runs whole in its page: none here). */
export function shareBackend(choice: Extract<BackendChoice, { kind: 'webgpu' }>): SharedDevice;
export function shareBackend(choice: BackendChoice): SharedBackend;
export function shareBackend(choice: BackendChoice): SharedBackend {
  if (choice.kind === 'chromium') throw new Error('a run in headless Chromium chooses its backend in the page');
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
