// Lists of numbers from the caller, taken strictly: `Number(null)` is 0 and `Number('3')` is 3,
// so a plain conversion would let a missing or mistyped value through as a plausible number.
// Every entry must be a number (a typed array is one by construction).

import { InputError } from '../errors.js';

/**
 * The values as float64; throws InputError with `describe(i, value)` (i 0-based) at the first
 * entry that is not a number.
 */
export function strictNumbers(value: ArrayLike<unknown>, describe: (i: number, value: unknown) => string): Float64Array {
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) {
    // BigInts do not convert to numbers implicitly: name the first one.
    throw new InputError(describe(0, value[0]));
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Float64Array.from(value as ArrayLike<number>);
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'number') throw new InputError(describe(i, v));
    out[i] = v;
  }
  return out;
}
