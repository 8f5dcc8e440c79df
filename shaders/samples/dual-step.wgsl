// Piecewise-linear losses, the dual prox: U = clip(U + σ[k]·(y − η̄), below, above) per sample
// and active column. σ ≥ 1e30 stands for ∞ (the host writes 1e300 as F32_MAX): u moves to the
// slope of its residual's side, without forming ∞·0.
//   etaBar, U  samples, nPad × K float32;  y  nPad float32;  σ: arena at col0.x
// Composed after losses/piecewise-linear.wgsl. Dispatch as weigh.wgsl.

@group(0) @binding(2) var<storage, read> etaBar: array<f32>;
@group(0) @binding(3) var<storage, read_write> U: array<f32>;
@group(0) @binding(4) var<storage, read> y: array<f32>;
@group(0) @binding(5) var<storage, read_write> arena: array<f32>;

@compute @workgroup_size(64)
fn dual_step(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
             @builtin(num_workgroups) groups: vec3<u32>) {
  let k = column(wid.y);
  let sigma = arena[params.col0.x + k];
  for (var i = gid.x; i < params.rows; i += groups.x * 64u) {
    let at = i * params.kStride + k;
    let r = y[i] - etaBar[at];
    var u = U[at];
    if (sigma >= 1e30) {
      u = select(select(u, SLOPE_BELOW, r < 0.0), SLOPE_ABOVE, r > 0.0);
    } else {
      u += sigma * r;
    }
    U[at] = clamp(u, SLOPE_BELOW, SLOPE_ABOVE);
  }
}
