// Huber loss with threshold δ (½r² for |r| ≤ δ, δ(|r| − δ/2) beyond, r = y − η), the WGSL twin
// of src/losses/huber.ts. δ is a pipeline constant.

override HUBER_DELTA: f32 = 1.35;

fn loss_value(y: f32, eta: f32) -> f32 {
  let r = abs(y - eta);
  return select(HUBER_DELTA * (r - 0.5 * HUBER_DELTA), 0.5 * r * r, r <= HUBER_DELTA);
}

/** −ψ(r), ψ = clip(r, −δ, δ). */
fn loss_derivative(y: f32, eta: f32) -> f32 {
  return -clamp(y - eta, -HUBER_DELTA, HUBER_DELTA);
}
