// The per-λ lists of a path solution (path.ts's PathSolution extends them), on their own so that
// what only walks them (path-limits.ts) needs nothing else of the path.

/** One λ's nonzero standardized coefficients: β̃[index[t]] = value[t], the others 0. */
export interface NonzeroCoefficients {
  nFeatures: number;
  index: Int32Array;
  value: Float64Array;
}

/**
 * One λ's standardized coefficients β̃: all nFeatures (a Float64Array), or only the nonzeros (wide
 * coordinate-descent paths keep these: a dense copy per λ costs nFeatures of fresh memory, which
 * at p = 100,000 and 100 λ took longer than the solves).
 */
export type Coefficients = Float64Array | NonzeroCoefficients;

/** Calls f(j, β̃_j) for every nonzero coefficient, j ascending. */
export function forEachNonzero(beta: Coefficients, f: (j: number, value: number) => void): void {
  if (beta instanceof Float64Array) {
    for (let j = 0; j < beta.length; j++) if (beta[j] !== 0) f(j, beta[j]);
    return;
  }
  for (let t = 0; t < beta.index.length; t++) f(beta.index[t], beta.value[t]);
}

/** The coefficients as nFeatures doubles (the array itself when dense). */
export function denseCoefficients(beta: Coefficients): Float64Array {
  if (beta instanceof Float64Array) return beta;
  const dense = new Float64Array(beta.nFeatures);
  for (let t = 0; t < beta.index.length; t++) dense[beta.index[t]] = beta.value[t];
  return dense;
}

/** Above this many features a path keeps each λ's nonzeros only (compactCoefficients). */
const COMPACT_MIN_FEATURES = 4096;

/** A copy of β̃ to keep: dense for narrow problems, its nonzeros for wide ones. */
export function compactCoefficients(beta: Float64Array): Coefficients {
  if (beta.length < COMPACT_MIN_FEATURES) return beta.slice();
  let count = 0;
  for (let j = 0; j < beta.length; j++) if (beta[j] !== 0) count++;
  const index = new Int32Array(count);
  const value = new Float64Array(count);
  count = 0;
  for (let j = 0; j < beta.length; j++) {
    if (beta[j] === 0) continue;
    index[count] = j;
    value[count++] = beta[j];
  }
  return { nFeatures: beta.length, index, value };
}

export interface PathLists {
  lambda: number[];
  /** Per λ: the standardized coefficients β̃ (dense, or the nonzeros of wide paths). */
  betaStd: Coefficients[];
  /** Per λ: the intercept of the standardized problem (η = b̃0 + X̃β̃). */
  interceptStd: number[];
  /** Per λ: Σ (w_i/n) ℓ(y_i, η_i) and the penalty, in float64. */
  lossValue: number[];
  penaltyValue: number[];
  devRatio: number[];
  passes: number[];
  converged: boolean[];
  /** Per λ: largest subdifferential distance over the features, relative to λ_max. */
  kktViolation: number[];
  warnings: string[];
}
