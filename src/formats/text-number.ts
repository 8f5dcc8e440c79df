// One number of a text format other than CSV (libsvm, Matrix Market, --y files): a plain
// decimal, finite in float64, by the CSV reader's rules; anything else is named in the message.

import { show } from '../errors.js';
import { shortDecimal } from './csv-number.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(inf|infinity|nan)$/i;

/** The value of `text`, or a string saying why it is not one (`value "abc" is not a number`). */
export function textNumber(text: string): number | string {
  const quick = shortDecimal(text);
  if (quick === quick) return quick;
  if (NUMBER.test(text)) {
    const value = Number(text);
    return value - value === 0 ? value : `value ${show(text)} is beyond float64's range`;
  }
  if (NOT_FINITE.test(text)) return `value ${show(text)} is not finite`;
  return `value ${show(text)} is not a number`;
}
