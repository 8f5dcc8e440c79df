// Piecewise-linear losses: D = wn ∘ U per sample and active column.
//   U, D  samples, nPad × K float32;  wn  nPad float32 (nPad × K: column-weights.wgsl)
// Composed after samples/column-weights.wgsl.
// Dispatch: (min(ceil(nPad / 64), 65535), nActive); invocations stride over the rows.

@group(0) @binding(2) var<storage, read> U: array<f32>;
@group(0) @binding(3) var<storage, read_write> D: array<f32>;
@group(0) @binding(4) var<storage, read> wn: array<f32>;

@compute @workgroup_size(64)
fn weigh(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
         @builtin(num_workgroups) groups: vec3<u32>) {
  let k = column(wid.y);
  for (var i = gid.x; i < params.rows; i += groups.x * 64u) {
    let at = i * params.kStride + k;
    D[at] = sample_weight(i, k) * U[at];
  }
}
