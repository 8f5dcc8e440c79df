// Errors a user can act on. The CLI maps InputError to exit status 2 and prints its message.

/** Bad input data or options: the message names the row, column, option and value. */
export class InputError extends Error {
  override name = 'InputError';
}

/** The fit was stopped by its AbortSignal. */
export class AbortError extends Error {
  override name = 'AbortError';
}

/** Formats a number or list for an error message without flooding the terminal. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n (a BigInt)`;
  if (Array.isArray(value)) {
    const head = value.slice(0, 5).map(show).join(',');
    return value.length > 5 ? `[${head},… (${value.length} values)]` : `[${head}]`;
  }
  return String(value);
}
