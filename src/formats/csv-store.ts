// Growing storage for the numbers of a CSV read row by row: the columns kept (features first,
// then the target and the weights) share one column-major float64 buffer with room for
// `capacity` rows, and each kept row's origin (data-row and line numbers) goes into compact
// integer columns. Grown geometrically, then compacted in place: the numbers exist once, plus
// the room the growth left (kept small by growing to an estimate of the final row count).

/** Row or line numbers: uint32 while they fit (4 bytes a row), float64 beyond. */
export type IndexArray = Uint32Array | Float64Array;

/** Least growth factor: the copies made by growing cost at most 1/(factor − 1) = 4 times n. */
const LEAST_GROWTH = 1.25;
/** Room added to an estimated row count, so that a fair estimate needs no second growth. */
const ESTIMATE_MARGIN = 1.02;
/** The kept matrix may be a view of a buffer at most this much larger, else it is copied exactly. */
const VIEW_SLACK = 1.125;

/** nColumns float64 columns growing by rows, column-major: (row i, column k) at k·capacity + i. */
export class FloatColumns {
  values: Float64Array;
  capacity: number;

  constructor(readonly nColumns: number, capacity: number) {
    this.capacity = Math.max(1, capacity);
    this.values = new Float64Array(this.capacity * nColumns);
  }

  /** Moves the first nRows rows into room for `capacity` rows. */
  resize(capacity: number, nRows: number): void {
    const grown = new Float64Array(capacity * this.nColumns);
    for (let k = 0; k < this.nColumns; k++) {
      grown.set(this.values.subarray(k * this.capacity, k * this.capacity + nRows), k * capacity);
    }
    this.values = grown;
    this.capacity = capacity;
  }

  /**
   * The first nRows rows as nRows × nColumns column-major (in place: this store is spent). The
   * first `nMatrix` columns come back as one array and the others one by one: views of the
   * buffer when it is hardly larger than the matrix (the buffer lives on with the matrix anyway),
   * else exact copies.
   */
  finish(nRows: number, nMatrix: number): { matrix: Float64Array; others: Float64Array[] } {
    const { values, capacity } = this;
    // Column k moves down from k·capacity to k·nRows; targets never pass sources (nRows ≤ capacity).
    if (capacity !== nRows) {
      for (let k = 1; k < this.nColumns; k++) values.copyWithin(k * nRows, k * capacity, k * capacity + nRows);
    }
    const size = nRows * nMatrix;
    const view = values.length <= VIEW_SLACK * size;
    const take = (from: number, to: number) => (view ? values.subarray(from, to) : values.slice(from, to));
    const matrix = take(0, size);
    const others: Float64Array[] = [];
    for (let k = nMatrix; k < this.nColumns; k++) others.push(take(k * nRows, (k + 1) * nRows));
    this.values = new Float64Array(0);
    this.capacity = 0;
    return { matrix, others };
  }
}

/** One integer column growing by rows; switches to float64 the first time a value passes 2³² − 1. */
export class IndexColumn {
  values: IndexArray;

  constructor(capacity: number) {
    this.values = new Uint32Array(Math.max(1, capacity));
  }

  set(i: number, value: number): void {
    if (value > 0xffffffff && this.values instanceof Uint32Array) this.values = Float64Array.from(this.values);
    this.values[i] = value;
  }

  resize(capacity: number, nRows: number): void {
    const grown = this.values instanceof Uint32Array ? new Uint32Array(capacity) : new Float64Array(capacity);
    grown.set(this.values.subarray(0, nRows));
    this.values = grown;
  }

  finish(nRows: number): IndexArray {
    const { values } = this;
    return values.length <= VIEW_SLACK * nRows ? values.subarray(0, nRows) : values.slice(0, nRows);
  }
}

/**
 * The capacity to grow to when `nRows` rows fill `capacity`: the estimated final row count (with
 * a margin) when there is one, else double; always at least LEAST_GROWTH times more.
 */
export function nextCapacity(capacity: number, nRows: number, estimatedRows?: number): number {
  const least = Math.max(nRows + 1, Math.ceil(capacity * LEAST_GROWTH));
  if (estimatedRows === undefined || !Number.isFinite(estimatedRows)) return Math.max(least, capacity * 2);
  return Math.max(least, Math.ceil(estimatedRows * ESTIMATE_MARGIN));
}

/** A first capacity from an estimated row count (none: a small start, grown by doubling). */
export function firstCapacity(estimatedRows?: number): number {
  if (estimatedRows === undefined || !Number.isFinite(estimatedRows)) return 1024;
  return Math.max(16, Math.ceil(estimatedRows * ESTIMATE_MARGIN) + 16);
}
