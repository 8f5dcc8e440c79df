// out = A on the active columns only (a buffer copy would take every column).
//   A, out  samples or coefs, rows × K float32 (distinct buffers)
// Dispatch: (min(ceil(rows / 64), 65535), nActive); invocations stride over the rows.

@group(0) @binding(2) var<storage, read> A: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;

override COPY_WORKGROUP: u32 = 64u;

@compute @workgroup_size(COPY_WORKGROUP)
fn copy_active(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
               @builtin(num_workgroups) groups: vec3<u32>) {
  let k = column(wid.y);
  for (var r = gid.x; r < params.rows; r += groups.x * COPY_WORKGROUP) {
    out[r * params.kStride + k] = A[r * params.kStride + k];
  }
}
