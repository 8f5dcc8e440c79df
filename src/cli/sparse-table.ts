// A sparse file's rows (libsvm, Matrix Market) as the commands' table: the triplets made once into
// the CSC matrix the library fits without densifying (src/formats/csc.ts), features named x1…xp,
// the target, weights and offset given beside them. For predict, a saved model's features x<k>
// pick the columns (others are ignored; a model feature the file never mentions is a zero column).

import { InputError, show } from '../errors.js';
import type { DataTable } from './data-table.js';
import type { NumberColumn } from '../formats/number-lines.js';
import { tripletsToCsc } from '../formats/csc.js';
import type { SparseRows } from '../formats/triplets.js';

export interface SparseTableOptions {
  /** The target (libsvm: the labels; Matrix Market: --y); absent for predict. */
  target?: NumberColumn;
  weights?: NumberColumn;
  /** --offset-file: the rows' offsets (fit, cv and predict). */
  offset?: NumberColumn;
  /** A saved model's feature names (predict): the columns to take, in this order. */
  features?: string[];
  /** Whether a model feature past the file's columns is an error (Matrix Market) or zeros (libsvm). */
  strictColumns: boolean;
}

const FEATURE = /^x([1-9]\d*)$/;

export function sparseTable(rows: SparseRows, source: string, options: SparseTableOptions): DataTable {
  const { nRows, nCols } = rows;
  const names = options.features ?? Array.from({ length: nCols }, (_, j) => `x${j + 1}`);
  const positionOf = options.features ? modelColumns(options.features, nCols, options.strictColumns, source) : undefined;
  const columnOf = positionOf ? (j: number) => positionOf.get(j) ?? -1 : (j: number) => j;
  const X = tripletsToCsc(rows.entries, nRows, names.length, columnOf);
  const row = new Uint32Array(nRows);
  for (let i = 0; i < nRows; i++) row[i] = i + 1;
  const { target, weights, offset } = options;
  return {
    X,
    y: target?.values ?? new Float64Array(0),
    ...(weights ? { weights: weights.values } : {}),
    ...(offset ? { offset: offset.values, offsetName: offset.name ?? 'offset' } : {}),
    featureNames: names,
    targetName: target ? (target.name ?? 'y') : '',
    weightsName: weights ? (weights.name ?? 'weights') : '',
    rowNames: false,
    nDropped: 0,
    origin: { row, ...(rows.lines ? { line: rows.lines } : {}) },
  };
}

/** Column index (0-based) → position among the model's features. */
function modelColumns(features: string[], nCols: number, strict: boolean, source: string): Map<number, number> {
  const positionOf = new Map<number, number>();
  features.forEach((name, position) => {
    const match = FEATURE.exec(name);
    if (!match) throw new InputError(`${source}: model feature ${show(name)} is not a column of this file (its columns are x1…x${nCols})`);
    const j = Number(match[1]) - 1;
    if (positionOf.has(j)) throw new InputError(`${source}: model feature ${show(name)} is listed twice`);
    if (strict && j >= nCols) throw new InputError(`${source}: model feature ${show(name)} not found; the file has ${nCols} columns (x1…x${nCols})`);
    positionOf.set(j, position);
  });
  return positionOf;
}
