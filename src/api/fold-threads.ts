// Where the CPU's fold fits of a cross-validation run: in turn, in the caller's parallel runner
// (Web Workers in a page: src/hosts/web-workers.ts), or in Node's worker threads
// (src/hosts/node-workers.ts, loaded only in Node), and on how many threads.

import type { PickRunner } from '../cv/cross-validate.js';
import { serialFolds, type FoldRunner } from '../cv/fold-runner.js';

/** Serial fold time (estimated from the full fit) above which 'auto' starts worker threads. */
const AUTO_PARALLEL_MS = 300;

/** Most threads 'auto' uses, whatever the machine. */
const AUTO_MAX_THREADS = 8;

const inNode = (): boolean => typeof process !== 'undefined' && !!process.versions?.node;

/** The threads this machine runs at once (Node: available parallelism; a page: its cores), if known. */
async function machineThreads(): Promise<number | undefined> {
  if (inNode()) return (await import('../hosts/node-workers.js')).machineThreads();
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return Number.isInteger(cores) && cores! >= 1 ? cores : undefined;
}

/** The runner picker of a run with these `workers` and, optionally, a parallel runner of the caller's. */
export function foldThreads(workers: number | 'auto', parallel?: FoldRunner): PickRunner {
  return (nJobs, serialEstimateMs, warnings) => chooseRunner(workers, nJobs, serialEstimateMs, warnings, parallel);
}

/**
 * Parallel folds when asked for (or when 'auto' finds they pay): the given runner, else Node's
 * threads; else in turn. The thread count is at most the machine's parallelism and the fold
 * fits; an explicit count lowered to that says so in `warnings`.
 */
async function chooseRunner(
  workers: number | 'auto',
  nJobs: number,
  serialEstimateMs: number,
  warnings: string[],
  parallel?: FoldRunner,
): Promise<{ runner: FoldRunner; threads?: number }> {
  const serial = { runner: serialFolds };
  if (workers === 1 || (workers === 'auto' && serialEstimateMs < AUTO_PARALLEL_MS)) return serial;
  if (!parallel && !inNode()) return serial;
  const machine = (await machineThreads()) ?? Number.POSITIVE_INFINITY;
  let threads: number;
  if (workers === 'auto') {
    threads = Math.min(machine, AUTO_MAX_THREADS, nJobs);
  } else {
    threads = Math.min(workers, machine, nJobs);
    if (threads < workers) {
      const why = threads === nJobs ? `the number of fold fits (folds × α = ${nJobs})` : `the machine's available parallelism (${machine})`;
      warnings.push(`workers: ${workers} lowered to ${threads}, ${why}`);
    }
  }
  if (threads <= 1) return serial;
  if (parallel) return { runner: parallel, threads };
  const { workerFolds, workersAvailable } = await import('../hosts/node-workers.js');
  if (workers === 'auto' && !workersAvailable()) return serial;
  return { runner: workerFolds(threads), threads };
}
