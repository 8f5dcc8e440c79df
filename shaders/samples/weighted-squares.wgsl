// The chunk's share of Σ_i wn_i A_ik² per active column (squared weighted norms of samples).
//   A  samples, nPad × K float32;  wn  nPad float32 (nPad × K: column-weights.wgsl);
//   partial  nChunks × K float32. Composed after samples/column-weights.wgsl.
// Dispatch: (ceil(nPad / SAMPLE_CHUNK), nActive).

@group(0) @binding(2) var<storage, read> A: array<f32>;
@group(0) @binding(3) var<storage, read> wn: array<f32>;
@group(0) @binding(4) var<storage, read_write> partial: array<f32>;

const SAMPLE_CHUNK: u32 = 1024u;

@compute @workgroup_size(64)
fn weighted_squares(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let start = wid.x * SAMPLE_CHUNK;
  let end = min(start + SAMPLE_CHUNK, params.rows);
  var s = 0.0;
  for (var i = start + lid; i < end; i += 64u) {
    let a = A[i * params.kStride + k];
    s += sample_weight(i, k) * a * a;
  }
  let total = tree_sum(lid, vec4<f32>(s, 0.0, 0.0, 0.0));
  if (lid == 0u) { partial[wid.x * params.kStride + k] = total.x; }
}
