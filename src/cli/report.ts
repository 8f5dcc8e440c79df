// Error reporting for the command line: a user's mistake is one line and exit status 2,
// anything else is an internal error with exit status 1 (stack only with PROXPATH_DEBUG=1).

import { CommanderError } from 'commander';
import { AbortError, InputError } from '../errors.js';

export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 1;
/** Stopped by SIGINT or SIGTERM (128 + SIGINT, the shell's convention). */
export const EXIT_ABORTED = 130;

/** One line, whatever the message holds. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

export function warn(message: string): void {
  process.stderr.write(`warning: ${oneLine(message)}\n`);
}

/** Prints `err` to stderr in the CLI's format and returns the exit status to use. */
export function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version end with a CommanderError too, with exit code 0.
    if (err.exitCode === 0) return 0;
    process.stderr.write(`error: ${oneLine(err.message.replace(/^error:\s*/, ''))}\n`);
    return EXIT_USAGE;
  }
  if (err instanceof InputError || (err instanceof Error && err.name === 'InputError')) {
    process.stderr.write(`error: ${oneLine(err.message)}\n`);
    return EXIT_USAGE;
  }
  if (err instanceof AbortError) {
    process.stderr.write(`error: ${oneLine(err.message)}\n`);
    return EXIT_ABORTED;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`internal error: ${oneLine(message)}\n`);
  if (process.env.PROXPATH_DEBUG === '1' && err instanceof Error && err.stack) {
    process.stderr.write(`${err.stack}\n`);
  }
  return EXIT_INTERNAL;
}
