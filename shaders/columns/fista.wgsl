// FISTA's per-column rule (the WGSL twin of fistaColumnRule in src/solvers/batched/backend.ts):
// sufficient decrease f(x⁺) ≤ f(z) − ⟨G, x⁺ − z⟩ + ‖x⁺ − z‖²/(2t) + slack·(|f(z)| + offset); on
// failure the step halves; on success it grows by STEP_GROWTH up to maxStep, and θ advances (or
// restarts to 1 when ⟨z − x⁺, x⁺ − x⟩ > 0).
//   arena  step col0.x, θ col0.y, f(z) col0.z, f(x⁺) col0.w, gradDot col1.x, stepSquared col1.y,
//          restartDot col1.z, accept col1.w (out), momentum col2.x (out)
//   scalar0 maxStep, scalar1 the relative slack, scalar2 the value offset (FistaLimits)
// One invocation per active column. Dispatch: (ceil(nActive / 64)).

@group(0) @binding(2) var<storage, read_write> arena: array<f32>;

const STEP_GROWTH: f32 = 1.02;

@compute @workgroup_size(64)
fn fista_columns(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= params.nActive) { return; }
  let k = column(gid.x);
  let step = arena[params.col0.x + k];
  let theta = arena[params.col0.y + k];
  let valueAtZ = arena[params.col0.z + k];
  let model = valueAtZ - arena[params.col1.x + k] + arena[params.col1.y + k] / (2.0 * step);
  let accepted = arena[params.col0.w + k] <= model + params.scalar1 * (abs(valueAtZ) + params.scalar2);
  if (!accepted) {
    arena[params.col0.x + k] = 0.5 * step;
    arena[params.col1.w + k] = 0.0;
    arena[params.col2.x + k] = 0.0;
    return;
  }
  arena[params.col0.x + k] = min(step * STEP_GROWTH, params.scalar0);
  arena[params.col1.w + k] = 1.0;
  if (arena[params.col1.z + k] > 0.0) {
    arena[params.col0.y + k] = 1.0;
    arena[params.col2.x + k] = 0.0;
    return;
  }
  let next = 0.5 * (1.0 + sqrt(1.0 + 4.0 * theta * theta));
  arena[params.col0.y + k] = next;
  arena[params.col2.x + k] = (theta - 1.0) / next;
}
