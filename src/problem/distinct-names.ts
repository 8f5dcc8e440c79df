// Whether feature names are distinct, and if not which pair a scan in order meets first: through
// a Map for the usual widths, and by sorting the indices by name for X wider than a Map can hold
// (2²⁴ entries: a sparse X may have tens of millions of columns).

/** Names checked through a Map up to this many (a Map holds at most 2²⁴ entries; wider X are sorted). */
const MAP_NAMES = 2 ** 22;

/** The first name that repeats, scanning in order: [its first index, the repeat's]; null when all differ. */
export function firstRepeatByMap(names: string[]): [number, number] | null {
  const seen = new Map<string, number>();
  for (let j = 0; j < names.length; j++) {
    const first = seen.get(names[j]);
    if (first !== undefined) return [first, j];
    seen.set(names[j], j);
  }
  return null;
}

/** firstRepeatByMap's answer, from the indices sorted by name (ties by index). */
export function firstRepeatBySort(names: string[]): [number, number] | null {
  const order = Int32Array.from({ length: names.length }, (_, j) => j).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b));
  let best: [number, number] | null = null;
  for (let t = 1; t < order.length; t++) {
    // The first two of a run of equal names; the earliest second occurrence is the one a scan meets first.
    if (names[order[t]] !== names[order[t - 1]] || (t > 1 && names[order[t - 2]] === names[order[t]])) continue;
    if (!best || order[t] < best[1]) best = [order[t - 1], order[t]];
  }
  return best;
}

/** The first name that repeats, scanning in order: [its first index, the repeat's]; null when all differ. */
export function firstRepeat(names: string[]): [number, number] | null {
  return names.length <= MAP_NAMES ? firstRepeatByMap(names) : firstRepeatBySort(names);
}
