// proxpath's public surface: named exports only.

export { fitPath } from './api/fit-path.js';
export { PathFit } from './problem/result.js';
export type { PathFitJSON, PredictOptions, PredictType } from './problem/result.js';
export { MultinomialFit, MULTINOMIAL_FORMAT } from './problem/multinomial-fit.js';
export type { MultinomialFitJSON, MultinomialPredictOptions, MultinomialSummary } from './problem/multinomial-fit.js';
export type { ClassLabel } from './problem/multinomial-options.js';
export { cvPath } from './api/cv-path.js';
export type { MultinomialCv, MultinomialCvOptions, MultinomialMeasure } from './cv/multinomial-cv.js';
export type { CvOptions } from './cv/cv-options.js';
export { CvFit } from './cv/cv-fit.js';
export type { CvBest, CvChoice, CvCurve, CvFitJSON, CvGamma, CvLambda } from './cv/cv-fit.js';
export type { RelaxedCurve } from './cv/relaxed-curves.js';
export type { RelaxedPath } from './problem/relaxed.js';
export type { MeasureName } from './cv/measures.js';
export { webWorkerFolds, serveFolds } from './hosts/web-workers.js';
export type { FoldData, FoldJob, FoldPath, FoldRunner } from './cv/fold-runner.js';
export { loadModel } from './model/load.js';
export { loadMultinomialModel } from './model/load-multinomial.js';
export { InputError, AbortError } from './errors.js';
export type {
  AdapterSummary,
  BackendName,
  Dataset,
  DenseMatrix,
  DeviceInfo,
  FitOptions,
  GpuHost,
  LossName,
  MultinomialDataset,
  MultinomialOptions,
  MultinomialType,
  ProblemSummary,
  ProgressEvent,
  RecoveryEvent,
  SolverName,
  SparseMatrix,
  Timing,
} from './problem/types.js';
