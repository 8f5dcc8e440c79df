// A dense square linear solve by LU with partial pivoting, for the small systems of the exact
// finish of the piecewise-linear solver (a few hundred unknowns at most).

/**
 * Solves A z = b in place: A is size × size, row-major, and is overwritten by its LU factors;
 * b is overwritten by z. Returns false when A is singular to working precision (a pivot below
 * 1e-13 × the largest entry), and then b holds garbage.
 */
export function solveDense(A: Float64Array, b: Float64Array, size: number): boolean {
  let scale = 0;
  for (let t = 0; t < size * size; t++) scale = Math.max(scale, Math.abs(A[t]));
  const tiny = 1e-13 * scale;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let row = col + 1; row < size; row++) {
      if (Math.abs(A[row * size + col]) > Math.abs(A[pivot * size + col])) pivot = row;
    }
    if (!(Math.abs(A[pivot * size + col]) > tiny)) return false;
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
  return true;
}
