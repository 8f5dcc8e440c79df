// When a default path stops before its last λ, as glmnet does: once the deviance ratio
// passes 0.999 or stops changing. Each glmnet family words "stops changing" its own way, and
// the losses pick the matching rule so that default paths have glmnet's length.

/** glmnet's fdev, devmax and mnlam. */
const FDEV = 1e-5;
const DEV_MAX = 0.999;
export const MIN_LAMBDAS_BEFORE_STOP = 5;

export type PathStopRule = (devRatio: readonly number[]) => boolean;

/** elnet (squared loss): relative change from the previous λ below fdev. */
export const relativeChangeStop: PathStopRule = (d) => {
  const k = d.length - 1;
  return d[k] > DEV_MAX || d[k] - d[k - 1] < FDEV * d[k];
};

/** lognet (logistic loss): absolute change from the previous λ below fdev. */
export const absoluteChangeStop: PathStopRule = (d) => {
  const k = d.length - 1;
  return d[k] > DEV_MAX || d[k] - d[k - 1] < FDEV;
};

/** fishnet (Poisson loss): relative change over the last mnlam λ values below 10·fdev. */
export const windowChangeStop: PathStopRule = (d) => {
  const k = d.length - 1;
  return (d[k] - d[k - MIN_LAMBDAS_BEFORE_STOP + 1]) / d[k] < 10 * FDEV || d[k] > DEV_MAX;
};

/** Saturation alone: the deviance ratio past devmax (the rule for paths whose ratio may plateau). */
export const saturationStop: PathStopRule = (d) => d[d.length - 1] > DEV_MAX;
