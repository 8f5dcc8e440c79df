// A CSV's header: its column names checked, and which columns are the target, the weights and
// the features (the command-line options, or a saved model's feature names). An unnamed first
// column is row names (R's write.csv, pandas' to_csv: src/csv/row-names.ts) and is left out.

import { InputError, show } from '../errors.js';
import { hasRowNames } from '../csv/row-names.js';

/**
 * Which column is the target (−1: none), which the weights (−1: none), which the features, and
 * whether column 0 is row names (then neither of them).
 */
export interface Columns {
  target: number;
  weights: number;
  features: number[];
  rowNames: boolean;
}

export interface ColumnChoice {
  target?: string;
  weights?: string;
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
  if (options.features) {
    const listed = new Set<string>();
    for (const name of options.features) {
      if (listed.has(name)) throw new InputError(`${source}: model feature ${show(name)} is listed twice`);
      listed.add(name);
    }
    return { target: -1, weights: -1, features: options.features.map((name) => find(name, 'model feature')), rowNames };
  }
  const target =
    options.target !== undefined ? find(options.target, '--target') : (seen.get('y') ?? header.length - 1);
  const weights = options.weights !== undefined ? find(options.weights, '--weights') : -1;
  if (weights === target) {
    throw new InputError(`${source}: column ${show(header[target])} cannot be both the target and the weights`);
  }
  const features = header.map((_, j) => j).filter((j) => j !== target && j !== weights && !(rowNames && j === 0));
  if (features.length === 0) {
    throw new InputError(
      `${source}: no feature columns: the header has only ${listNames(header)} (target ${show(header[target])})`,
    );
  }
  return { target, weights, features, rowNames };
}

function listNames(all: string[]): string {
  const names = all.filter((name) => name !== '');
  const shown = names.slice(0, 8).map((name) => show(name)).join(', ');
  return names.length > 8 ? `${shown}, … (${names.length} columns)` : shown;
}
