// A CSV's header: its column names checked, and which columns are the target, the weights, the
// offset and the features (the command-line options, or a saved model's feature names and the
// new data's offset). An unnamed first column is row names (R's write.csv, pandas' to_csv:
// src/csv/row-names.ts) and is left out.

import { InputError, show } from '../errors.js';
import { hasRowNames } from '../csv/row-names.js';

/**
 * Which column is the target (−1: none), which the weights and which the offset (−1: none), which
 * the features, and whether column 0 is row names (then none of them).
 */
export interface Columns {
  target: number;
  weights: number;
  offset: number;
  features: number[];
  rowNames: boolean;
}

export interface ColumnChoice {
  target?: string;
  weights?: string;
  /** --offset: the offset column (glmnet's offset), never a feature. */
  offset?: string;
  features?: string[];
}

/** Checks the names (`header` already trimmed) and finds the columns; `source` names the file. */
export function columnsOf(header: string[], source: string, options: ColumnChoice): Columns {
  const rowNames = hasRowNames(header);
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    if (rowNames && j === 0) return;
    if (name === '') throw new InputError(`${source}: header: column ${j + 1} has no name`);
    const before = seen.get(name);
    if (before !== undefined) {
      throw new InputError(
        `${source}: header: column name ${show(name)} appears twice (columns ${before + 1} and ${j + 1})`,
      );
    }
    seen.set(name, j);
  });
  const find = (name: string, option: string): number => {
    const j = seen.get(name);
    if (j === undefined) {
      throw new InputError(
        `${source}: ${option} column ${show(name)} not found; the columns are ${listNames(header)}`,
      );
    }
    return j;
  };
  const offset = options.offset !== undefined ? find(options.offset, '--offset') : -1;
  if (options.features) {
    const listed = new Set<string>();
    for (const name of options.features) {
      if (listed.has(name)) throw new InputError(`${source}: model feature ${show(name)} is listed twice`);
      if (name === options.offset) throw new InputError(`${source}: column ${show(name)} is a model feature; it cannot be the offset too`);
      listed.add(name);
    }
    return { target: -1, weights: -1, offset, features: options.features.map((name) => find(name, 'model feature')), rowNames };
  }
  const target =
    options.target !== undefined ? find(options.target, '--target') : (seen.get('y') ?? header.length - 1);
  const weights = options.weights !== undefined ? find(options.weights, '--weights') : -1;
  if (weights === target) {
    throw new InputError(`${source}: column ${show(header[target])} cannot be both the target and the weights`);
  }
  if (offset >= 0 && (offset === target || offset === weights)) {
    const role = offset === target ? 'target' : 'weights';
    throw new InputError(`${source}: column ${show(header[offset])} cannot be both the ${role} and the offset`);
  }
  const others = new Set([target, weights, offset]);
  const features = header.map((_, j) => j).filter((j) => !others.has(j) && !(rowNames && j === 0));
  if (features.length === 0) {
    throw new InputError(
      `${source}: no feature columns: the header has only ${listNames(header)} (target ${show(header[target])})`,
    );
  }
  return { target, weights, offset, features, rowNames };
}

function listNames(all: string[]): string {
  const names = all.filter((name) => name !== '');
  const shown = names.slice(0, 8).map((name) => show(name)).join(', ');
  return names.length > 8 ? `${shown}, … (${names.length} columns)` : shown;
}
