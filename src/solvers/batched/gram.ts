// Gram mode for the squared loss when nSamples ≫ nFeatures: the n-sample least-squares problem
// is replaced, once, by an equivalent one with p + 1 pseudo-samples, so every later product
// costs (p + 1)²K instead of n(p + 1)K, on any backend (the CPU twin runs the same reduction).
//
// With H = X̃₁ᵀ diag(wn) X̃₁ = RᵀR (Cholesky, upper R) and c = X̃₁ᵀ diag(wn) y, take X' = R, unit
// weights and y' with Rᵀy' = c. Then for every β (intercept included, as feature p of X'):
//   ½ Σ wn (y − X̃₁β)² = ½ ‖y' − Rβ‖² + const,   and   X'ᵀ(y' − X'β) = c − Hβ = X̃₁ᵀ wn (y − X̃₁β),
// so gradients, KKT violations, step sizes and solutions are those of the original problem;
// only the loss values shift by a constant (`valueOffset`, which FISTA's rounding slack adds
// back so that it stays relative to the problem's own loss). H and R are formed in float64 on
// the host (n(p + 1)²/2 and (p + 1)³/6 multiply-adds). A rank-deficient H (collinear or unusable
// features) leaves zero rows in R where the pivot vanishes, which is still an exact factor.

import type { Design } from '../../problem/design.js';
import type { Standardized } from '../../problem/standardize.js';
import type { Problem } from '../../problem/validate.js';
import { hostColumns, vectorSum } from './host-columns.js';
import type { BatchBackend, BatchBuffer, BatchOps, BufferKind, DeviceCounts, FistaColumns, ProxReductions } from './backend.js';

/** Gram mode when nSamples ≥ GRAM_RATIO · (nFeatures + 1) … */
export const GRAM_RATIO = 4;
/** … and nFeatures + 1 ≤ GRAM_MAX_FEATURES (R is (p + 1)² floats; the factorization p³/6). */
export const GRAM_MAX_FEATURES = 2048;
/** Relative pivot below which a column of X̃₁ counts as dependent on the previous ones. */
const PIVOT_TOLERANCE = 1e-12;

/**
 * … and forming H on the host stays cheap: n(p + 1)²/2 ≤ GRAM_MAX_WORK multiply-adds (~0.3 s in
 * JavaScript). Larger problems run the direct products; forming H on the device (the backward
 * kernel with D = diag(wn) X̃₁) would lift this limit and is not done yet.
 */
export const GRAM_MAX_WORK = 2 ** 28;

export function useGram(problem: Problem): boolean {
  const m = problem.nFeatures + 1;
  return problem.loss.quadratic && m <= GRAM_MAX_FEATURES && problem.nSamples >= GRAM_RATIO * m &&
    (problem.nSamples * m * m) / 2 <= GRAM_MAX_WORK;
}

/** The reduced problem: p + 1 pseudo-samples, the intercept as an unpenalized feature p. */
export function gramReduction(problem: Problem, std: Standardized): { problem: Problem; std: Standardized; valueOffset: number } {
  const { nSamples: n, nFeatures: p } = problem;
  const m = p + 1;
  // Column j of X̃₁ (either layout, host-columns.ts) and its products: the intercept's ones at p.
  const X = hostColumns(std, n);
  const present = (j: number): boolean => (j === p ? problem.intercept : std.usable[j] === 1);
  const ones = new Float64Array(n).fill(1);
  const scratch = new Float64Array(n);
  const H = new Float64Array(m * m); // row-major, lower triangle filled then mirrored
  const c = new Float64Array(m);
  const weighted = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    if (!present(j)) continue;
    const xj = j === p ? ones : X.column(j, scratch);
    for (let i = 0; i < n; i++) weighted[i] = std.wn[i] * xj[i];
    let cj = 0;
    for (let i = 0; i < n; i++) cj += weighted[i] * problem.y[i];
    c[j] = cj;
    const sum = vectorSum(weighted, 0, n);
    for (let k = 0; k <= j; k++) {
      if (!present(k)) continue;
      const s = k === p ? sum : X.dot(k, weighted, 0, sum);
      H[j * m + k] = s;
      H[k * m + j] = s;
    }
  }
  // Cholesky H = RᵀR, R upper, stored column-major as the reduced X̃ (R[i][j] at j·m + i).
  let largest = 0;
  for (let j = 0; j < m; j++) largest = Math.max(largest, H[j * m + j]);
  const R = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    let pivot = H[i * m + i];
    for (let k = 0; k < i; k++) pivot -= R[i * m + k] ** 2;
    if (!(pivot > PIVOT_TOLERANCE * largest)) continue; // a dependent column: row i of R stays 0
    const rii = Math.sqrt(pivot);
    R[i * m + i] = rii;
    for (let j = i + 1; j < m; j++) {
      let s = H[i * m + j];
      for (let k = 0; k < i; k++) s -= R[i * m + k] * R[j * m + k];
      R[j * m + i] = s / rii;
    }
  }
  // Rᵀ y' = c by forward substitution (rows of R that are 0 give y'_i = 0).
  const yReduced = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const rii = R[i * m + i];
    if (rii === 0) continue;
    let s = c[i];
    for (let k = 0; k < i; k++) s -= R[i * m + k] * yReduced[k];
    yReduced[i] = s / rii;
  }
  const xv = new Float64Array(m);
  for (let j = 0; j < m; j++) for (let i = 0; i <= j; i++) xv[j] += R[j * m + i] ** 2;
  const append = (values: ArrayLike<number>, last: number) => Float64Array.from([...Array.from(values), last]);
  const reducedProblem: Problem = {
    ...problem,
    nSamples: m,
    nFeatures: m,
    y: yReduced,
    weights: new Float64Array(m).fill(1),
    offset: null, // the squared loss's offset is in y already
    penaltyFactor: append(problem.penaltyFactor, 0),
    excluded: Uint8Array.from([...problem.excluded, 0]),
    lower: append(problem.lower, -Infinity),
    upper: append(problem.upper, Infinity),
    intercept: false,
  };
  const reducedStd: Standardized = {
    ...std,
    // R is dense whatever X's layout: the batched ops read Xs (no design method is called on it).
    design: std.design.sparse ? ({ ...std.design, sparse: null } as Design) : std.design,
    Xs: R,
    xv,
    wn: new Float64Array(m).fill(1),
    uniformWeights: true,
    usable: Uint8Array.from([...std.usable, problem.intercept ? 1 : 0]),
    lower: append(std.lower, -Infinity),
    upper: append(std.upper, Infinity),
    center: append(std.center, 0),
    scale: append(std.scale, 1),
  };
  // The constant dropped: ½ Σ wn y² − ½ ‖y'‖² (≥ 0 up to rounding).
  let total = 0;
  for (let i = 0; i < n; i++) total += std.wn[i] * problem.y[i] ** 2;
  let kept = 0;
  for (let i = 0; i < m; i++) kept += yReduced[i] ** 2;
  return { problem: reducedProblem, std: reducedStd, valueOffset: Math.max(0, 0.5 * (total - kept)) };
}

/**
 * The reduced problem's ops, seen with the original coefficient layout: p features then the
 * intercept (the reduced layout has p + 1 features then an intercept row that stays 0).
 */
class GramOps implements BatchOps {
  /** The inner backend's own counts, where it keeps them. */
  readonly deviceCounts?: () => DeviceCounts;
  constructor(private readonly inner: BatchOps, readonly nFeatures: number, readonly valueOffset: number) {
    if (inner.deviceCounts) this.deviceCounts = () => inner.deviceCounts!();
  }
  get nSamples(): number { return this.inner.nSamples; }
  get precision() { return this.inner.precision; }
  alloc(kind: BufferKind, nColumns: number): BatchBuffer { return this.inner.alloc(kind, nColumns); }

  write(buffer: BatchBuffer, values: Float64Array): void {
    if (buffer.kind !== 'coefs') return this.inner.write(buffer, values);
    const rows = this.nFeatures + 1;
    const wide = new Float64Array((rows + 1) * buffer.nColumns);
    for (let k = 0; k < buffer.nColumns; k++) wide.set(values.subarray(k * rows, (k + 1) * rows), k * (rows + 1));
    this.inner.write(buffer, wide);
  }

  async read(buffer: BatchBuffer): Promise<Float64Array> {
    const values = await this.inner.read(buffer);
    if (buffer.kind !== 'coefs') return values;
    const rows = this.nFeatures + 1;
    const narrow = new Float64Array(rows * buffer.nColumns);
    for (let k = 0; k < buffer.nColumns; k++) narrow.set(values.subarray(k * (rows + 1), k * (rows + 1) + rows), k * rows);
    return narrow;
  }

  copy(from: BatchBuffer, to: BatchBuffer): void { this.inner.copy(from, to); }
  setActive(columns: Int32Array): void { this.inner.setActive(columns); }
  gramNorm(): number | Promise<number> { return this.inner.gramNorm(); }
  forward(B: BatchBuffer, eta: BatchBuffer): void { this.inner.forward(B, eta); }
  smoothTerms(eta: BatchBuffer, D: BatchBuffer, value: BatchBuffer): void { this.inner.smoothTerms(eta, D, value); }
  forwardSmooth(B: BatchBuffer, eta: BatchBuffer, D: BatchBuffer, value: BatchBuffer): void { this.inner.forwardSmooth(B, eta, D, value); }
  backward(D: BatchBuffer, G: BatchBuffer): void { this.inner.backward(D, G); }
  proxGradient(
    Z: BatchBuffer, G: BatchBuffer, step: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer, X?: BatchBuffer, reductions?: ProxReductions,
  ): void {
    this.inner.proxGradient(Z, G, step, lambda, out, X, reductions);
  }
  fistaColumns(state: FistaColumns): void { this.inner.fistaColumns(state); }
  advance(newer: BatchBuffer, older: BatchBuffer, point: BatchBuffer, accept: BatchBuffer, momentum: BatchBuffer): void {
    this.inner.advance(newer, older, point, accept, momentum);
  }
  squaredNorms(A: BatchBuffer, out: BatchBuffer): void { this.inner.squaredNorms(A, out); }
  combine(a: BatchBuffer, A: BatchBuffer, b: BatchBuffer, B: BatchBuffer, out: BatchBuffer): void { this.inner.combine(a, A, b, B, out); }
  weigh(U: BatchBuffer, D: BatchBuffer): void { this.inner.weigh(U, D); }
  dualStep(etaBar: BatchBuffer, U: BatchBuffer, sigma: BatchBuffer): void { this.inner.dualStep(etaBar, U, sigma); }
  dualGap(eta: BatchBuffer, U: BatchBuffer, gap: BatchBuffer, value: BatchBuffer): void { this.inner.dualGap(eta, U, gap, value); }
  kkt(G: BatchBuffer, B: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer): void { this.inner.kkt(G, B, lambda, out); }
  release(): void { this.inner.release(); }
}

/** `backend` on the Gram reduction of each problem it opens (squared loss only). */
export function gramBackend(backend: BatchBackend): BatchBackend {
  return {
    name: `${backend.name}, Gram mode`,
    async open(problem, std) {
      if (!problem.loss.quadratic) throw new Error('Gram mode takes the squared loss');
      const reduced = gramReduction(problem, std);
      return new GramOps(await backend.open(reduced.problem, reduced.std), problem.nFeatures, reduced.valueOffset);
    },
  };
}
