// The target of a multinomial fit as class labels: a CSV's cells as written (csv-reader.ts,
// option labels), numbers when every label is a plain decimal number (so 1, 2, 10 sort as numbers,
// as R's factor levels of a numeric y do), else strings; the numbers of a libsvm file's labels,
// a Parquet or Arrow numeric column, or a Matrix Market --y file as they are.

import type { ClassLabel } from '../problem/multinomial-options.js';
import type { DataTable } from './data-table.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function classLabels(data: Pick<DataTable, 'labels' | 'y'>): ClassLabel[] {
  const { labels } = data;
  if (labels === undefined) return Array.from(data.y);
  return labels.every((label) => NUMBER.test(label)) ? labels.map(Number) : labels.slice();
}

/** A class label as a CSV cell: quoted (quotes doubled) when it holds a comma, a quote, a line break or edge spaces. */
export function csvCell(label: ClassLabel): string {
  const text = String(label);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
