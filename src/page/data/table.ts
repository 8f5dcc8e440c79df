// The page's data: named numeric columns, as read from a file (CSV, libsvm, Matrix Market,
// Parquet, Arrow IPC) or generated.

export interface Table {
  /** Where the data came from, for the summary line ("diabetes.csv", "synthetic …"). */
  source: string;
  names: string[];
  /** One Float64Array of n values per column. */
  columns: Float64Array[];
  n: number;
  /** True when the file's unnamed first column was dropped as row names (src/csv/row-names.ts). */
  rowNames?: boolean;
  /** The file's line of each row (1-based; a CSV's or libsvm's, for messages), absent for other data. */
  lines?: Float64Array;
  /** The column the file names as its target (libsvm's `label`, a Matrix Market X's target file). */
  target?: string;
}

/** What a fit uses from the table: the target, the weights, the offset and the features (column indices). */
export interface Selection {
  target: number;
  weights: number | null;
  /** The offset column (glmnet's offset: added to each row's linear predictor, no coefficient), or none. */
  offset: number | null;
  features: number[];
}

/** The selected columns as one column-major n × p block, ready to move to the fit worker. */
export function selectData(table: Table, selection: Selection) {
  const { n } = table;
  const p = selection.features.length;
  const X = new Float64Array(n * p);
  selection.features.forEach((c, j) => X.set(table.columns[c], j * n));
  return {
    X,
    n,
    p,
    y: table.columns[selection.target].slice(),
    weights: selection.weights === null ? undefined : table.columns[selection.weights].slice(),
    offset: selection.offset === null ? undefined : table.columns[selection.offset].slice(),
    featureNames: selection.features.map((c) => table.names[c]),
  };
}

export type SelectedData = ReturnType<typeof selectData>;
