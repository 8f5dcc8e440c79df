// Block helpers of the group penalties: the Euclidean norm, soft-thresholding, and the zero
// level of a sparse group (the λ below which the block leaves 0).

export function norm2(v: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < v.length; i++) scale = Math.max(scale, Math.abs(v[i]));
  if (scale === 0 || scale === Infinity) return scale;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] / scale) ** 2;
  return scale * Math.sqrt(s);
}

/** ‖S(g, c)‖₂ with S the soft-threshold by c ≥ 0. */
export function softNorm(g: ArrayLike<number>, c: number): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) {
    const a = Math.abs(g[i]) - c;
    if (a > 0) s += a * a;
  }
  return Math.sqrt(s);
}

/**
 * The smallest s ≥ 0 with ‖S(g, s·a)‖₂ ≤ s·b (a, b ≥ 0, not both 0): the level below which a
 * block with gradient g leaves 0 under a·‖β‖₁ + b·‖β‖₂. The left side falls and the right
 * rises with s, so bisection on [0, hi] finds it to float64 precision.
 */
export function zeroLevel(g: ArrayLike<number>, a: number, b: number): number {
  const gMax = Math.max(...Array.from(g, Math.abs), 0);
  if (gMax === 0) return 0;
  if (b === 0) return gMax / a;
  let hi = norm2(g) / b; // ‖S(g, s·a)‖ ≤ ‖g‖ = hi·b
  if (a > 0) hi = Math.min(hi, gMax / a); // S(g, s·a) = 0 there
  let lo = 0;
  for (let it = 0; it < 200 && hi - lo > 1e-16 * hi; it++) {
    const mid = 0.5 * (lo + hi);
    if (softNorm(g, mid * a) <= mid * b) hi = mid;
    else lo = mid;
  }
  return hi;
}
