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
