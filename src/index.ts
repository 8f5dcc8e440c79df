// proxpath's public surface: named exports only.

export { fitPath } from './fit.js';
export { PathFit } from './problem/result.js';
export type { PathFitJSON } from './problem/result.js';
export { InputError, AbortError } from './problem/errors.js';
export type {
  AdapterSummary,
  BackendName,
  Dataset,
  DenseMatrix,
  DeviceInfo,
  FitOptions,
  GpuHost,
  LossName,
  ProblemSummary,
  ProgressEvent,
  RecoveryEvent,
  SolverName,
  Timing,
} from './problem/types.js';
