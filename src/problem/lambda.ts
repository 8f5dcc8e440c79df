// The default λ sequence, as glmnet builds it.

/** glmnet replaces α by this floor in λ_max, so that ridge paths start somewhere finite. */
export const ALPHA_FLOOR = 1e-3;

/**
 * λ_max = max_j |g_j| / v_j over usable penalized features, divided by max(α, 0.001), where
 * g_j = −∂(mean loss)/∂β̃_j at β̃ = 0 with the intercept fitted: the smallest λ at which every
 * penalized coefficient is 0 (for α > 0).
 */
export function lambdaMax(
  gradient: Float64Array,
  penaltyFactor: Float64Array,
  usable: Uint8Array,
  alpha: number,
): number {
  let m = 0;
  for (let j = 0; j < gradient.length; j++) {
    if (usable[j] && penaltyFactor[j] > 0) m = Math.max(m, Math.abs(gradient[j]) / penaltyFactor[j]);
  }
  return m / Math.max(alpha, ALPHA_FLOOR);
}

/** nLambda values log-spaced from λ_max down to λ_max · ratio. */
export function defaultLambdas(lambdaMax: number, nLambda: number, ratio: number): Float64Array {
  const out = new Float64Array(nLambda);
  const logStep = nLambda > 1 ? Math.log(ratio) / (nLambda - 1) : 0;
  for (let k = 0; k < nLambda; k++) out[k] = lambdaMax * Math.exp(k * logStep);
  out[0] = lambdaMax;
  return out;
}
