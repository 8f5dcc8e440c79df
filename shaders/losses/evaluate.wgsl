// A smooth loss's twin functions on a grid of points, for the twin test (test/gpu/loss-twins.ts,
// against src/losses/<name>.ts): per point, ℓ, ℓ', the curvature and Newton's curvature. Not
// used by the solvers.
//   points   rows vec2 float32 (y, η);  results  rows vec4 float32 (ℓ, ℓ', curvature, Newton's)
// Composed after a smooth losses/<name>.wgsl. Dispatch: (ceil(rows / 64)).

@group(0) @binding(2) var<storage, read> points: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> results: array<vec4<f32>>;

@compute @workgroup_size(64)
fn evaluate_loss(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= params.rows) { return; }
  let y = points[i].x;
  let eta = points[i].y;
  results[i] = vec4<f32>(loss_value(y, eta), loss_derivative(y, eta), loss_curvature(y, eta), loss_newton_curvature(y, eta));
}
