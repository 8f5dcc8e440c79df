// Logistic loss log(1 + e^η) − yη for y ∈ {0, 1}: the binomial family of glmnet.

import { InputError, show } from '../errors.js';
import { absoluteChangeStop } from './path-stop.js';
import type { Loss, LossSpec } from './types.js';
import { weightedMean } from './weighted-mean.js';

/** glmnet's pmin: fitted probabilities are kept in [pmin, 1 − pmin] for the IRLS weights (logistic and multinomial). */
export const P_MIN = 1e-9;

/** log(1 + e^η) without overflow: for large η it is η + log1p(e^−η). */
export function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

const loss: Loss = {
  name: 'logistic',
  quadratic: false,
  residual: false,
  smooth: true,
  pathStop: absoluteChangeStop,
  checkResponse(y, w) {
    let n0 = 0;
    let n1 = 0;
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 0 && y[i] !== 1) {
        throw new InputError(`logistic loss needs y in {0, 1}: row ${i + 1} has y = ${show(y[i])}`);
      }
      if (w[i] > 0) y[i] === 1 ? n1++ : n0++;
    }
    if (n0 === 0 || n1 === 0) {
      throw new InputError(`logistic loss needs both classes in y: every weighted row has y = ${n1 ? 1 : 0}`);
    }
  },
  value: (y, eta) => softplus(eta) - y * eta,
  derivative: (y, eta) => sigmoid(eta) - y,
  curvature(_y, eta) {
    const mu = Math.min(Math.max(sigmoid(eta), P_MIN), 1 - P_MIN);
    return mu * (1 - mu);
  },
  quadraticModel(y, eta, wn, W, r) {
    let sumW = 0;
    let value = 0;
    for (let i = 0; i < y.length; i++) {
      // One exp for both: with e = e^−|η|, σ(η) and log(1 + e^η) = max(η, 0) + log1p(e).
      const x = eta[i];
      const e = Math.exp(-Math.abs(x));
      const mu = x >= 0 ? 1 / (1 + e) : e / (1 + e);
      const clamped = Math.min(Math.max(mu, P_MIN), 1 - P_MIN);
      W[i] = wn[i] * clamped * (1 - clamped);
      r[i] = wn[i] * (y[i] - mu);
      sumW += W[i];
      value += wn[i] * ((x > 0 ? x : 0) + Math.log1p(e) - y[i] * x);
    }
    return { sumW, value };
  },
  saturated: () => 0,
  nullEta(y, w) {
    const p = weightedMean(y, w);
    return Math.log(p / (1 - p));
  },
};

export const logistic: LossSpec = {
  name: 'logistic',
  params: [],
  response: 'binary',
  // The probability 1/(1 + e^−η): e^−η overflows to ∞ only where the probability is 0 anyway.
  inverseLink: (eta) => 1 / (1 + Math.exp(-eta)),
  classify: (eta) => (eta > 0 ? 1 : 0),
  defaultMeasure: 'deviance',
  wgsl: 'losses/logistic.wgsl',
  make: () => loss,
};
