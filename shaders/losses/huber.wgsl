// Huber loss with threshold δ (½r² for |r| ≤ δ, δ(|r| − δ/2) beyond, r = y − η), the WGSL twin
// of src/losses/huber.ts. δ is a pipeline constant.

override HUBER_DELTA: f32 = 1.35;
/** Outside the band ℓ'' = 0: Newton's model keeps this fraction of the majorizing weight (NEWTON_FLOOR). */
const HUBER_NEWTON_FLOOR: f32 = 1e-3;

fn loss_value(y: f32, eta: f32) -> f32 {
  let r = abs(y - eta);
  return select(HUBER_DELTA * (r - 0.5 * HUBER_DELTA), 0.5 * r * r, r <= HUBER_DELTA);
}

/** −ψ(r), ψ = clip(r, −δ, δ). */
fn loss_derivative(y: f32, eta: f32) -> f32 {
  return -clamp(y - eta, -HUBER_DELTA, HUBER_DELTA);
}

/**
 * The IRLS weight ψ(r)/r: 1 inside the threshold, δ/|r| beyond (the float64 twin's curvature: a
 * quadratic on or above the loss that touches it at r).
 */
fn loss_curvature(y: f32, eta: f32) -> f32 {
  let r = abs(y - eta);
  return select(HUBER_DELTA / r, 1.0, r <= HUBER_DELTA);
}
/**
 * The curvature of proximal Newton's model (the twin of newtonCurvature): ℓ'' = 1 inside the
 * band, outside a thousandth of the majorizing weight δ/|r| (ℓ'' = 0 there would make the model
 * flat; the line search keeps the steps safe).
 */
fn loss_newton_curvature(y: f32, eta: f32) -> f32 {
  let r = abs(y - eta);
  return select(HUBER_NEWTON_FLOOR * HUBER_DELTA / r, 1.0, r <= HUBER_DELTA);
}
