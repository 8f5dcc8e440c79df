// The flags of `fit --loss multinomial` and `cv --loss multinomial` as the library's
// MultinomialOptions. What the multinomial fit does not take is refused here, before any file
// is read, naming the flag and why (exit 2, one line); the rest is toFitOptions' parsing.

import { InputError } from '../errors.js';
import { LOSS_PARAMS } from '../losses/registry.js';
import type { MultinomialOptions, MultinomialType } from '../problem/types.js';
import { type FitFlags, toFitOptions } from './options.js';

const PENALTY = 'the multinomial loss takes the elastic net (--alpha); --type-multinomial grouped gives a group penalty across the classes';
const RELAX = 'the relaxed fit is not implemented for it';

/** Each refused flag: whether it was given, and why it is refused. */
function refusals(flags: FitFlags): [string, boolean, string][] {
  return [
    ['--offset', flags.offset !== undefined, 'it would need one offset per row and class'],
    ['--offset-file', flags.offsetFile !== undefined, 'it would need one offset per row and class'],
    ['--stream', flags.stream === true, 'only the squared loss is fitted from sums in one pass'],
    ['--breakpoints', flags.breakpoints === true, 'it is for the absolute and quantile losses'],
    ['--relax', flags.relax === true, RELAX],
    ['--gamma-relax', flags.gammaRelax !== undefined, RELAX],
    ['--penalty', flags.penalty !== undefined && flags.penalty !== 'enet', PENALTY],
    ['--gamma', flags.gamma !== undefined, PENALTY],
    ['--groups', flags.groups !== undefined, PENALTY],
    ['--groups-file', flags.groupsFile !== undefined, PENALTY],
    ...LOSS_PARAMS.map(({ key }): [string, boolean, string] => [`--${key}`, flags[key] !== undefined, `a parameter of another loss`]),
    ['--polish', flags.polish === true, 'its batched λ are finished by the float64 batched iteration, not polished by coordinate descent'],
  ];
}

/** Refuses the first flag the multinomial fit does not take. */
function checkMultinomialFlags(flags: FitFlags): void {
  for (const [flag, given, why] of refusals(flags)) {
    if (given) throw new InputError(`option ${flag}: not available with --loss multinomial (${why})`);
  }
}

/** The library's options of a multinomial fit (after checkMultinomialFlags). */
export function toMultinomialOptions(flags: FitFlags): MultinomialOptions {
  checkMultinomialFlags(flags);
  const { penalty: _penalty, ...rest } = toFitOptions(flags);
  const options: MultinomialOptions = { ...rest, loss: 'multinomial' };
  if (flags.typeMultinomial !== undefined) options.multinomial = flags.typeMultinomial as MultinomialType;
  return options;
}
