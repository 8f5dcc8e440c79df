// The case's data as proxpath's Dataset (column-major float64, no copy).

import type { Dataset } from '../../problem/types.js';
import type { BenchData } from '../data.js';

export const toColumnMajorData = (data: BenchData): Dataset => ({
  X: { data: data.X, nRows: data.nSamples, nCols: data.nFeatures, layout: 'column-major' },
  y: data.y,
});
