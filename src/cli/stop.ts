// Ctrl-C, kill's default TERM and a closed terminal's HUP stop a command cleanly: the first
// signal aborts the run (the solvers see it at their next pause, ~0.1 s), so the command ends
// with one line, status 130 and no output file; a second signal ends the process at once.

import { EXIT_ABORTED } from './report.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopWatch {
  /** Fires on the first signal. */
  signal: AbortSignal;
  /** Gives the signals back to Node's defaults. */
  dispose(): void;
}

/** Listens for the stop signals from now on (installed before the data are read). */
export function watchStopSignals(): StopWatch {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(EXIT_ABORTED);
    controller.abort();
  };
  for (const name of STOP_SIGNALS) process.on(name, stop);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of STOP_SIGNALS) process.off(name, stop);
    },
  };
}

/** Runs `command` with the stop signals watched, and gives them back to Node's defaults after. */
export async function underStopSignals<T>(command: (stop: StopWatch) => Promise<T>): Promise<T> {
  const stop = watchStopSignals();
  try {
    return await command(stop);
  } finally {
    stop.dispose();
  }
}
