// One task in a fresh worker (reading a file, generating data): the request posted, progress
// messages handed on, the done message resolved, an error message or a crash rejected in the
// caller's words. The worker ends when the task is done, has failed, or is cancelled (the signal).

export type TaskMessage<P, D> = ({ type: 'progress' } & P) | ({ type: 'done' } & D) | { type: 'error'; message: string };

/** How the caller words a cancel, the worker's error message, and a crash of the worker. */
export interface TaskWords {
  cancelled: string;
  error(message: string): string;
  crashed(message: string): string;
}

export function workerTask<P, D>(worker: Worker, request: unknown, onProgress: (progress: P) => void, words: TaskWords, signal?: AbortSignal): Promise<D> {
  return new Promise((resolve, reject) => {
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      end();
      reject(new DOMException(words.cancelled, 'AbortError'));
    };
    // Cancelled before it started (while the caller looked at the file): ended at once.
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<TaskMessage<P, D>>) => {
      const m = event.data;
      if (m.type === 'progress') return onProgress(m);
      end();
      if (m.type === 'done') resolve(m);
      else reject(new Error(words.error(m.message)));
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(words.crashed(event.message)));
    };
    worker.postMessage(request);
  });
}
