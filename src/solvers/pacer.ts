// Long CPU solves stay interruptible: JavaScript runs one thing at a time, so an AbortSignal
// (a Ctrl-C in the CLI, a Cancel button on the page) is only seen once the solver lets the
// event loop run. The solvers ask the pacer at their loop heads; every `everyMs` of work it
// pauses for one macrotask and then throws AbortError if the signal has fired.
//
// A pause is an `await` at a point where the solver's state is complete: nothing is
// recomputed or restarted, so a paused solve gives the same bits as an unpaused one.

import { AbortError } from '../errors.js';

/** Work between two pauses: an abort is seen within about this long. */
export const PAUSE_EVERY_MS = 100;

/** One macrotask: timers, I/O and signal handlers run before the promise resolves. */
const macrotask: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0));

export class Pacer {
  private next: number;
  /** Pauses so far (tests count them). */
  pauses = 0;

  /** @param everyMs work between pauses (0: pause at every loop head) */
  constructor(
    private readonly signal?: AbortSignal,
    private readonly everyMs = PAUSE_EVERY_MS,
  ) {
    this.next = performance.now() + everyMs;
  }

  /** Throws AbortError if the signal has fired (no pause: for loop heads between λ). */
  check(): void {
    if (this.signal?.aborted) throw new AbortError('the fit was aborted');
  }

  /** True once a pause is due: loop heads test this, then `await pause()`. */
  due(): boolean {
    return performance.now() >= this.next;
  }

  /** Lets the event loop run once, then throws AbortError if the signal has fired meanwhile. */
  async pause(): Promise<void> {
    this.check();
    await macrotask();
    this.pauses++;
    this.check();
    this.next = performance.now() + this.everyMs;
  }

  /** Pauses if due (for places that run once per λ or per block, where the await is cheap). */
  async step(): Promise<void> {
    this.check();
    if (this.due()) await this.pause();
  }
}

/** A pacer that never pauses nor aborts (for solves too short to need one). */
export const NO_PAUSE = new Pacer(undefined, Number.POSITIVE_INFINITY);
