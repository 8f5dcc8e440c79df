// What every reader of a data file gives the commands: X (column-major, or the CSC of a sparse
// file: libsvm, Matrix Market), y and weights, the names, and where each kept row came from (its
// row number; its line for line-based formats).

import type { CsvData } from './csv-reader.js';
import type { TripletCsc } from '../formats/csc.js';
import type { IndexArray } from '../formats/csv-store.js';

export interface DataTable extends Omit<CsvData, 'origin' | 'X'> {
  /** n × p: a CSV's (or a column file's) column-major float64, a sparse file's CSC. */
  X: CsvData['X'] | TripletCsc;
  /** Where kept row i came from: its data-row number and, in text formats, its line (both 1-based). */
  origin: { row: IndexArray; line?: IndexArray };
}

/** Where a row came from, for messages: `row 5 (line 7)` or `row 5`. */
export function rowPlace(data: Pick<DataTable, 'origin'>, i: number): string {
  const { row, line } = data.origin;
  return line === undefined ? `row ${row[i]}` : `row ${row[i]} (line ${line[i]})`;
}
