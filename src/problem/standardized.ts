// What standardization hands the solvers (standardize.ts, sparse-standardize.ts make it).

import type { Float64Heap } from '../wasm/kernels.js';
import type { Design } from './design.js';

/** Where the engines read X: dense X̃ in the heap, or the raw sparse columns with the centring folded in. */
export type ColumnLayout = 'dense' | 'sparse';

export interface Standardized {
  /** The memory the solver's arrays live in, with the vector kernels that work on it. */
  heap: Float64Heap;
  /** X̃'s columns as the engines use them, in either layout. */
  design: Design;
  /**
   * Dense layout only (design.sparse null; empty otherwise): nSamples × nFeatures float64,
   * column-major, x̃_ij = (x_ij − m_j) / s_j, in the heap, for the solvers that need X̃ itself.
   */
  Xs: Float64Array;
  /** Byte offset of Xs in the heap: column j starts at XsPtr + 8·j·nSamples (dense layout). */
  XsPtr: number;
  /** nFeatures centers m_j (weighted means with an intercept, else 0). */
  center: Float64Array;
  /** nFeatures scales s_j (weighted 1/n standard deviations when standardize, else 1). */
  scale: Float64Array;
  /** nFeatures Σ_i (w_i/n) x̃_ij², the coordinate curvatures of the squared loss (heap, xvPtr). */
  xv: Float64Array;
  xvPtr: number;
  /** nSamples weights w_i / n (summing to 1), in the heap at wnPtr. */
  wn: Float64Array;
  wnPtr: number;
  /** True when all weights are equal, so weighted sums can skip the weight vector. */
  uniformWeights: boolean;
  /** nFeatures largest |x_ij| of the original columns (for messages about scale). */
  magnitude: Float64Array;
  /** 1 for features the solver may move: not excluded and not constant. */
  usable: Uint8Array;
  /** nFeatures bounds on β̃ (the original bounds times s_j), in the heap. */
  lower: Float64Array;
  upper: Float64Array;
  lowerPtr: number;
  upperPtr: number;
}
