// The residuals' rates along a direction of the exact piecewise-linear solvers (simplex.ts,
// active-set.ts): a_i = −(δ0 + Σ_k δ_k x̃_ik) over the samples, O(n·k) for k moving columns: most
// of a step's time, so by the kernels' SIMD axpy when Xs lives in their heap.

import type { FinishData } from './piecewise-linear-finish.js';

/**
 * a_i = −(intercept + Σ_c coefs[c]·x̃_{i,features[c]}) for every sample (nSamples): written to the
 * heap's scratch array when Xs is in the kernels' heap (the caller reads it before the scratch's
 * next use), else to `fallback` (nSamples).
 */
export function residualRates(
  d: FinishData,
  intercept: number,
  features: ArrayLike<number>,
  coefs: ArrayLike<number>,
  fallback: Float64Array,
): Float64Array {
  const n = d.nSamples;
  const heap = d.heap;
  const rate = heap ? heap.scratch.data : fallback;
  rate.fill(intercept === 0 ? 0 : -intercept);
  if (heap) {
    for (let c = 0; c < features.length; c++) {
      heap.kernels.axpy(-coefs[c], heap.XsPtr + 8 * features[c] * n, heap.scratch.ptr, n);
    }
  } else subtractColumns(d.Xs, n, features, coefs, rate);
  return rate;
}

/**
 * out −= Σ_c coefs[c]·X[features[c]·n + i] over the samples, four columns per sweep (out is read
 * and written a quarter as often).
 */
function subtractColumns(
  Xs: Float64Array,
  n: number,
  features: ArrayLike<number>,
  coefs: ArrayLike<number>,
  out: Float64Array,
): void {
  let c = 0;
  for (; c + 4 <= features.length; c += 4) {
    const [c0, c1, c2, c3] = [features[c] * n, features[c + 1] * n, features[c + 2] * n, features[c + 3] * n];
    const [v0, v1, v2, v3] = [coefs[c], coefs[c + 1], coefs[c + 2], coefs[c + 3]];
    for (let i = 0; i < n; i++) {
      out[i] -= v0 * Xs[c0 + i] + v1 * Xs[c1 + i] + v2 * Xs[c2 + i] + v3 * Xs[c3 + i];
    }
  }
  for (; c < features.length; c++) {
    const col = features[c] * n;
    const v = coefs[c];
    for (let i = 0; i < n; i++) out[i] -= v * Xs[col + i];
  }
}
