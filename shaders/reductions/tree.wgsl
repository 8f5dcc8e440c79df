// Tree reductions across a 64-invocation workgroup: log₂ 64 = 6 halving steps in workgroup
// memory. Must be called in uniform control flow by all 64 invocations.

var<workgroup> tree: array<vec4<f32>, 64>;

fn tree_sum(lid: u32, value: vec4<f32>) -> vec4<f32> {
  tree[lid] = value;
  workgroupBarrier();
  for (var half = 32u; half > 0u; half >>= 1u) {
    if (lid < half) { tree[lid] += tree[lid + half]; }
    workgroupBarrier();
  }
  let total = tree[0];
  workgroupBarrier(); // nobody overwrites tree[0] before everyone has read it
  return total;
}

fn tree_max(lid: u32, value: vec4<f32>) -> vec4<f32> {
  tree[lid] = value;
  workgroupBarrier();
  for (var half = 32u; half > 0u; half >>= 1u) {
    if (lid < half) { tree[lid] = max(tree[lid], tree[lid + half]); }
    workgroupBarrier();
  }
  let total = tree[0];
  workgroupBarrier();
  return total;
}
