// Groups of features for the group penalties: one label per feature, in feature order, as
// grpreg's `group`. Each group has its members (feature indices) and its penalty factor v_g.

export interface Groups {
  /** The distinct labels, in order of first appearance. */
  labels: string[];
  /** nFeatures group index of each feature. */
  of: Int32Array;
  /** Per group: its feature indices, ascending. */
  members: Int32Array[];
  /** Per group: its penalty factor v_g (its features' common factor). */
  factor: Float64Array;
}

/** Groups from one label per feature and the features' penalty factors (equal within a group, checked by the caller). */
export function makeGroups(labels: readonly string[], penaltyFactor: ArrayLike<number>): Groups {
  const index = new Map<string, number>();
  const of = new Int32Array(labels.length);
  const lists: number[][] = [];
  labels.forEach((label, j) => {
    let g = index.get(label);
    if (g === undefined) {
      g = lists.length;
      index.set(label, g);
      lists.push([]);
    }
    of[j] = g;
    lists[g].push(j);
  });
  const members = lists.map((list) => Int32Array.from(list));
  const factor = Float64Array.from(members, (m) => penaltyFactor[m[0]]);
  return { labels: [...index.keys()], of, members, factor };
}
