// Turns the strings of `proxpath fit` into typed FitOptions. Only the syntax is checked here
// (is it a number, a list of numbers); what values are allowed is fitPath's business.

import { InputError, show } from '../errors.js';
import { LOSS_NAMES, LOSS_PARAMS } from '../losses/registry.js';
import type { LossParamKey } from '../losses/types.js';
import type { BackendName, FitOptions, LossName, PenaltyOption, SolverName } from '../problem/types.js';

/** --loss: the registry's losses, and multinomial (a fit of its own: multinomial-flags.ts). */
export const LOSSES: readonly string[] = [...LOSS_NAMES, 'multinomial'];
/** --type-multinomial: glmnet's type.multinomial. */
export const MULTINOMIAL_TYPES: readonly string[] = ['ungrouped', 'grouped'];
export { PENALTY_NAMES as PENALTIES } from '../penalties/registry.js';
export const BACKENDS: readonly BackendName[] = ['auto', 'webgpu', 'cpu'];
export const SOLVERS: readonly SolverName[] = ['auto', 'cd', 'batched'];

/**
 * The flags of `proxpath fit` as commander gives them (strings, or booleans for switches); each
 * loss parameter is a flag of its key (--delta).
 */
export interface FitFlags extends Partial<Record<LossParamKey, string>> {
  target?: string;
  weights?: string;
  /** --offset: the offset column (glmnet's offset). */
  offset?: string;
  loss?: string;
  /** --type-multinomial: ungrouped or grouped (loss multinomial only). */
  typeMultinomial?: string;
  penalty?: string;
  gamma?: string;
  groups?: string;
  groupsFile?: string;
  alpha?: string;
  nlambda?: string;
  lambdaMinRatio?: string;
  lambda?: string;
  penaltyFactor?: string;
  lower?: string;
  upper?: string;
  standardize?: boolean;
  intercept?: boolean;
  tol?: string;
  maxIter?: string;
  dfmax?: string;
  pmax?: string;
  exclude?: string;
  backend?: string;
  solver?: string;
  polish?: boolean;
  /** fit only: trace the exact path's breakpoints. */
  breakpoints?: boolean;
  /** fit only: the squared loss from one streamed pass over a CSV (stream-fit.ts). */
  stream?: boolean;
  /** The relaxed fit (glmnet's relax = TRUE) and its γ grid. */
  relax?: boolean;
  gammaRelax?: string;
  dropIncomplete?: boolean;
  /** The data file's format (input-format.ts), and the target, weights and offset files of sparse formats. */
  inputFormat?: string;
  y?: string;
  weightsFile?: string;
  offsetFile?: string;
  out?: string;
  /** json or table (deliver.ts); default by whether stdout is a terminal. */
  format?: string;
}

/** The flags of `proxpath cv`: fit's, and the folds, the measure and the workers. */
export interface CvFlags extends FitFlags {
  folds?: string;
  foldid?: string;
  seed?: string;
  stratify?: boolean;
  measure?: string;
  alignment?: string;
  workers?: string;
}

/** The command-line flag of each FitOptions key, to speak of options as the user typed them. */
export const FLAGS: Record<string, string> = {
  loss: '--loss',
  multinomial: '--type-multinomial',
  ...Object.fromEntries(LOSS_PARAMS.map(({ key }) => [key, `--${key}`])),
  penalty: '--penalty',
  'penalty.gamma': '--gamma',
  'penalty.groups': '--groups',
  alpha: '--alpha',
  lambda: '--lambda',
  nLambda: '--nlambda',
  lambdaMinRatio: '--lambda-min-ratio',
  penaltyFactor: '--penalty-factor',
  lower: '--lower',
  upper: '--upper',
  'lower/upper': '--lower/--upper',
  tol: '--tol',
  maxIter: '--max-iter',
  dfmax: '--dfmax',
  pmax: '--pmax',
  exclude: '--exclude',
  backend: '--backend',
  solver: '--solver',
  polish: '--polish',
  breakpoints: '--breakpoints',
  relax: '--relax',
  gammaRelax: '--gamma-relax',
  // proxpath cv
  alphas: '--alpha',
  folds: '--folds',
  foldId: '--foldid',
  seed: '--seed',
  stratify: '--stratify',
  measure: '--measure',
  workers: '--workers',
};

/** A library message's `option nLambda:` restated as the flag the user typed, `option --nlambda:`. */
export function inFlagTerms(message: string): string {
  return message.replace(/^option ([\w./]+):/, (all, key: string) => (FLAGS[key] ? `option ${FLAGS[key]}:` : all));
}

// A plain decimal number, and the spellings of ±∞ accepted where infinity makes sense.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)(inf|infinity)$/i;

/** The number `text` spells, or undefined; `allowInfinite` accepts inf, -inf, Infinity, -Infinity. */
function toNumber(text: string, allowInfinite: boolean): number | undefined {
  const s = text.trim();
  if (NUMBER.test(s)) return Number(s);
  const inf = allowInfinite ? INFINITY.exec(s) : null;
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  return undefined;
}

const expected = (allowInfinite: boolean): string => (allowInfinite ? 'a number, inf or -inf' : 'a number');

/** Parses one number, which must be the whole of `text`. */
export function parseNumber(option: string, text: string, allowInfinite = false): number {
  const value = toNumber(text, allowInfinite);
  if (value === undefined) {
    throw new InputError(`option ${option}: value ${show(text)} is not ${expected(allowInfinite)}`);
  }
  return value;
}

/** Parses a comma-separated list of numbers (one value is a list of one). */
export function parseList(option: string, text: string, allowInfinite = false): number[] {
  return text.split(',').map((item, i) => {
    const value = toNumber(item, allowInfinite);
    if (value === undefined) {
      const what = item.trim() === '' ? 'is empty' : `${show(item.trim())} is not ${expected(allowInfinite)}`;
      throw new InputError(`option ${option}: value ${show(text)}: item ${i + 1} ${what}`);
    }
    return value;
  });
}

/** A bound is one value for all coefficients, or a list of p values. */
function parseBound(option: string, text: string): number | number[] {
  const values = parseList(option, text, true);
  return text.includes(',') ? values : values[0];
}

/** --penalty, --gamma and --groups as the library's penalty option (undefined: none given). */
function penaltyOf(flags: FitFlags): PenaltyOption | undefined {
  if (flags.penalty === undefined && flags.gamma === undefined && flags.groups === undefined) return undefined;
  const penalty: PenaltyOption = { name: (flags.penalty ?? 'enet') as PenaltyOption['name'] };
  if (flags.gamma !== undefined) penalty.gamma = parseNumber('--gamma', flags.gamma);
  if (flags.groups !== undefined) {
    if (flags.groupsFile !== undefined) throw new InputError('option --groups: give --groups or --groups-file, not both');
    penalty.groups = flags.groups.split(',').map((label) => label.trim());
  }
  return penalty;
}

/** Builds FitOptions from the flags; options not given are left for fitPath's defaults. */
export function toFitOptions(flags: FitFlags): FitOptions {
  const options: FitOptions = {};
  if (flags.typeMultinomial !== undefined && flags.loss !== 'multinomial') {
    throw new InputError(`option --type-multinomial: only with --loss multinomial (the loss is ${flags.loss ?? 'squared'})`);
  }
  if (flags.loss !== undefined) options.loss = flags.loss as LossName;
  for (const { key } of LOSS_PARAMS) {
    const text = flags[key];
    if (text !== undefined) options[key] = parseNumber(`--${key}`, text);
  }
  const penalty = penaltyOf(flags);
  if (penalty) options.penalty = penalty;
  if (flags.alpha !== undefined) options.alpha = parseNumber('--alpha', flags.alpha);
  if (flags.nlambda !== undefined) options.nLambda = parseNumber('--nlambda', flags.nlambda);
  if (flags.lambdaMinRatio !== undefined) {
    options.lambdaMinRatio = parseNumber('--lambda-min-ratio', flags.lambdaMinRatio);
  }
  if (flags.lambda !== undefined) options.lambda = parseList('--lambda', flags.lambda);
  if (flags.penaltyFactor !== undefined) {
    options.penaltyFactor = parseList('--penalty-factor', flags.penaltyFactor, true);
  }
  if (flags.lower !== undefined) options.lower = parseBound('--lower', flags.lower);
  if (flags.upper !== undefined) options.upper = parseBound('--upper', flags.upper);
  if (flags.standardize === false) options.standardize = false;
  if (flags.intercept === false) options.intercept = false;
  if (flags.tol !== undefined) options.tol = parseNumber('--tol', flags.tol);
  if (flags.maxIter !== undefined) options.maxIter = parseNumber('--max-iter', flags.maxIter);
  if (flags.dfmax !== undefined) options.dfmax = parseNumber('--dfmax', flags.dfmax);
  if (flags.pmax !== undefined) options.pmax = parseNumber('--pmax', flags.pmax);
  // --exclude: feature names, or 1-based column positions among the features (as glmnet's).
  if (flags.exclude !== undefined) options.exclude = flags.exclude.split(',').map((item) => (/^\d+$/.test(item.trim()) ? Number(item) : item.trim()));
  if (flags.backend !== undefined) options.backend = flags.backend as BackendName;
  if (flags.solver !== undefined) options.solver = flags.solver as SolverName;
  if (flags.polish) options.polish = true;
  if (flags.breakpoints) options.breakpoints = true;
  if (flags.relax) options.relax = true;
  if (flags.gammaRelax !== undefined) options.gammaRelax = parseList('--gamma-relax', flags.gammaRelax);
  return options;
}
