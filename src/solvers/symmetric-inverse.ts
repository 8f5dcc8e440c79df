// The explicit inverse of a symmetric matrix that grows and shrinks by one row and column at a
// time (the active-set method's structure system, structure-inverse.ts): bordering appends a
// last row and column, removal drops any one pair, each an O(size²) rank-one update done in
// place (no new array per update: the storage has a capacity, doubled as needed). Symmetry
// halves the work of basis-inverse.ts's general updates: one product B·v per update.
//
// Layout: B is size × size inside a capacity × capacity float64 array, row-major with stride
// `capacity`.

/** An update whose pivot is below this (relative to the entries it combines) is refused. */
const TINY_PIVOT = 1e-11;

export class SymmetricInverse {
  size = 0;
  private capacity = 0;
  private B = new Float64Array(0);
  /** Scratch of the updates (capacity + 1 each). */
  private x = new Float64Array(0);
  private pivotRow = new Float64Array(0);

  /**
   * B = K⁻¹ from scratch (K: size × size, row-major), by Gauss–Jordan in place with partial
   * pivoting (size³ operations); false when a pivot is below 1e-13 × K's largest entry.
   */
  factor(K: Float64Array, size: number): boolean {
    this.reserve(size, false);
    const { B, capacity: c } = this;
    let scale = 0;
    for (let r = 0; r < size; r++) {
      for (let l = 0; l < size; l++) scale = Math.max(scale, Math.abs((B[r * c + l] = K[r * size + l])));
    }
    const swapped = new Int32Array(size);
    for (let k = 0; k < size; k++) {
      let pivot = k;
      for (let r = k + 1; r < size; r++) if (Math.abs(B[r * c + k]) > Math.abs(B[pivot * c + k])) pivot = r;
      if (!(Math.abs(B[pivot * c + k]) > 1e-13 * scale)) return false;
      swapped[k] = pivot;
      if (pivot !== k) swapRows(B, c, size, k, pivot);
      const inverse = 1 / B[k * c + k];
      B[k * c + k] = 1;
      for (let l = 0; l < size; l++) B[k * c + l] *= inverse;
      for (let r = 0; r < size; r++) {
        const f = B[r * c + k];
        if (r === k || f === 0) continue;
        B[r * c + k] = 0;
        for (let l = 0; l < size; l++) B[r * c + l] -= f * B[k * c + l];
      }
    }
    // The row swaps of K are column swaps of its inverse, undone in reverse order.
    for (let k = size - 1; k >= 0; k--) {
      const other = swapped[k];
      if (other === k) continue;
      for (let r = 0; r < size; r++) {
        const t = B[r * c + k];
        B[r * c + k] = B[r * c + other];
        B[r * c + other] = t;
      }
    }
    this.size = size;
    return true;
  }

  /** out = B v (v, out: size). */
  solve(v: ArrayLike<number>, out: Float64Array): Float64Array {
    const { B, size, capacity } = this;
    for (let k = 0; k < size; k++) {
      let s = 0;
      const row = k * capacity;
      for (let a = 0; a < size; a++) s += B[row + a] * v[a];
      out[k] = s;
    }
    return out;
  }

  /**
   * Borders K with a last row and column `row` (size: its entries on the old columns) and the
   * diagonal entry δ. With x = B row and the Schur complement s = δ − rowᵀx, the new inverse is
   * [[B + x xᵀ/s, −x/s], [−xᵀ/s, 1/s]]; s tiny against |δ| + ‖row‖∞‖x‖∞ means the bordered
   * matrix is singular, and the update is refused.
   */
  append(row: ArrayLike<number>, diagonal: number): boolean {
    const size = this.size;
    const x = this.solve(row, this.scratch(size + 1));
    let s = diagonal;
    let rowNorm = 0;
    let xNorm = 0;
    for (let k = 0; k < size; k++) {
      s -= row[k] * x[k];
      rowNorm = Math.max(rowNorm, Math.abs(row[k]));
      xNorm = Math.max(xNorm, Math.abs(x[k]));
    }
    if (!(Math.abs(s) > TINY_PIVOT * (Math.abs(diagonal) + rowNorm * xNorm))) return false;
    this.reserve(size + 1, true);
    const { B, capacity } = this;
    for (let k = 0; k < size; k++) {
      const f = x[k] / s;
      const base = k * capacity;
      if (f !== 0) for (let l = 0; l < size; l++) B[base + l] += f * x[l];
      B[base + size] = -f;
      B[size * capacity + k] = -f;
    }
    B[size * capacity + size] = 1 / s;
    this.size = size + 1;
    return true;
  }

  /**
   * Drops row and column k: the inverse of what is left is B_{−k,−k} − B_{−k,k} B_{k,−k} / B_{kk};
   * refused when the pivot B_kk is tiny against B's row k (what is left is singular).
   */
  remove(k: number): boolean {
    const { B, size, capacity } = this;
    const pivot = B[k * capacity + k];
    let scale = 0;
    for (let t = 0; t < size; t++) scale = Math.max(scale, Math.abs(B[k * capacity + t]));
    if (!(Math.abs(pivot) > TINY_PIVOT * scale)) return false;
    const column = this.scratch(size);
    for (let r = 0; r < size; r++) column[r] = B[r * capacity + k] / pivot;
    const pivotRow = this.pivotRow;
    pivotRow.set(B.subarray(k * capacity, k * capacity + size));
    for (let r = 0; r < size; r++) {
      const f = column[r];
      if (f === 0 || r === k) continue;
      const base = r * capacity;
      for (let l = 0; l < size; l++) B[base + l] -= f * pivotRow[l];
    }
    // Close the gap: rows after k up by one, then columns after k left by one.
    for (let r = k + 1; r < size; r++) B.copyWithin((r - 1) * capacity, r * capacity, r * capacity + size);
    for (let r = 0; r < size - 1; r++) B.copyWithin(r * capacity + k, r * capacity + k + 1, r * capacity + size);
    this.size = size - 1;
    return true;
  }

  /** The scratch vector, with room for `length` entries. */
  private scratch(length: number): Float64Array {
    if (this.x.length < length) this.x = new Float64Array(Math.max(length, this.capacity + 1));
    return this.x;
  }

  /** Room for `size` rows and columns; `keep` copies the current inverse into a larger array. */
  private reserve(size: number, keep: boolean): void {
    if (size <= this.capacity) return;
    const capacity = Math.max(size, 2 * this.capacity, 16);
    const B = new Float64Array(capacity * capacity);
    for (let k = 0; keep && k < this.size; k++) {
      B.set(this.B.subarray(k * this.capacity, k * this.capacity + this.size), k * capacity);
    }
    this.B = B;
    this.capacity = capacity;
    this.pivotRow = new Float64Array(capacity);
  }
}

function swapRows(B: Float64Array, stride: number, size: number, r1: number, r2: number): void {
  for (let l = 0; l < size; l++) {
    const t = B[r1 * stride + l];
    B[r1 * stride + l] = B[r2 * stride + l];
    B[r2 * stride + l] = t;
  }
}
