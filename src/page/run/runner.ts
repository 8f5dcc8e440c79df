// The page's side of the fit worker: one worker kept warm between runs (started at page load, so
// the first fit does not wait for the library to load), one run at a time, and a cancel that
// ends the worker at once, whatever it is doing; the next run starts a new one. A worker that
// fails while idle (its script or an import of it did not load) is dropped at once, so the next
// run starts a new one instead of waiting on a dead worker.

import type { RunRequest, WorkerMessage } from './protocol.js';

export interface RunHandlers {
  onMessage(message: Exclude<WorkerMessage, { type: 'ready' | 'done' | 'error' }>): void;
}

export class CancelledError extends Error {
  override name = 'CancelledError';
}

export class FitRunner {
  private worker: Worker | null = null;
  private finish: ((error?: Error) => void) | null = null;

  /** Starts the worker if none is running (page load, and after a cancel). */
  warm(): void {
    if (this.worker) return;
    const worker = new Worker(new URL('./fit-worker.ts', import.meta.url), { type: 'module', name: 'proxpath-fit' });
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      this.stop();
      if (!this.finish) return; // idle: the next run starts a new worker
      event.preventDefault(); // the run reports it
      this.finish(new Error(`the fit worker failed: ${event.message || 'it could not be started'}`));
    };
    worker.postMessage('ping');
    this.worker = worker;
  }

  get busy(): boolean {
    return this.finish !== null;
  }

  run(request: RunRequest, handlers: RunHandlers): Promise<void> {
    if (this.finish) return Promise.reject(new Error('a fit is already running'));
    this.warm();
    const worker = this.worker!;
    return new Promise<void>((resolve, reject) => {
      this.finish = (error) => {
        this.finish = null;
        worker.onmessage = null;
        if (error) reject(error);
        else resolve();
      };
      worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
        const m = event.data;
        if (m.type === 'ready') return;
        if (m.type === 'done') this.finish?.();
        else if (m.type === 'error') this.finish?.(Object.assign(new Error(m.message), { name: m.name }));
        else handlers.onMessage(m);
      };
      worker.postMessage(request, [request.data.X.buffer]);
    });
  }

  /** Ends the running fit now: the worker is terminated and a fresh one started. */
  cancel(): void {
    if (!this.finish) return;
    this.stop();
    this.finish(new CancelledError('cancelled'));
    this.warm();
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
