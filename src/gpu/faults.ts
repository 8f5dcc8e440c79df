// Device faults during a fit: a lost device (destroyed, driver reset, watchdog) or an error the
// device reports outside any error scope. Either ends the run on that device at once: the λ
// already solved are kept, the rest resume elsewhere (src/solvers/batched-path.ts).

import { InputError } from '../problem/errors.js';

/** A device fault, with what the device said. */
export class DeviceFault extends Error {
  override name = 'DeviceFault';
}

/** Errors a WebGPU implementation raises for a failed allocation, a validation error or a lost device. */
const GPU_ERROR_NAMES = new Set(['GPUOutOfMemoryError', 'GPUValidationError', 'GPUInternalError', 'GPUPipelineError', 'OperationError', 'AbortError']);

/**
 * Watches a device for the length of a run: `fault` rejects with a DeviceFault when the device
 * is lost or reports an uncaptured error. `lost` says whether it was lost (not only erred).
 */
export function watchDevice(device: GPUDevice): { fault: Promise<never>; close(): void; readonly lost: boolean } {
  let closed = false;
  let lost = false;
  let fail: (error: DeviceFault) => void = () => undefined;
  const fault = new Promise<never>((_, reject) => (fail = reject));
  fault.catch(() => undefined); // a fault after the run ended is nobody's business
  void device.lost.then((info) => {
    lost = true;
    if (!closed) fail(new DeviceFault(`the WebGPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''})`));
  });
  const onError = (event: Event) => {
    const error = (event as GPUUncapturedErrorEvent).error;
    if (!closed) fail(new DeviceFault(`WebGPU reported ${error?.constructor?.name ?? 'an error'}: ${error?.message ?? ''}`.trim()));
  };
  device.addEventListener('uncapturederror', onError);
  return {
    fault,
    get lost() {
      return lost;
    },
    close() {
      closed = true;
      device.removeEventListener('uncapturederror', onError);
    },
  };
}

/**
 * True when `error` is the device's fault rather than the input's or the code's: a DeviceFault,
 * any error once the device is lost, or one of WebGPU's own error types (an out-of-memory or
 * validation error popped from an error scope, a rejected mapAsync).
 */
export function isDeviceFault(error: unknown, deviceLost: boolean): boolean {
  if (error instanceof InputError) return false;
  if (error instanceof DeviceFault || deviceLost) return true;
  const name = (error as { name?: unknown } | null)?.name;
  const constructorName = (error as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return (typeof name === 'string' && GPU_ERROR_NAMES.has(name)) || (typeof constructorName === 'string' && GPU_ERROR_NAMES.has(constructorName));
}
