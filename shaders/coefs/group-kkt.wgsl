// The multinomial grouped penalty's KKT violation per active column, the same for every column
// of a group of C = params.size adjacent columns (one λ's classes): the largest over the open
// rows j (penalty not (·, ·, 0, 0)) of the distance of G_j· (minus the gradient, C classes)
// from l1·∂‖B_j·‖₂ + l2·B_j· (l1 = λ·l1Unit_j, l2 = λ·l2Unit_j), and on the intercept's row
// (params.nFeatures) the largest |G_jc|. Twin: groupKktTwin (cpu-multinomial.ts).
//   G, B     coefs, pPad × K float32;  penalty  pPad vec4 (l1Unit, l2Unit, lower, upper)
//   arena    λ col0.x; out col0.y
// Composed after reductions/tree.wgsl. One workgroup per active column. Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> G: array<f32>;
@group(0) @binding(3) var<storage, read> B: array<f32>;
@group(0) @binding(4) var<storage, read> penalty: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> arena: array<f32>;

@compute @workgroup_size(64)
fn group_kkt(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let classes = params.size;
  let first = k - k % classes;
  let lambda = arena[params.col0.x + k];
  var worst = 0.0;
  for (var j = lid; j < params.rows; j += 64u) {
    let p = penalty[j];
    if (p.z == 0.0 && p.w == 0.0) { continue; }
    let row = j * params.kStride + first;
    if (j == params.nFeatures) {
      for (var c = 0u; c < classes; c++) { worst = max(worst, abs(G[row + c])); }
      continue;
    }
    var bn = 0.0;
    var gn = 0.0;
    for (var c = 0u; c < classes; c++) {
      bn += B[row + c] * B[row + c];
      gn += G[row + c] * G[row + c];
    }
    let l1 = lambda * p.x;
    let l2 = lambda * p.y;
    if (bn == 0.0) {
      worst = max(worst, max(0.0, sqrt(gn) - l1));
      continue;
    }
    let scale = l1 / sqrt(bn) + l2;
    var r = 0.0;
    for (var c = 0u; c < classes; c++) {
      let d = G[row + c] - scale * B[row + c];
      r += d * d;
    }
    worst = max(worst, sqrt(r));
  }
  let total = tree_max(lid, vec4<f32>(worst, 0.0, 0.0, 0.0));
  if (lid == 0u) { arena[params.col0.y + k] = total.x; }
}
