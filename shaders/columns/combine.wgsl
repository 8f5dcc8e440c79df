// out = a[k]·A + b[k]·B per active column, A and B read (possibly one buffer), out written. WebGPU
// forbids binding one buffer as writable and readable at once: when out is A or B the host uses
// columns/combine-in-place.wgsl or columns/combine-self.wgsl instead.
//   A, B, out  samples or coefs, rows × K float32;  arena a col0.x, b col0.y
// Dispatch: (min(ceil(rows / 64), 65535), nActive); invocations stride over the rows.

@group(0) @binding(2) var<storage, read> A: array<f32>;
@group(0) @binding(3) var<storage, read> B: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;
@group(0) @binding(5) var<storage, read_write> arena: array<f32>;

@compute @workgroup_size(64)
fn combine(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
           @builtin(num_workgroups) groups: vec3<u32>) {
  let k = column(wid.y);
  let a = arena[params.col0.x + k];
  let b = arena[params.col0.y + k];
  for (var r = gid.x; r < params.rows; r += groups.x * 64u) {
    let at = r * params.kStride + k;
    out[at] = a * A[at] + b * B[at];
  }
}
