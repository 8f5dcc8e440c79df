// The weighted τ-quantile: the constant c minimizing Σ w_i ρ_τ(y_i − c), the null model of the
// absolute (τ = ½) and quantile losses.

/**
 * The smallest y_i at which the weight of {y ≤ y_i} reaches τ·Σw. When that weight equals τ·Σw
 * exactly, every c up to the next y minimizes; the data point is taken, so that the null model
 * interpolates one sample (the finish of the piecewise-linear solver wants a vertex).
 */
export function weightedQuantile(y: Float64Array, w: Float64Array, tau: number): number {
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => y[a] - y[b]);
  let total = 0;
  for (let i = 0; i < y.length; i++) total += w[i];
  const target = tau * total;
  let cumulative = 0;
  for (const i of order) {
    if (w[i] === 0) continue;
    cumulative += w[i];
    // A relative slack, so that rounding in the running sum cannot skip the exact crossing.
    if (cumulative >= target * (1 - 1e-14)) return y[i];
  }
  return y[order[order.length - 1]];
}
