// Checks data and options once, at the public entry, and turns them into a Problem.
// Everything below this module assumes valid input.

import { LOSS_PARAMS, lossSpec, ownParams } from '../losses/registry.js';
import type { Loss, LossParams } from '../losses/types.js';
import { InputError, show } from '../errors.js';
import { strictNumbers } from './numbers.js';
import { checkMatrix, type MatrixInput } from './matrix.js';
import { firstRepeat } from './distinct-names.js';
import { type CscMatrix, checkSparse, isSparse } from './sparse-matrix.js';
import { checkedPenalty, type ProblemPenalty } from './penalty-option.js';
import { checkedPathLimits, markExcluded, type PathLimits } from './path-limits-option.js';
import { checkedBreakpoints } from './breakpoints-option.js';
import { checkedRelax, RELAX_OPTION_KEYS } from './relax-option.js';
import { batchedSolves } from '../penalties/types.js';
import type { BackendName, Dataset, FitOptions, LossName, SolverName } from './types.js';

export interface Problem {
  nSamples: number;
  nFeatures: number;
  /**
   * The user's nSamples × nFeatures matrix, checked (finite, right shape): a dense one as given (not
   * copied), a sparse one as canonical CSC (the input itself when it was one, else converted once).
   */
  X: MatrixInput | CscMatrix;
  /** nSamples responses. */
  y: Float64Array;
  /** nSamples observation weights ≥ 0, normalized to sum to nSamples. */
  weights: Float64Array;
  /**
   * nSamples offsets the solvers add to the linear predictor, η = offset + b̃0 + X̃β̃, or null. A
   * residual loss's offset is folded into y instead (y holds y − offset; offset is null then).
   */
  offset: Float64Array | null;
  /** Whether the data had an offset (folded into y or not): the result records it. */
  hasOffset: boolean;
  loss: Loss;
  lossName: LossName;
  /** The values of the loss's own parameters (its spec's), for the result's summary: δ for huber. */
  lossParameter: LossParams;
  alpha: number;
  /** The penalty's spec, γ and groups. */
  penalty: ProblemPenalty;
  /** nFeatures penalty factors, rescaled to sum to nFeatures as glmnet does (excluded count as 1). */
  penaltyFactor: Float64Array;
  /** 1 where a feature is excluded (penalty factor ∞): its coefficient stays 0. */
  excluded: Uint8Array;
  /** nFeatures bounds on the original-scale coefficients; lower ≤ 0 ≤ upper. */
  lower: Float64Array;
  upper: Float64Array;
  standardize: boolean;
  intercept: boolean;
  tol: number;
  maxIter: number;
  /** User λ values, descending, or null for the default sequence. */
  userLambda: Float64Array | null;
  /** glmnet's dfmax and pmax (null: no limit): where the path ends early (solvers/path-limits.ts). */
  limits: PathLimits;
  nLambda: number;
  lambdaMinRatio: number;
  featureNames: string[];
  /** The CPU method asked for: 'cd' or 'batched' ('auto' resolved). */
  solver: Exclude<SolverName, 'auto'>;
  backend: BackendName;
  /** Finish batched solutions by float64 coordinate descent. */
  polish: boolean;
  /** Trace the exact path's breakpoints (absolute / quantile loss with the lasso, CPU). */
  breakpoints: boolean;
  /** The relaxed fit's γ grid (option relax), or null: no refits. */
  relax: number[] | null;
}

const KNOWN_OPTIONS = new Set([
  'loss', ...LOSS_PARAMS.map((param) => param.key), 'penalty', 'alpha', 'lambda', 'nLambda', 'lambdaMinRatio', 'penaltyFactor', 'lower',
  'upper', 'standardize', 'intercept', 'tol', 'maxIter', 'dfmax', 'pmax', 'exclude', 'backend', 'solver', 'polish', 'breakpoints', 'device', 'signal',
  'onProgress',
]);
for (const key of RELAX_OPTION_KEYS) KNOWN_OPTIONS.add(key);

function numberOption(options: FitOptions, key: keyof FitOptions, fallback: number): number {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new InputError(`option ${key}: ${show(value)} is not a number`);
  }
  return value;
}

/** Every loss parameter given in the options, checked whatever the loss (a bad δ is refused for any). */
function lossParamOptions(options: FitOptions): LossParams {
  const given: LossParams = {};
  for (const param of LOSS_PARAMS) {
    const value = numberOption(options, param.key, param.default);
    const problem = param.check(value);
    if (problem !== undefined) throw new InputError(`option ${param.key}: ${show(value)} ${problem}`);
    given[param.key] = value;
  }
  return given;
}

function booleanOption(options: FitOptions, key: keyof FitOptions, fallback: boolean): boolean {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InputError(`option ${key}: ${show(value)} is not true or false`);
  return value;
}

function vectorOf(name: string, value: number | ArrayLike<number>, names: string[]): Float64Array {
  const p = names.length;
  if (typeof value === 'number') return new Float64Array(p).fill(value);
  if (value === null || typeof value !== 'object' || typeof value.length !== 'number') {
    throw new InputError(`option ${name}: ${show(value)} is not a number or a list of numbers`);
  }
  if (value.length !== p) {
    throw new InputError(`option ${name}: ${value.length} values given, expected one per feature (${p})`);
  }
  return strictNumbers(value, (j, v) => `option ${name}: ${show(v)} for feature ${names[j]} is not a number`);
}

function checkBounds(lower: Float64Array, upper: Float64Array, names: string[]): void {
  for (let j = 0; j < lower.length; j++) {
    if (Number.isNaN(lower[j]) || lower[j] > 0) {
      throw new InputError(`option lower: ${show(lower[j])} for feature ${names[j]} must be ≤ 0 (or -inf)`);
    }
    if (Number.isNaN(upper[j]) || upper[j] < 0) {
      throw new InputError(`option upper: ${show(upper[j])} for feature ${names[j]} must be ≥ 0 (or inf)`);
    }
  }
}

function penaltyFactors(value: ArrayLike<number> | undefined, names: string[]) {
  const p = names.length;
  const raw = value === undefined ? new Float64Array(p).fill(1) : vectorOf('penaltyFactor', value, names);
  const excluded = new Uint8Array(p);
  let sum = 0;
  for (let j = 0; j < p; j++) {
    if (!(raw[j] >= 0)) {
      throw new InputError(`option penaltyFactor: ${show(raw[j])} for feature ${names[j]} must be ≥ 0`);
    }
    if (raw[j] === Infinity) {
      excluded[j] = 1;
      raw[j] = 1; // glmnet: excluded variables count as 1 in the rescaling
    }
    sum += raw[j];
  }
  // glmnet rescales the factors to sum to p; all zeros means nothing is penalized. Factors
  // near float64's largest overflow their sum: only their ratios matter, so divide by the
  // largest first.
  if (sum === Infinity) sum = scaleByLargest(raw);
  if (sum > 0) for (let j = 0; j < p; j++) raw[j] *= p / sum;
  return { penaltyFactor: raw, excluded };
}

/** Divides `values` (finite, ≥ 0) by their largest and returns their new sum. */
function scaleByLargest(values: Float64Array): number {
  let largest = 0;
  for (const v of values) largest = Math.max(largest, v);
  let sum = 0;
  for (let j = 0; j < values.length; j++) sum += (values[j] /= largest);
  return sum;
}

/**
 * Most λ values a path may have: each costs nFeatures coefficients in memory and in the
 * result, and a grid finer than this changes nothing a user can see.
 */
export const MAX_LAMBDAS = 10_000;
/** Most coefficients (λ values × features) a path may hold: 2^27 float64 values, 1 GiB. */
export const MAX_PATH_COEFFICIENTS = 2 ** 27;

function checkPathSize(nLambda: number, p: number, what: string): void {
  if (nLambda * p > MAX_PATH_COEFFICIENTS) {
    const gib = ((nLambda * p * 8) / 2 ** 30).toPrecision(3);
    throw new InputError(
      `${what}: ${nLambda} λ values × ${p} features would hold ${gib} GiB of coefficients (at most 1 GiB): use fewer λ values`,
    );
  }
}

function lambdaList(value: unknown): Float64Array {
  if (typeof value === 'number') value = [value]; // one λ from plain JavaScript, as glmnet's lambda = 0.1
  if (value === null || typeof value !== 'object' || typeof (value as { length?: unknown }).length !== 'number') {
    throw new InputError(`option lambda: ${show(value)} is not a number or a list of numbers`);
  }
  const lambda = strictNumbers(value as ArrayLike<unknown>, (k, v) => `option lambda: value ${k + 1} is ${show(v)}, not a number`);
  if (lambda.length === 0) throw new InputError('option lambda: the list is empty');
  if (lambda.length > MAX_LAMBDAS) throw new InputError(`option lambda: ${lambda.length} values given; at most ${MAX_LAMBDAS}`);
  for (let k = 0; k < lambda.length; k++) {
    if (!(lambda[k] >= 0) || lambda[k] === Infinity) {
      throw new InputError(`option lambda: value ${k + 1} is ${show(lambda[k])}; λ must be finite and ≥ 0`);
    }
  }
  return lambda.sort().reverse();
}

/** Feature names: p distinct strings (a saved fit finds its columns by them). */
function checkedNames(value: unknown, p: number): string[] {
  if (value === undefined) return Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (!Array.isArray(value)) throw new InputError(`featureNames: ${show(value)} is not a list of names`);
  if (value.length !== p) throw new InputError(`featureNames: ${value.length} names given, expected ${p}`);
  value.forEach((name: unknown, j) => {
    if (typeof name !== 'string') throw new InputError(`featureNames: name ${j + 1} is ${show(name)}, not a string`);
  });
  const names = value as string[];
  const repeat = firstRepeat(names);
  if (repeat) throw new InputError(`featureNames: ${show(names[repeat[1]])} names features ${repeat[0] + 1} and ${repeat[1] + 1}; names must be distinct`);
  return names;
}

/** The smallest positive normal float64: below it a sum has lost precision. */
const MIN_NORMAL = 2.2250738585072014e-308;

function checkedWeights(value: ArrayLike<number> | undefined, n: number): Float64Array {
  if (value === undefined) return new Float64Array(n).fill(1);
  if (value.length !== n) throw new InputError(`weights: ${value.length} values given, expected ${n} (one per row)`);
  const w = strictNumbers(value, (i, v) => `weights: row ${i + 1} has weight ${show(v)}, not a number`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!(w[i] >= 0) || w[i] === Infinity) {
      throw new InputError(`weights: row ${i + 1} has weight ${show(w[i])}; weights must be finite and ≥ 0`);
    }
    sum += w[i];
  }
  if (sum === 0) throw new InputError('weights: all weights are 0');
  // Only ratios matter: weights whose sum overflows (1e308 each) or that are all subnormal
  // (1e-320) are divided by the largest first, which makes them ordinary numbers.
  if (sum === Infinity || sum < MIN_NORMAL) sum = scaleByLargest(w);
  for (let i = 0; i < n; i++) w[i] *= n / sum;
  return w;
}

/** The offsets, checked: one finite number per row. */
function checkedOffset(value: ArrayLike<number> | undefined, n: number): Float64Array | null {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object' || typeof value.length !== 'number') {
    throw new InputError(`offset: ${show(value)} is not a list of numbers (one per row)`);
  }
  if (value.length !== n) throw new InputError(`offset: ${value.length} values given, expected ${n} (one per row)`);
  const offset = strictNumbers(value, (i, v) => `offset: row ${i + 1} is ${show(v)}, not a finite number`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(offset[i])) throw new InputError(`offset: row ${i + 1} is ${show(offset[i])}, not a finite number`);
  }
  return offset;
}

/**
 * The response and offset the solvers see: a residual loss's offset folded into y (y − offset,
 * exact: its null model, λ_max and deviances are then those of y − offset, as glmnet's gaussian
 * family computes them); any other loss keeps both, and its solvers add the offset to η.
 */
function foldOffset(loss: Loss, y: Float64Array, offset: Float64Array | null): { y: Float64Array; offset: Float64Array | null } {
  if (!offset || !loss.residual) return { y, offset };
  for (let i = 0; i < y.length; i++) y[i] -= offset[i];
  return { y, offset: null };
}

/** A GPUDevice as far as the solver needs one (a plain object with a `queue` is not). */
export function isGpuDevice(device: unknown): device is GPUDevice {
  const d = device as Partial<GPUDevice> | null;
  return (
    typeof d === 'object' && d !== null && typeof d.createBuffer === 'function' &&
    typeof d.createComputePipeline === 'function' && typeof d.queue?.submit === 'function'
  );
}

function checkCallbacks(options: FitOptions): void {
  const { signal, onProgress } = options;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean')) {
    throw new InputError(`option signal: ${show(signal)} is not an AbortSignal`);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new InputError(`option onProgress: ${show(onProgress)} is not a function`);
  }
}

export function validate(data: Dataset, options: FitOptions = {}): Problem {
  if (typeof options !== 'object' || options === null) throw new InputError('options must be an object');
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw new InputError(`unknown option ${show(key)}`);
  }
  if (!data || typeof data !== 'object') throw new InputError('data must be {X, y, weights?, offset?}');
  const lossName = (options.loss ?? 'squared') as LossName;
  const givenParams = lossParamOptions(options);
  const spec = lossSpec(lossName);
  const lossParameter = ownParams(spec, givenParams);
  const loss = spec.make(lossParameter);

  const X = isSparse(data.X) ? checkSparse(data.X, 'X') : data.X;
  const { nRows: n, nCols: p } = isSparse(X) ? X : checkMatrix(X, 'X');
  if (p === 0) throw new InputError('X has no feature columns (p = 0)');
  if (n < 2) throw new InputError(`X has ${n} row${n === 1 ? '' : 's'}; at least 2 are needed`);
  if (!data.y || data.y.length !== n) {
    throw new InputError(`y has ${data.y?.length ?? 0} values, expected ${n} (one per row of X)`);
  }
  const y = strictNumbers(data.y, (i, v) => `y: row ${i + 1} is ${show(v)}, not a finite number`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw new InputError(`y: row ${i + 1} is ${show(data.y[i])}, not a finite number`);
  }
  const weights = checkedWeights(data.weights, n);
  loss.checkResponse(y, weights);
  const given = checkedOffset(data.offset, n);
  const { offset } = foldOffset(loss, y, given);

  const featureNames = checkedNames(data.featureNames, p);

  const { penaltyFactor, excluded } = penaltyFactors(options.penaltyFactor, featureNames);
  markExcluded(options, featureNames, excluded);
  const penalty = checkedPenalty(options, featureNames, penaltyFactor, excluded);
  if (!loss.smooth && !penalty.spec.traits.lpExact && !penalty.spec.coordinate?.slope) {
    throw new InputError(`option penalty: ${penalty.spec.name} needs a differentiable loss; loss ${lossName} is solved exactly only with separable penalties`);
  }
  const alpha = numberOption(options, 'alpha', penalty.spec.defaultAlpha);
  if (!(alpha >= 0 && alpha <= 1)) throw new InputError(`option alpha: ${show(alpha)} must be in [0, 1]`);
  const nLambda = numberOption(options, 'nLambda', 100);
  if (!Number.isInteger(nLambda) || nLambda < 1 || nLambda > MAX_LAMBDAS) {
    throw new InputError(`option nLambda: ${show(nLambda)} must be an integer from 1 to ${MAX_LAMBDAS}`);
  }
  const lambdaMinRatio = numberOption(options, 'lambdaMinRatio', n > p ? 1e-4 : 1e-2);
  if (!(lambdaMinRatio > 0 && lambdaMinRatio < 1)) {
    throw new InputError(`option lambdaMinRatio: ${show(lambdaMinRatio)} must be in (0, 1)`);
  }
  const tol = numberOption(options, 'tol', 1e-7);
  if (!(tol > 0 && tol < 1)) throw new InputError(`option tol: ${show(tol)} must be in (0, 1)`);
  const maxIter = numberOption(options, 'maxIter', 100_000);
  if (!Number.isInteger(maxIter) || maxIter < 1) {
    throw new InputError(`option maxIter: ${show(maxIter)} must be an integer ≥ 1`);
  }
  const backend = options.backend ?? 'auto';
  if (!['auto', 'webgpu', 'cpu'].includes(backend)) {
    throw new InputError(`option backend: ${show(backend)} must be auto, webgpu or cpu`);
  }

  const solver = options.solver ?? 'auto';
  if (!['auto', 'cd', 'batched'].includes(solver)) {
    throw new InputError(`option solver: ${show(solver)} must be auto, cd or batched`);
  }
  if (solver === 'cd' && backend === 'webgpu') {
    throw new InputError('option solver: "cd" runs on the CPU; backend "webgpu" runs the batched iteration (use solver auto or batched)');
  }
  if (!batchedSolves(penalty.spec, loss.smooth) && (solver === 'batched' || backend === 'webgpu')) {
    const option = backend === 'webgpu' ? 'backend' : 'solver';
    throw new InputError(
      `option ${option}: "${backend === 'webgpu' ? 'webgpu' : 'batched'}": penalty ${penalty.spec.name} with loss ${lossName} runs only on the CPU's coordinate descent (the batched iteration has no step for it)`,
    );
  }
  if (options.device !== undefined && typeof options.device !== 'function' && !isGpuDevice(options.device)) {
    throw new InputError('option device: not a GPUDevice (nor a function that gives one)');
  }
  checkCallbacks(options);

  const lower = vectorOf('lower', options.lower ?? -Infinity, featureNames);
  const upper = vectorOf('upper', options.upper ?? Infinity, featureNames);
  checkBounds(lower, upper, featureNames);

  const userLambda = options.lambda === undefined ? null : lambdaList(options.lambda);
  checkPathSize(userLambda?.length ?? nLambda, p, userLambda ? 'option lambda' : 'option nLambda');

  return {
    nSamples: n,
    nFeatures: p,
    X,
    y,
    weights,
    offset,
    hasOffset: given !== null,
    loss,
    lossName,
    lossParameter,
    alpha,
    penalty,
    penaltyFactor,
    excluded,
    lower,
    upper,
    standardize: booleanOption(options, 'standardize', true),
    intercept: booleanOption(options, 'intercept', true),
    tol,
    maxIter,
    userLambda,
    limits: checkedPathLimits(options),
    nLambda,
    lambdaMinRatio,
    featureNames,
    // Coordinate descent is the fastest CPU method measured for every loss (bench/robust).
    solver: solver === 'batched' ? 'batched' : 'cd',
    backend,
    polish: booleanOption(options, 'polish', false),
    breakpoints: checkedBreakpoints(options, loss, lossName, penalty, alpha),
    relax: checkedRelax(options),
  };
}
