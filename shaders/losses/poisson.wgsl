// Poisson loss e^η − yη, the WGSL twin of src/losses/poisson.ts. float32 e^η overflows above
// ~88.7 (the float64 twin clamps at 700): η is clamped at 80 so a diverging step stays finite
// and the sufficient-decrease test rejects it.

const POISSON_ETA_MAX: f32 = 80.0;

fn loss_value(y: f32, eta: f32) -> f32 {
  return exp(min(eta, POISSON_ETA_MAX)) - y * eta;
}

fn loss_derivative(y: f32, eta: f32) -> f32 {
  return exp(min(eta, POISSON_ETA_MAX)) - y;
}

/** ℓ'' = μ = e^η, floored at 1e-12 as the float64 twin (rows with tiny means keep a usable weight). */
fn loss_curvature(y: f32, eta: f32) -> f32 {
  return max(exp(min(eta, POISSON_ETA_MAX)), 1e-12);
}

/** The curvature of proximal Newton's model: ℓ'' itself (the twin of curvature; no newtonCurvature). */
fn loss_newton_curvature(y: f32, eta: f32) -> f32 {
  return loss_curvature(y, eta);
}
