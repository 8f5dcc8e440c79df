// Piecewise-linear losses of the residual r = y − η (absolute error: slopes −1, 1; quantile τ:
// τ − 1, τ), the WGSL twin of src/losses/piecewise-linear.ts. ℓ = above·r for r ≥ 0, below·r
// for r < 0; the dual slopes u live in [below, above]. The slopes are pipeline constants.

override SLOPE_BELOW: f32 = -1.0;
override SLOPE_ABOVE: f32 = 1.0;

fn loss_value(y: f32, eta: f32) -> f32 {
  let r = y - eta;
  return select(SLOPE_BELOW * r, SLOPE_ABOVE * r, r >= 0.0);
}
