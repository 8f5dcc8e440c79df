// Squared error ½(y − η)²: the Gaussian family of glmnet.

import { relativeChangeStop } from './path-stop.js';
import type { Loss, LossSpec } from './types.js';
import { weightedMean } from './weighted-mean.js';

const loss: Loss = {
  name: 'squared',
  quadratic: true,
  residual: true,
  smooth: true,
  pathStop: relativeChangeStop,
  checkResponse() {},
  value: (y, eta) => 0.5 * (y - eta) * (y - eta),
  derivative: (y, eta) => eta - y,
  curvature: () => 1,
  quadraticModel(y, eta, wn, W, r) {
    let sumW = 0;
    let value = 0;
    for (let i = 0; i < y.length; i++) {
      const residual = y[i] - eta[i];
      W[i] = wn[i];
      r[i] = wn[i] * residual;
      sumW += wn[i];
      value += 0.5 * wn[i] * residual * residual;
    }
    return { sumW, value };
  },
  saturated: () => 0,
  nullEta: (y, w) => weightedMean(y, w),
};

export const squared: LossSpec = {
  name: 'squared',
  params: [],
  response: 'real',
  inverseLink: (eta) => eta,
  defaultMeasure: 'mse',
  wgsl: 'losses/squared.wgsl',
  make: () => loss,
};
