// FISTA's momentum step per active column with accept[k] = 1:
//   point = newer + momentum[k]·(newer − older), older = newer; other columns unchanged.
//   newer, older, point  samples or coefs, rows × K float32;  arena accept col0.x, momentum col0.y
// Dispatch: (min(ceil(rows / 64), 65535), nActive); invocations stride over the rows.

@group(0) @binding(2) var<storage, read> newer: array<f32>;
@group(0) @binding(3) var<storage, read_write> older: array<f32>;
@group(0) @binding(4) var<storage, read_write> point: array<f32>;
@group(0) @binding(5) var<storage, read_write> arena: array<f32>;

@compute @workgroup_size(64)
fn advance(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
           @builtin(num_workgroups) groups: vec3<u32>) {
  let k = column(wid.y);
  if (arena[params.col0.x + k] == 0.0) { return; }
  let m = arena[params.col0.y + k];
  for (var r = gid.x; r < params.rows; r += groups.x * 64u) {
    let at = r * params.kStride + k;
    let v = newer[at];
    point[at] = v + m * (v - older[at]);
    older[at] = v;
  }
}
