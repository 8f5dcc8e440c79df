// Device faults during a fit: a lost device (destroyed, driver reset, watchdog) or an error the
// device reports outside any error scope. Either ends the run on that device at once: the λ
// already solved are kept, the rest resume elsewhere (src/solvers/batched/batched-path.ts).

import { InputError } from '../errors.js';

/** A device fault, with what the device said. */
export class DeviceFault extends Error {
  override name = 'DeviceFault';
}

/**
 * Watches a device for the length of a run: `fault` rejects with a DeviceFault when the device
 * is lost or reports an uncaptured error.
 */
export function watchDevice(device: GPUDevice): { fault: Promise<never>; close(): void } {
  let closed = false;
  let fail: (error: DeviceFault) => void = () => undefined;
  const fault = new Promise<never>((_, reject) => (fail = reject));
  fault.catch(() => undefined); // a fault after the run ended is nobody's business
  void device.lost.then((info) => {
    if (!closed) fail(new DeviceFault(`the WebGPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''})`));
  });
  const onError = (event: Event) => {
    const error = (event as GPUUncapturedErrorEvent).error;
    if (!closed) fail(new DeviceFault(`WebGPU reported ${error?.constructor?.name ?? 'an error'}: ${error?.message ?? ''}`.trim()));
  };
  device.addEventListener('uncapturederror', onError);
  return {
    fault,
    close() {
      closed = true;
      device.removeEventListener('uncapturederror', onError);
    },
  };
}

/**
 * True when a run on a device may resume elsewhere after `error`: anything but a mistake in the
 * input. A lost device, a failed allocation or a validation error (popped from an error scope,
 * whatever class the backend wraps it in) are the device's; an error of the solver's own code
 * would come back on the CPU run, which then fails for good, and until then every resume is
 * in the result's `device.recovered` and warnings, so nothing is hidden.
 */
export function isRecoverable(error: unknown): boolean {
  return !(error instanceof InputError || (error instanceof Error && error.name === 'InputError'));
}
