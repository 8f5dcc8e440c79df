// The optimality check of a separable penalty, shared by its twins (the WGSL twin of
// stationarityDistance in src/penalties/piecewise.ts): the distance from g (minus the gradient
// of the smooth part) to the (Clarke) subdifferential of P + ½·l2·b² plus the normal cone of
// [lower, upper] at b, where P's slope is `slope` off 0 and ∂P(0) = [−l1, l1]. 0 exactly when b
// is stationary along its coordinate; at a bound the normal cone opens that side.

fn stationarity_distance(g: f32, b: f32, slope: f32, l1: f32, l2: f32, lower: f32, upper: f32) -> f32 {
  let t = g - l2 * b;
  let lo = select(select(-l1, -slope, b < 0.0), slope, b > 0.0);
  let hi = select(select(l1, -slope, b < 0.0), slope, b > 0.0);
  var d = 0.0;
  if (t < lo && b > lower) { d = lo - t; }
  if (t > hi && b < upper) { d = t - hi; }
  return d;
}
