// Logistic loss log(1 + e^η) − yη, the WGSL twin of src/losses/logistic.ts.
// Stable forms: with e = e^−|η| ≤ 1, log(1 + e^η) = max(η, 0) + log(1 + e) (WGSL has no log1p;
// the absolute error of log(1 + e) is a float32 epsilon, all that float32 can hold) and
// σ(η) = 1/(1 + e) or e/(1 + e): no exp of a positive argument, so no overflow.

fn loss_value(y: f32, eta: f32) -> f32 {
  let e = exp(-abs(eta));
  return max(eta, 0.0) + log(1.0 + e) - y * eta;
}

fn loss_derivative(y: f32, eta: f32) -> f32 {
  let e = exp(-abs(eta));
  let sigma = select(e / (1.0 + e), 1.0 / (1.0 + e), eta >= 0.0);
  return sigma - y;
}

/**
 * ℓ'' = μ(1 − μ), μ clamped to [1e-9, 1 − 1e-9] (the float64 twin's P_MIN). Stable form: μ(1 − μ)
 * = e/(1 + e)² with e = e^−|η| (no cancellation in 1 − μ, which float32 would round to 0), and
 * the clamp becomes a floor of 1e-9 (float32 cannot hold 1 − 1e-9; P_MIN·(1 − P_MIN) = 1e-9 to
 * 1e-9 relative).
 */
fn loss_curvature(y: f32, eta: f32) -> f32 {
  let e = exp(-abs(eta));
  let s = 1.0 + e;
  return max(e / (s * s), 1e-9);
}

/** The curvature of proximal Newton's model: ℓ'' itself (the twin of curvature; no newtonCurvature). */
fn loss_newton_curvature(y: f32, eta: f32) -> f32 {
  return loss_curvature(y, eta);
}
