// Float64 vector kernels over column-major storage. Offsets select a column: column j of an
// n-row matrix starts at j·n. These are the whole cost of the CPU path; keep them plain loops.

/** Σ_i a[aOff + i] · b[i], i < n. */
export function dot(a: Float64Array, aOff: number, b: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[aOff + i] * b[i];
    s1 += a[aOff + i + 1] * b[i + 1];
    s2 += a[aOff + i + 2] * b[i + 2];
    s3 += a[aOff + i + 3] * b[i + 3];
  }
  for (; i < n; i++) s0 += a[aOff + i] * b[i];
  return s0 + s1 + s2 + s3;
}

/** Σ_i a[aOff + i] · w[i] · b[i], i < n. */
export function dot3(a: Float64Array, aOff: number, w: Float64Array, b: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += a[aOff + i] * w[i] * b[i];
    s1 += a[aOff + i + 1] * w[i + 1] * b[i + 1];
  }
  for (; i < n; i++) s0 += a[aOff + i] * w[i] * b[i];
  return s0 + s1;
}

/** y[i] += alpha · x[xOff + i], i < n. */
export function axpy(alpha: number, x: Float64Array, xOff: number, y: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) y[i] += alpha * x[xOff + i];
}

/** y[i] += alpha · w[i] · x[xOff + i], i < n. */
export function axpy3(alpha: number, x: Float64Array, xOff: number, w: Float64Array, y: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) y[i] += alpha * w[i] * x[xOff + i];
}
