// The benchmark's configuration from command-line values: a preset (default, --large, --tiny)
// with any list given on the command line in its place. Bad values are InputErrors that name
// the option and the value.

import { LOSS_NAMES } from '../losses/registry.js';
import { InputError, show } from '../errors.js';
import type { LossName } from '../problem/types.js';
import { DEFAULT_CONFIG, LARGE_CONFIG, TINY_CONFIG } from './matrix.js';
import { DEFAULT_PROJECTION, type GpuProjection } from './projection.js';
import { type BenchConfig, RUNNER_NAMES, type RunnerName } from './types.js';

export interface BenchFlags {
  large?: boolean;
  tiny?: boolean;
  n?: string;
  p?: string;
  nlambda?: string;
  loss?: string;
  alpha?: string;
  folds?: string;
  design?: string;
  backends?: string;
  repeats?: string;
  maxCaseSeconds?: string;
  lambdaMinRatio?: string;
  seed?: string;
  dawnTimeout?: string;
  cpuTimeout?: string;
  budget?: string;
  projectFlops?: string;
  projectBandwidth?: string;
  projectSubmit?: string;
  projectReadback?: string;
  projectStep?: string;
}

function numbers(option: string, text: string, check: (v: number) => boolean, what: string): number[] {
  const values = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (values.length === 0) throw new InputError(`option ${option}: give at least one value`);
  return values.map((s) => {
    const v = Number(s);
    if (!check(v)) throw new InputError(`option ${option}: ${show(s)} is not ${what}`);
    return v;
  });
}

const positiveInts = (option: string, text: string) => numbers(option, text, (v) => Number.isInteger(v) && v >= 1, 'an integer ≥ 1');

function names<T extends string>(option: string, text: string, allowed: readonly T[]): T[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    if (!allowed.includes(s as T)) throw new InputError(`option ${option}: ${show(s)} is not one of ${allowed.join(', ')}`);
    return s as T;
  });
}

/** The projection's five figures: the defaults, or those given (each a number > 0). */
function projection(flags: BenchFlags): GpuProjection {
  const one = (option: string, text: string | undefined, fallback: number) =>
    text === undefined ? fallback : numbers(option, text, (v) => v > 0 && Number.isFinite(v), 'a number > 0')[0];
  return {
    flopsPerSecond: one('--project-flops', flags.projectFlops, DEFAULT_PROJECTION.flopsPerSecond),
    bytesPerSecond: one('--project-bandwidth', flags.projectBandwidth, DEFAULT_PROJECTION.bytesPerSecond),
    secondsPerSubmit: one('--project-submit', flags.projectSubmit, DEFAULT_PROJECTION.secondsPerSubmit),
    secondsPerReadback: one('--project-readback', flags.projectReadback, DEFAULT_PROJECTION.secondsPerReadback),
    secondsPerModelStep: one('--project-step', flags.projectStep, DEFAULT_PROJECTION.secondsPerModelStep),
  };
}

export function benchConfig(flags: BenchFlags): BenchConfig {
  if (flags.large && flags.tiny) throw new InputError('options --large and --tiny: choose one');
  const base = flags.large ? LARGE_CONFIG : flags.tiny ? TINY_CONFIG : DEFAULT_CONFIG;
  const config: BenchConfig = { ...base };
  if (flags.n) config.nSamples = positiveInts('--n', flags.n);
  if (flags.p) config.nFeatures = positiveInts('--p', flags.p);
  if (flags.nlambda) config.nLambdas = positiveInts('--nlambda', flags.nlambda);
  if (flags.loss) config.losses = names<LossName>('--loss', flags.loss, LOSS_NAMES);
  if (flags.alpha) config.alphas = numbers('--alpha', flags.alpha, (v) => v >= 0 && v <= 1, 'in [0, 1]');
  if (flags.folds) config.folds = numbers('--folds', flags.folds, (v) => v === 0 || (Number.isInteger(v) && v >= 3), '0 (no CV) or an integer ≥ 3');
  if (flags.design) config.design = names('--design', flags.design, ['star', 'grid'] as const)[0];
  if (flags.backends) config.runners = [...new Set(names<RunnerName>('--backends', flags.backends, RUNNER_NAMES))];
  if (flags.repeats) config.repeats = positiveInts('--repeats', flags.repeats)[0];
  if (flags.maxCaseSeconds) config.maxCaseSeconds = numbers('--max-case-seconds', flags.maxCaseSeconds, (v) => v > 0, 'a number > 0')[0];
  if (flags.lambdaMinRatio) config.lambdaMinRatio = numbers('--lambda-min-ratio', flags.lambdaMinRatio, (v) => v > 0 && v < 1, 'in (0, 1)')[0];
  if (flags.seed) config.seed = numbers('--seed', flags.seed, Number.isInteger, 'an integer')[0];
  if (flags.dawnTimeout) config.dawnTimeoutSeconds = numbers('--dawn-timeout', flags.dawnTimeout, (v) => v > 0, 'a number > 0')[0];
  if (flags.cpuTimeout) config.cpuTimeoutSeconds = numbers('--cpu-timeout', flags.cpuTimeout, (v) => v > 0, 'a number > 0')[0];
  if (flags.budget) config.budgetSeconds = numbers('--budget', flags.budget, (v) => v > 0, 'a number > 0')[0];
  config.projection = projection(flags);
  for (const n of config.nSamples) {
    if (n < 10) throw new InputError(`option --n: ${n} is too few samples for a benchmark (at least 10)`);
    for (const folds of config.folds) if (folds > n) throw new InputError(`option --folds: ${folds} folds for ${n} samples`);
  }
  return config;
}
