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

/**
 * Solves A z = b in place for a symmetric positive definite A (size × size, row-major; only its
 * lower triangle is read, and overwritten by the Cholesky factor), b overwritten by z. Returns
 * false when a pivot is not positive (A is not positive definite to working precision).
 */
export function solveSymmetric(A: Float64Array, b: Float64Array, size: number): boolean {
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
  for (let k = 0; k < size; k++) {
    let s = b[k];
    for (let t = 0; t < k; t++) s -= A[k * size + t] * b[t];
    b[k] = s / A[k * size + k];
  }
  for (let k = size - 1; k >= 0; k--) {
    let s = b[k];
    for (let t = k + 1; t < size; t++) s -= A[t * size + k] * b[t];
    b[k] = s / A[k * size + k];
  }
  return true;
}
