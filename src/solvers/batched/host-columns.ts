// X̃'s columns as the float64 twin of the batched iteration (cpu-backend.ts) and the Gram
// reduction (gram.ts) read them, in either layout of the standardized problem: dense X̃ in the
// heap, or the raw CSC columns of X with the centring and scaling folded into each product
// (glmnet's sparse way, problem/sparse-design.ts):
//   X̃β = X(β/s) − 1·Σ_j m_j β_j/s_j,     x̃_jᵀv = (x_jᵀv − m_j·Σv)/s_j,
// so a product costs the nonzeros plus one shift (or one Σv), never a dense column.

import type { Standardized } from '../../problem/standardize.js';
import type { StoredEntries } from './backend.js';

export interface HostColumns {
  /** out[o + i] += Σ_j b[bo + j]·x̃_ij over the listed j < nFeatures (the intercept's p, and zeros, skipped). */
  addProducts(features: ArrayLike<number>, b: Float64Array, bo: number, out: Float64Array, o: number): void;
  /** x̃_jᵀ v[o … o + n), given sumV = Σ v[o … o + n) (the sparse layout's centring needs it). */
  dot(j: number, v: Float64Array, o: number, sumV: number): number;
  /** x̃_j as n doubles: a view of X̃ (dense), or `scratch` filled (sparse). */
  column(j: number, scratch: Float64Array): Float64Array;
}

export function hostColumns(std: Standardized, n: number): HostColumns {
  return std.design.sparse ? sparseColumns(std, n) : denseColumns(std.Xs, n);
}

function denseColumns(Xs: Float64Array, n: number): HostColumns {
  const p = Xs.length / Math.max(n, 1);
  return {
    addProducts(features, b, bo, out, o) {
      for (let t = 0; t < features.length; t++) {
        const j = features[t];
        const bj = b[bo + j];
        if (bj === 0 || j >= p) continue;
        for (let i = 0, col = j * n; i < n; i++) out[o + i] += Xs[col + i] * bj;
      }
    },
    dot(j, v, o) {
      let s = 0;
      for (let i = 0, col = j * n; i < n; i++) s += Xs[col + i] * v[o + i];
      return s;
    },
    column: (j) => Xs.subarray(j * n, (j + 1) * n),
  };
}

function sparseColumns(std: Standardized, n: number): HostColumns {
  const { indptr, indices, values, invScale, centers } = std.design.sparse!;
  const p = invScale.length;
  return {
    addProducts(features, b, bo, out, o) {
      let shift = 0;
      for (let t = 0; t < features.length; t++) {
        const j = features[t];
        if (j >= p || b[bo + j] === 0) continue;
        const a = b[bo + j] * invScale[j];
        shift -= a * centers[j];
        for (let e = indptr[j]; e < indptr[j + 1]; e++) out[o + indices[e]] += values[e] * a;
      }
      if (shift !== 0) for (let i = 0; i < n; i++) out[o + i] += shift;
    },
    dot(j, v, o, sumV) {
      let s = 0;
      for (let e = indptr[j]; e < indptr[j + 1]; e++) s += values[e] * v[o + indices[e]];
      return invScale[j] * (s - centers[j] * sumV);
    },
    column(j, scratch) {
      const a = invScale[j];
      scratch.fill(-centers[j] * a, 0, n);
      for (let e = indptr[j]; e < indptr[j + 1]; e++) scratch[indices[e]] = (values[e] - centers[j]) * a;
      return scratch;
    },
  };
}

/** Σ v[o … o + n). */
export function vectorSum(v: Float64Array, o: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += v[o + i];
  return s;
}

/** A sparse layout's stored entries (counted work), or undefined for dense X̃. */
export function storedEntries(std: Standardized): StoredEntries | undefined {
  const sparse = std.design.sparse;
  if (!sparse) return undefined;
  const { indptr } = sparse;
  const p = indptr.length - 1;
  return {
    total: indptr[p],
    listed: (features) => {
      let s = 0;
      for (const j of features) if (j < p) s += indptr[j + 1] - indptr[j];
      return s;
    },
  };
}
