// Poisson loss e^η − yη for counts y ≥ 0: the poisson family of glmnet.

import { InputError, show } from '../errors.js';
import { windowChangeStop } from './path-stop.js';
import type { Loss, LossSpec } from './types.js';
import { weightedMean } from './weighted-mean.js';

/** e^η overflows float64 above ~709.8; clamp η so that a diverging step stays finite. */
const ETA_MAX = 700;

const expClamped = (eta: number): number => Math.exp(Math.min(eta, ETA_MAX));

const loss: Loss = {
  name: 'poisson',
  quadratic: false,
  residual: false,
  smooth: true,
  pathStop: windowChangeStop,
  checkResponse(y, w) {
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      if (y[i] < 0) {
        throw new InputError(`poisson loss needs y ≥ 0: row ${i + 1} has y = ${show(y[i])}`);
      }
      total += w[i] * y[i];
    }
    if (total === 0) throw new InputError('poisson loss needs some y > 0: every weighted row has y = 0');
  },
  value: (y, eta) => expClamped(eta) - y * eta,
  derivative: (y, eta) => expClamped(eta) - y,
  // The IRLS weight is μ; floored so that rows with tiny fitted means keep a usable weight.
  curvature: (_y, eta) => Math.max(expClamped(eta), 1e-12),
  quadraticModel(y, eta, wn, W, r) {
    let sumW = 0;
    let value = 0;
    for (let i = 0; i < y.length; i++) {
      const mu = expClamped(eta[i]);
      W[i] = wn[i] * Math.max(mu, 1e-12);
      r[i] = wn[i] * (y[i] - mu);
      sumW += W[i];
      value += wn[i] * (mu - y[i] * eta[i]);
    }
    return { sumW, value };
  },
  saturated: (y) => (y > 0 ? y - y * Math.log(y) : 0),
  nullEta: (y, w) => Math.log(weightedMean(y, w)),
};

export const poisson: LossSpec = {
  name: 'poisson',
  params: [],
  response: 'count',
  inverseLink: Math.exp,
  defaultMeasure: 'deviance',
  wgsl: 'losses/poisson.wgsl',
  make: () => loss,
};
