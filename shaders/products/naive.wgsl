// The benchmark's baseline (bench/kernels.ts), not used by the solver: the two products with one
// invocation per output and a plain loop, no tiles, no register blocking, one block of X̃₁.
//   X̃₁  blockRows × pPad float32, column-major (read as scalars here)
//   forward_naive:  out = eta (samples), in = B (coefs);  backward_naive: out = G (coefs), in = D (samples)
// Dispatch: (ceil(rows / 64), nActive).

@group(0) @binding(2) var<storage, read> Xs: array<f32>;
@group(0) @binding(3) var<storage, read> input: array<f32>;
@group(0) @binding(4) var<storage, read_write> output: array<f32>;

@compute @workgroup_size(64)
fn forward_naive(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let i = gid.x;
  if (i >= params.blockRows) { return; }
  let k = column(wid.y);
  var s = 0.0;
  for (var j = 0u; j < params.pPad; j++) {
    s += Xs[j * params.blockRows + i] * input[j * params.kStride + k];
  }
  output[i * params.kStride + k] = s;
}

@compute @workgroup_size(64)
fn backward_naive(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let j = gid.x;
  if (j >= params.pPad) { return; }
  let k = column(wid.y);
  var s = 0.0;
  for (var i = 0u; i < params.blockRows; i++) {
    s += Xs[j * params.blockRows + i] * input[i * params.kStride + k];
  }
  output[j * params.kStride + k] = s;
}
