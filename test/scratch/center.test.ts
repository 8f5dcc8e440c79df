import { it, expect } from 'vitest';
import { penaltyCenter } from '../../src/solvers/multinomial/centering.js';
it('center', () => {
  for (let trial = 0; trial < 200; trial++) {
    const C = 3 + (trial % 5);
    const a = Float64Array.from({ length: C }, () => (Math.random() < 0.3 ? 0 : Math.random() * 2 - 1)).sort();
    const l1 = Math.random() * 0.5, l2 = trial % 2 ? Math.random() : 0;
    const f = (t: number) => a.reduce((s, v) => s + l1 * Math.abs(v - t) + 0.5 * l2 * (v - t) ** 2, 0);
    const t = penaltyCenter(a, l1, l2);
    let best = Infinity; for (let s = -2; s <= 2; s += 1e-4) best = Math.min(best, f(s));
    if (!(f(t) <= best + 1e-9)) console.log(C, l1, l2, Array.from(a), t, f(t), best);
    expect(f(t)).toBeLessThanOrEqual(best + 1e-9);
  }
});
