// Small float64 linear algebra for closed-form references, written plainly in the test tree
// (independent of the library's code).

/** Solves A x = b for a symmetric positive definite A by Cholesky (A = L Lᵀ). */
export function choleskySolve(A: number[][], b: number[]): number[] {
  const p = A.length;
  const L = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    let d = A[j][j];
    for (let k = 0; k < j; k++) d -= L[j][k] * L[j][k];
    if (!(d > 0)) throw new Error(`choleskySolve: matrix is not positive definite at column ${j}`);
    L[j][j] = Math.sqrt(d);
    for (let i = j + 1; i < p; i++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      L[i][j] = s / L[j][j];
    }
  }
  const z = new Array<number>(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * z[k];
    z[i] = s / L[i][i];
  }
  const x = new Array<number>(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= L[k][i] * x[k];
    x[i] = s / L[i][i];
  }
  return x;
}

/** Weighted column means Σ w_i x_ij / Σ w_i. */
export function weightedColumnMeans(X: number[][], w: number[]): number[] {
  const p = X[0].length;
  const sw = w.reduce((a, b) => a + b, 0);
  const m = new Array<number>(p).fill(0);
  for (let i = 0; i < X.length; i++) for (let j = 0; j < p; j++) m[j] += (w[i] * X[i][j]) / sw;
  return m;
}

/** Weighted (1/Σw) standard deviations of the columns around their weighted means. */
export function weightedColumnSds(X: number[][], w: number[]): number[] {
  const p = X[0].length;
  const sw = w.reduce((a, b) => a + b, 0);
  const m = weightedColumnMeans(X, w);
  const q = new Array<number>(p).fill(0);
  for (let i = 0; i < X.length; i++) for (let j = 0; j < p; j++) q[j] += (w[i] * (X[i][j] - m[j]) ** 2) / sw;
  return q.map(Math.sqrt);
}

/**
 * Columns made centered and mutually orthogonal by modified Gram–Schmidt, then scaled so that
 * (1/n) Σ_i x_ij² = 1. Input and output are rows (n × p, n > p).
 */
export function orthonormalCenteredColumns(X: number[][]): number[][] {
  const n = X.length;
  const p = X[0].length;
  const cols: number[][] = [];
  for (let j = 0; j < p; j++) {
    let c = X.map((r) => r[j]);
    // Two passes of centering and orthogonalization for float64 accuracy.
    for (let pass = 0; pass < 2; pass++) {
      const mean = c.reduce((a, b) => a + b, 0) / n;
      c = c.map((v) => v - mean);
      for (const q of cols) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += c[i] * q[i];
        dot /= n;
        for (let i = 0; i < n; i++) c[i] -= dot * q[i];
      }
    }
    const norm = Math.sqrt(c.reduce((a, v) => a + v * v, 0) / n);
    cols.push(c.map((v) => v / norm));
  }
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]));
}

/** Soft threshold S(z, t) = sign(z) max(|z| − t, 0). */
export const softThreshold = (z: number, t: number): number => (z > t ? z - t : z < -t ? z + t : 0);

/** Largest |a − b| / max(|b|, floor) over two equally long vectors. */
export function maxRelativeDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-300): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}
