// The form of columns/combine.wgsl when A, B and out are one buffer: out = (a + b)·out.
//   out  samples or coefs, rows × K float32;  arena a col0.x, b col0.y
// Dispatch: (min(ceil(rows / 64), 65535), nActive).

@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<storage, read_write> arena: array<f32>;

@compute @workgroup_size(64)
fn combine_self(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
                @builtin(num_workgroups) groups: vec3<u32>) {
  let k = column(wid.y);
  let a = arena[params.col0.x + k] + arena[params.col0.y + k];
  for (var r = gid.x; r < params.rows; r += groups.x * 64u) {
    let at = r * params.kStride + k;
    out[at] = a * out[at];
  }
}
