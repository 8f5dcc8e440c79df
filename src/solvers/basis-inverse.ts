// The explicit inverse of the simplex's basis, updated at each pivot instead of refactorized.
// The basis M (m × m) has one row per kink sample (E, in order) and one column per unknown of
// the vertex (the intercept's ones, then the active features, in order). A pivot changes M by
// one row (a sample swaps for another), one column (a feature for another), or grows or shrinks
// it by a row and a column together; each is a rank-one change of B = M⁻¹, O(m²) instead of the
// O(m³) of a new factorization (Sherman–Morrison and the bordered inverse). Rounding grows with
// the updates, so the owner refactorizes now and then, and whenever an update's pivot is tiny.
//
// Layout: B is size × size float64, row-major; B's row k belongs to M's column k, B's column a
// to M's row a (M B = B M = I).

/** An update whose pivot is below this (relative to the entries it combines) is refused. */
const TINY_PIVOT = 1e-11;

export class BasisInverse {
  size = 0;
  /** size × size, row-major: the inverse. */
  B = new Float64Array(0);

  /** B = M⁻¹ from scratch (M: size × size, row-major), by Gauss–Jordan with partial pivoting. */
  factor(M: Float64Array, size: number): boolean {
    const A = M.slice();
    const B = new Float64Array(size * size);
    for (let k = 0; k < size; k++) B[k * size + k] = 1;
    let scale = 0;
    for (let t = 0; t < size * size; t++) scale = Math.max(scale, Math.abs(A[t]));
    for (let col = 0; col < size; col++) {
      let pivot = col;
      for (let row = col + 1; row < size; row++) {
        if (Math.abs(A[row * size + col]) > Math.abs(A[pivot * size + col])) pivot = row;
      }
      if (!(Math.abs(A[pivot * size + col]) > 1e-13 * scale)) return false;
      if (pivot !== col) swapRows(A, B, size, pivot, col);
      const inv = 1 / A[col * size + col];
      for (let t = 0; t < size; t++) {
        A[col * size + t] *= inv;
        B[col * size + t] *= inv;
      }
      for (let row = 0; row < size; row++) {
        const f = A[row * size + col];
        if (row === col || f === 0) continue;
        for (let t = 0; t < size; t++) {
          A[row * size + t] -= f * A[col * size + t];
          B[row * size + t] -= f * B[col * size + t];
        }
      }
    }
    this.B = B;
    this.size = size;
    return true;
  }

  /** out = B v: the solution x of M x = v (v, out: size). */
  solve(v: ArrayLike<number>, out: Float64Array): Float64Array {
    const { B, size } = this;
    for (let k = 0; k < size; k++) {
      let s = 0;
      const row = k * size;
      for (let a = 0; a < size; a++) s += B[row + a] * v[a];
      out[k] = s;
    }
    return out;
  }

  /** out = Bᵀ v: the solution x of Mᵀ x = v (v, out: size). */
  solveTransposed(v: ArrayLike<number>, out: Float64Array): Float64Array {
    const { B, size } = this;
    out.fill(0, 0, size);
    for (let k = 0; k < size; k++) {
      const vk = v[k];
      if (vk === 0) continue;
      const row = k * size;
      for (let a = 0; a < size; a++) out[a] += B[row + a] * vk;
    }
    return out;
  }

  /** M's row a becomes `row` (size): B −= c (rᵀB − e_aᵀ) / (rᵀc), c = B's column a. */
  replaceRow(a: number, row: ArrayLike<number>): boolean {
    const { B, size } = this;
    const y = this.rowTimesB(row);
    const denominator = y[a];
    if (!(Math.abs(denominator) > TINY_PIVOT * maxAbs(y))) return false;
    y[a] -= 1;
    const c = new Float64Array(size);
    for (let k = 0; k < size; k++) c[k] = B[k * size + a] / denominator;
    for (let k = 0; k < size; k++) {
      const ck = c[k];
      if (ck === 0) continue;
      const r = k * size;
      for (let l = 0; l < size; l++) B[r + l] -= ck * y[l];
    }
    return true;
  }

  /** M's column k becomes `col` (size): B −= (x − e_k) B_k· / x_k, x = B col. */
  replaceColumn(k: number, col: ArrayLike<number>): boolean {
    const { B, size } = this;
    const x = this.solve(col, new Float64Array(size));
    const denominator = x[k];
    if (!(Math.abs(denominator) > TINY_PIVOT * maxAbs(x))) return false;
    x[k] -= 1;
    const pivotRow = B.slice(k * size, (k + 1) * size);
    for (let r = 0; r < size; r++) {
      const f = x[r] / denominator;
      if (f === 0) continue;
      const base = r * size;
      for (let l = 0; l < size; l++) B[base + l] -= f * pivotRow[l];
    }
    return true;
  }

  /**
   * Borders M with a last row and a last column: `row` (size + 1: the new row's entries on the
   * old columns, then on the new one) and `col` (size: the new column's entries on the old rows).
   * With x = B col, y = rowᵀB and the Schur complement s = δ − rowᵀx, the new inverse is
   * [[B + x yᵀ/s, −x/s], [−yᵀ/s, 1/s]]. s is tiny against |δ| + ‖row‖∞‖x‖∞ when the bordered
   * matrix is singular (the scale is that of norms, not of the products row_k x_k: a row whose
   * zeros meet x's large entries, as a new kink sample's does in the active-set method's system,
   * has products of the size of the rounding).
   */
  append(row: ArrayLike<number>, col: ArrayLike<number>): boolean {
    const { B, size } = this;
    const x = this.solve(col, new Float64Array(size));
    const y = this.rowTimesB(row);
    let s = row[size];
    let rowNorm = 0;
    for (let k = 0; k < size; k++) {
      s -= row[k] * x[k];
      rowNorm = Math.max(rowNorm, Math.abs(row[k]));
    }
    const scale = Math.abs(row[size]) + rowNorm * maxAbs(x);
    if (!(Math.abs(s) > TINY_PIVOT * scale)) return false;
    const next = size + 1;
    const N = new Float64Array(next * next);
    for (let k = 0; k < size; k++) {
      const xs = x[k] / s;
      for (let l = 0; l < size; l++) N[k * next + l] = B[k * size + l] + xs * y[l];
      N[k * next + size] = -xs;
    }
    for (let l = 0; l < size; l++) N[size * next + l] = -y[l] / s;
    N[size * next + size] = 1 / s;
    this.B = N;
    this.size = next;
    return true;
  }

  /**
   * Drops M's row a and column k: the inverse of what is left is
   * B_{−k,−a} − B_{−k,a} B_{k,−a} / B_{k,a}.
   */
  remove(a: number, k: number): boolean {
    const { B, size } = this;
    const pivot = B[k * size + a];
    let scale = 0;
    for (let t = 0; t < size; t++) scale = Math.max(scale, Math.abs(B[t * size + a]), Math.abs(B[k * size + t]));
    if (!(Math.abs(pivot) > TINY_PIVOT * scale)) return false;
    const next = size - 1;
    const N = new Float64Array(next * next);
    for (let r = 0, nr = 0; r < size; r++) {
      if (r === k) continue;
      const f = B[r * size + a] / pivot;
      for (let l = 0, nl = 0; l < size; l++) {
        if (l === a) continue;
        N[nr * next + nl] = B[r * size + l] - f * B[k * size + l];
        nl++;
      }
      nr++;
    }
    this.B = N;
    this.size = next;
    return true;
  }

  /** rowᵀ B (the first `size` entries of row). */
  private rowTimesB(row: ArrayLike<number>): Float64Array {
    const { B, size } = this;
    const y = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      const rk = row[k];
      if (rk === 0) continue;
      const base = k * size;
      for (let l = 0; l < size; l++) y[l] += rk * B[base + l];
    }
    return y;
  }
}

function swapRows(A: Float64Array, B: Float64Array, size: number, r1: number, r2: number): void {
  for (let t = 0; t < size; t++) {
    const a = A[r1 * size + t];
    A[r1 * size + t] = A[r2 * size + t];
    A[r2 * size + t] = a;
    const b = B[r1 * size + t];
    B[r1 * size + t] = B[r2 * size + t];
    B[r2 * size + t] = b;
  }
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let t = 0; t < v.length; t++) m = Math.max(m, Math.abs(v[t]));
  return m;
}
