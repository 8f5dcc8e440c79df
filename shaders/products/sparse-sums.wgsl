// Σ_i D_ik per active column, into the arena at col0.x + k: the intercept's row of X̃₁ᵀD, and the
// sum that products/sparse-backward.wgsl folds the centring in with (x̃_jᵀd = (x_jᵀd − m_j·Σd)/s_j).
// Without an intercept (flags INTERCEPT clear) it writes 0: the centres are 0 then, and so is
// the intercept's row.
//   D  samples, nPad × K float32 (rows past nSamples not read)
// One workgroup of 64 per active column. Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> D: array<f32>;
@group(0) @binding(3) var<storage, read_write> arena: array<f32>;

const INTERCEPT: u32 = 1u;

@compute @workgroup_size(64)
fn sparse_sums(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  var s = 0.0;
  for (var i = lid; i < params.nSamples; i += 64u) { s += D[i * params.kStride + k]; }
  let total = tree_sum(lid, vec4<f32>(s, 0.0, 0.0, 0.0)).x;
  if (lid == 0u) { arena[params.col0.x + k] = select(0.0, total, (params.flags & INTERCEPT) != 0u); }
}
