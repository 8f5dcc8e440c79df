// η = X̃₁·B stored: the entry point of products/forward.wgsl for the plain product.
//   eta  samples, nPad × K float32; this dispatch's row tiles written for the active columns

@group(0) @binding(4) var<storage, read_write> eta: array<f32>;

fn store_rows(row: u32, k: u32, v: vec4<f32>) {
  let s = params.kStride;
  eta[row * s + k] = v.x;
  eta[(row + 1u) * s + k] = v.y;
  eta[(row + 2u) * s + k] = v.z;
  eta[(row + 3u) * s + k] = v.w;
}

@compute @workgroup_size(64)
fn forward(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let t = forward_tile(lid, wid);
  store_rows(t.row, column(t.slot), t.c0);
  store_rows(t.row, column(t.slot + 1u), t.c1);
  store_rows(t.row, column(t.slot + 2u), t.c2);
  store_rows(t.row, column(t.slot + 3u), t.c3);
}
