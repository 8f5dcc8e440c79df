// Feature names must be distinct: the first repeat a scan in order meets is named, the same pair
// whether found through a Map or, for X wider than a Map holds (2²⁴ entries), by sorting.

import { describe, expect, it } from 'vitest';
import { firstRepeatByMap, firstRepeatBySort } from '../src/problem/distinct-names.js';
import { rng } from './helpers/data.js';

describe('distinct feature names', () => {
  it('the Map and the sort find the same first repeat, or none', () => {
    const u = rng(5);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(u() * 40);
      const names = Array.from({ length: n }, () => `x${Math.floor(u() * (trial % 2 === 0 ? 3 * n : 200))}`);
      expect(firstRepeatBySort(names), names.join(',')).toEqual(firstRepeatByMap(names));
    }
    expect(firstRepeatBySort(['a', 'b', 'a', 'b', 'b'])).toEqual([0, 2]);
    expect(firstRepeatBySort(['a', 'b', 'c'])).toBeNull();
  });
});
