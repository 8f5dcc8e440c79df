// Σ w_i y_i / Σ w_i: the null model of every GLM loss is its inverse link of this mean.

export function weightedMean(y: Float64Array, w: Float64Array): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < y.length; i++) {
    s += w[i] * y[i];
    sw += w[i];
  }
  return s / sw;
}
