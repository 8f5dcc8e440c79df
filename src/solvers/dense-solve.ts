// A dense square linear solve by LU with partial pivoting, for the small systems of the exact
// piecewise-linear solvers (a few hundred unknowns at most).

/**
 * Factors A (size × size, row-major) in place and solves A z = b, b overwritten by z. Returns
 * -1 on success; when A is singular to working precision (a pivot below 1e-13 × the largest
 * entry) it returns the first column `col` without a pivot, and A's leading rows hold the
 * factors of the columns before it (what `kernelVector` needs).
 */
function factorSolve(A: Float64Array, b: Float64Array, size: number): number {
  let scale = 0;
  for (let t = 0; t < size * size; t++) scale = Math.max(scale, Math.abs(A[t]));
  const tiny = 1e-13 * scale;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let row = col + 1; row < size; row++) {
      if (Math.abs(A[row * size + col]) > Math.abs(A[pivot * size + col])) pivot = row;
    }
    if (!(Math.abs(A[pivot * size + col]) > tiny)) return col;
    if (pivot !== col) {
      for (let t = 0; t < size; t++) {
        const a = A[col * size + t];
        A[col * size + t] = A[pivot * size + t];
        A[pivot * size + t] = a;
      }
      const c = b[col];
      b[col] = b[pivot];
      b[pivot] = c;
    }
    const d = A[col * size + col];
    for (let row = col + 1; row < size; row++) {
      const f = A[row * size + col] / d;
      if (f === 0) continue;
      A[row * size + col] = f;
      for (let t = col + 1; t < size; t++) A[row * size + t] -= f * A[col * size + t];
      b[row] -= f * b[col];
    }
  }
  for (let row = size - 1; row >= 0; row--) {
    let s = b[row];
    for (let t = row + 1; t < size; t++) s -= A[row * size + t] * b[t];
    b[row] = s / A[row * size + row];
  }
  return -1;
}

/**
 * Solves A z = b in place: A is overwritten by its LU factors, b by z. Returns false when A is
 * singular to working precision, and then b holds garbage.
 */
export function solveDense(A: Float64Array, b: Float64Array, size: number): boolean {
  return factorSolve(A, b, size) < 0;
}

/**
 * Solves A z = b in place, or, when A is singular, returns a vector v ≠ 0 with A v ≈ 0: the
 * first column without a pivot is a combination of the columns before it, so v has 1 there,
 * 0 after it, and the combination's coefficients (negated) before it.
 */
export function solveOrKernel(A: Float64Array, b: Float64Array, size: number): { solved: true } | { solved: false; kernel: Float64Array } {
  const col = factorSolve(A, b, size);
  if (col < 0) return { solved: true };
  const v = new Float64Array(size);
  v[col] = 1;
  for (let row = col - 1; row >= 0; row--) {
    let s = -A[row * size + col];
    for (let t = row + 1; t < col; t++) s -= A[row * size + t] * v[t];
    v[row] = s / A[row * size + row];
  }
  return { solved: false, kernel: v };
}

/** A = L Lᵀ in place (lower triangle, row-major); false when a pivot is not positive. */
export function choleskyFactor(A: Float64Array, size: number): boolean {
  for (let k = 0; k < size; k++) {
    const row = k * size;
    for (let c = 0; c <= k; c++) {
      const rowC = c * size;
      let s = A[row + c];
      for (let t = 0; t < c; t++) s -= A[row + t] * A[rowC + t];
      if (c < k) A[row + c] = s / A[rowC + c];
      else if (!(s > 0)) return false;
      else A[row + k] = Math.sqrt(s);
    }
  }
  return true;
}

/** Solves L Lᵀ z = b in place, L from choleskyFactor. */
export function choleskySolve(L: Float64Array, b: Float64Array, size: number): void {
  for (let k = 0; k < size; k++) {
    let s = b[k];
    for (let t = 0; t < k; t++) s -= L[k * size + t] * b[t];
    b[k] = s / L[k * size + k];
  }
  for (let k = size - 1; k >= 0; k--) {
    let s = b[k];
    for (let t = k + 1; t < size; t++) s -= L[t * size + k] * b[t];
    b[k] = s / L[k * size + k];
  }
}

/**
 * The Cholesky factor of A without its row and column k, from A's factor L (size × size) in
 * O(size²): the rows above k are kept, and the trailing block S, whose product S Sᵀ lost the
 * column x = L[k+1…, k], takes it back by a rank-one update (T Tᵀ = S Sᵀ + x xᵀ).
 */
export function choleskyDelete(L: Float64Array, size: number, k: number): Float64Array {
  const m = size - 1;
  const out = new Float64Array(m * m);
  for (let i = 0; i < size; i++) {
    if (i === k) continue;
    const r = i < k ? i : i - 1;
    for (let j = 0; j <= Math.min(i, k - 1); j++) out[r * m + j] = L[i * size + j];
    if (i > k) for (let j = k + 1; j <= i; j++) out[r * m + j - 1] = L[i * size + j];
  }
  const x = new Float64Array(m - k);
  for (let i = k + 1; i < size; i++) x[i - k - 1] = L[i * size + k];
  for (let i = 0; i < x.length; i++) {
    const d = k + i;
    const diag = out[d * m + d];
    const r = Math.hypot(diag, x[i]);
    const c = r / diag;
    const s = x[i] / diag;
    out[d * m + d] = r;
    for (let j = i + 1; j < x.length; j++) {
      const at = (k + j) * m + d;
      out[at] = (out[at] + s * x[j]) / c;
      x[j] = c * x[j] - s * out[at];
    }
  }
  return out;
}
