// Squared error ½(y − η)², the WGSL twin of src/losses/squared.ts.

fn loss_value(y: f32, eta: f32) -> f32 {
  let r = y - eta;
  return 0.5 * r * r;
}

fn loss_derivative(y: f32, eta: f32) -> f32 {
  return eta - y;
}

/** ℓ'' = 1. */
fn loss_curvature(y: f32, eta: f32) -> f32 {
  return 1.0;
}

/** The curvature of proximal Newton's model: ℓ'' itself (the twin of curvature; no newtonCurvature). */
fn loss_newton_curvature(y: f32, eta: f32) -> f32 {
  return loss_curvature(y, eta);
}
