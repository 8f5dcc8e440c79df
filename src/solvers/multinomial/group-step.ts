// The block step of the grouped multinomial penalty with a diagonal model: the minimizer over
// β ∈ R^C of Σ_c ½a_c β_c² − u_cβ_c + l1‖β‖₂ (a_c = v_c + l2: the class's curvature plus the ridge
// part). It is 0 when ‖u‖ ≤ l1; otherwise β_c = u_c / (a_c + s) with s = l1/‖β‖ the root of
// h(s) = Σ_c (s·u_c / (a_c + s))² − l1², increasing from −l1² at 0 to ‖u‖² − l1² > 0: safeguarded
// Newton in a shrinking bracket. Equal a_c give the closed form (s = l1·a / (‖u‖ − l1)), the start.

const MAX_STEPS = 100;

/** Writes the minimizer into beta (C values); u and a are C values each. */
export function groupMinimizer(u: Float64Array, a: Float64Array, l1: number, beta: Float64Array): void {
  const C = u.length;
  let norm = 0;
  let aMean = 0;
  for (let c = 0; c < C; c++) {
    norm += u[c] * u[c];
    aMean += a[c] / C;
  }
  norm = Math.sqrt(norm);
  if (norm <= l1) {
    beta.fill(0);
    return;
  }
  let s = l1 === 0 ? 0 : (l1 * aMean) / (norm - l1);
  if (s > 0) s = rootOf(u, a, l1, s);
  for (let c = 0; c < C; c++) beta[c] = u[c] / (a[c] + s);
}

function rootOf(u: Float64Array, a: Float64Array, l1: number, start: number): number {
  const C = u.length;
  let lo = 0;
  let hi = Infinity;
  let s = start;
  for (let step = 0; step < MAX_STEPS; step++) {
    let h = -l1 * l1;
    let dh = 0;
    for (let c = 0; c < C; c++) {
      const d = a[c] + s;
      const b = (s * u[c]) / d;
      h += b * b;
      dh += (2 * b * u[c] * a[c]) / (d * d);
    }
    if (h === 0) return s;
    if (h < 0) lo = s;
    else hi = s;
    let next = s - h / dh;
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * s + 1e-300 : 0.5 * (lo + hi);
    if (Math.abs(next - s) <= 1e-15 * s) return next;
    s = next;
  }
  return s;
}
