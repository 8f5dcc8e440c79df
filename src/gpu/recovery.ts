// The plan of a WebGPU fit: run on the acquired device; after a device fault, resume the λ not
// yet solved once on a new device (when the source can give one), then on the CPU's float64
// batched iteration. Every resume is recorded for the result (device.recovered) and its warnings.

import { cpuBatchBackend } from '../solvers/batched/cpu-backend.js';
import type { RecoveryEvent } from '../problem/types.js';
import type { BatchBackend } from '../solvers/batched/backend.js';
import type { BackendPlan, BatchedRun } from '../solvers/batched/batched-path.js';
import type { AcquiredDevice, DeviceSource } from './device.js';
import { isRecoverable, watchDevice } from './faults.js';

/** Tries on a new device after a fault before the CPU takes over. */
const DEVICE_RETRIES = 1;

/** Makes the batched backend of a device (the WebGPU backend; a parameter so that the plan is testable on its own). */
export type BackendOfDevice = (device: GPUDevice) => BatchBackend;

export function gpuPlan(
  source: DeviceSource,
  first: AcquiredDevice,
  backendOf: BackendOfDevice,
  events: RecoveryEvent[],
): BackendPlan & { release(): void } {
  // Devices this plan acquired (the caller's are the caller's to destroy).
  const owned: GPUDevice[] = source.host === 'caller' ? [] : [first.device];
  const runOn = (acquired: AcquiredDevice): BatchedRun => {
    const watch = watchDevice(acquired.device);
    return { backend: backendOf(acquired.device), fault: watch.fault, close: () => watch.close() };
  };
  let retries = 0;
  let onCpu = false;
  return {
    first: runOn(first),
    async recover(error, solved) {
      // The CPU is the last resort: its failure is final.
      if (onCpu || !isRecoverable(error)) return null;
      const message = error instanceof Error ? error.message : String(error);
      if (source.renewable && retries < DEVICE_RETRIES) {
        retries++;
        try {
          const acquired = await source.acquire();
          if (source.host !== 'caller') owned.push(acquired.device);
          const run = runOn(acquired);
          events.push({ atLambda: solved, error: message, resumedOn: 'webgpu (new device)' });
          return run;
        } catch {
          // No new device: the CPU takes over below.
        }
      }
      events.push({ atLambda: solved, error: message, resumedOn: 'cpu (batched float64)' });
      onCpu = true;
      return { backend: cpuBatchBackend };
    },
    release() {
      for (const device of owned) device.destroy();
    },
  };
}

/** The result's warning for each resume. */
export function recoveryWarnings(events: RecoveryEvent[], total: number): string[] {
  return events.map(
    (e) => `WebGPU failed after ${e.atLambda} of ${total} λ values (${e.error}); the rest were solved on ${e.resumedOn}`,
  );
}
