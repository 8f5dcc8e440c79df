// Q = Σ over chunks of the partial Gram matrices of products/gram.wgsl, for one group of slots:
// both triangles written from the lower one, so that Q is exactly symmetric.
//   partial  nChunks × slots × mPad × mPad float32 (products/gram.wgsl)
//   Q        gram: size × size per column, column-major, column k at k·size²; with flags
//            SHARED_WEIGHTS one slot into column 0
// One invocation per entry (a, b) of a slot's matrix, summing its chunks in order; the chunk
// count is small (a few dozen at most). Dispatch: (min(ceil(size² / 64), 65535), slots of the
// group); invocations stride beyond.

@group(0) @binding(2) var<storage, read> partial: array<f32>;
@group(0) @binding(3) var<storage, read_write> Q: array<f32>;

const SHARED_WEIGHTS: u32 = 1u;
override GRAM_REDUCE_WORKGROUP: u32 = 64u;

@compute @workgroup_size(GRAM_REDUCE_WORKGROUP)
fn gram_reduce(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
               @builtin(num_workgroups) groups: vec3<u32>) {
  let m = params.size;
  let mPad = (m + 31u) / 32u * 32u;
  let sharedWeights = (params.flags & SHARED_WEIGHTS) != 0u;
  let k = select(column(params.slotBase + wid.y), 0u, sharedWeights);
  let slotSize = mPad * mPad;
  for (var e = gid.x; e < m * m; e += groups.x * GRAM_REDUCE_WORKGROUP) {
    let a = e % m;
    let b = e / m;
    let source = max(a, b) * mPad + min(a, b);
    var s = 0.0;
    for (var c = 0u; c < params.nChunks; c++) {
      s += partial[(c * params.nActive + wid.y) * slotSize + source];
    }
    Q[k * m * m + e] = s;
  }
}
