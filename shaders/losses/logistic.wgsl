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
