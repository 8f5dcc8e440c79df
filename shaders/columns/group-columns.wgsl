// Sums (or maxima, flags bit 0) over a group of C = params.size adjacent columns, written to every
// active column of the group: to[k] = Σ_c from[g·C + c] for k in group g. The multinomial
// iteration's step test and KKT check per λ. Twin: groupColumnsTwin (cpu-multinomial.ts).
//   arena   from at col0.x, to at col0.y (distinct views: no column reads what another writes)
// One invocation per active slot. Dispatch: (ceil(nActive / 64)).

@group(0) @binding(2) var<storage, read_write> arena: array<f32>;

@compute @workgroup_size(64)
fn group_columns(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= params.nActive) { return; }
  let k = activeColumns[gid.x];
  if (k == NONE) { return; }
  let classes = params.size;
  let first = k - k % classes;
  let largest = (params.flags & 1u) != 0u;
  var r = arena[params.col0.x + first];
  for (var c = 1u; c < classes; c++) {
    let v = arena[params.col0.x + first + c];
    r = select(r + v, max(r, v), largest);
  }
  arena[params.col0.y + k] = r;
}
