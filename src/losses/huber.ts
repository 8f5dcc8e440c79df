// Huber loss with threshold δ: ½r² for |r| ≤ δ, δ(|r| − δ/2) beyond, r = y − η. Squared error
// near the fit, absolute error in the tails: robust to outliers in y, and still smooth (C¹).

import { relativeChangeStop } from './path-stop.js';
import { paramValue } from './params.js';
import type { Loss, LossParamSpec, LossSpec } from './types.js';
import { weightedMean } from './weighted-mean.js';

/** Iterations of the null model's location estimate (it converges in far fewer). */
const NULL_ITERATIONS = 500;

/** Outside the band ℓ'' = 0: Newton's model keeps this fraction of the majorizing weight δ/|r|. */
export const NEWTON_FLOOR = 1e-3;

/** ψ(r) = clip(r, −δ, δ): minus the derivative in η. */
const psi = (r: number, delta: number): number => (r > delta ? delta : r < -delta ? -delta : r);

/** δ = 1.35: 95 % efficiency under normal errors, scikit-learn's default. */
const DELTA: LossParamSpec = {
  key: 'delta',
  symbol: 'δ',
  description: 'Huber threshold δ',
  default: 1.35,
  check: (v) => (v > 0 && v < Infinity ? undefined : 'must be > 0'),
  wgslConstant: 'HUBER_DELTA',
};

export const huber: LossSpec = {
  name: 'huber',
  params: [DELTA],
  response: 'real',
  inverseLink: (eta) => eta,
  defaultMeasure: 'deviance',
  wgsl: 'losses/huber.wgsl',
  make: (params) => huberLoss(paramValue(DELTA, params)),
};

function huberLoss(delta: number): Loss {
  const value = (y: number, eta: number): number => {
    const r = Math.abs(y - eta);
    return r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
  };
  // The IRLS weight ψ(r)/r (1 inside, δ/|r| outside): the quadratic with this curvature lies on
  // or above the loss and touches it at r, so each IRLS step is a majorize-minimize step.
  const weight = (r: number): number => {
    const a = Math.abs(r);
    return a <= delta ? 1 : delta / a;
  };
  return {
    name: 'huber',
    quadratic: false,
    residual: true,
    smooth: true,
    pathStop: relativeChangeStop,
    checkResponse() {},
    value,
    derivative: (y, eta) => -psi(y - eta, delta),
    curvature: (y, eta) => weight(y - eta),
    newtonCurvature(y, eta) {
      const a = Math.abs(y - eta);
      return a <= delta ? 1 : (NEWTON_FLOOR * delta) / a;
    },
    quadraticModel(y, eta, wn, W, r) {
      let sumW = 0;
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        const res = y[i] - eta[i];
        const a = Math.abs(res);
        W[i] = wn[i] * (a <= delta ? 1 : delta / a);
        r[i] = wn[i] * psi(res, delta);
        sumW += W[i];
        total += wn[i] * (a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta));
      }
      return { sumW, value: total };
    },
    saturated: () => 0,
    // Huber's location M-estimate, by the same majorize-minimize iteration from the mean.
    nullEta(y, w) {
      let c = weightedMean(y, w);
      for (let it = 0; it < NULL_ITERATIONS; it++) {
        let num = 0;
        let den = 0;
        for (let i = 0; i < y.length; i++) {
          num += w[i] * psi(y[i] - c, delta);
          den += w[i] * weight(y[i] - c);
        }
        const step = num / den;
        c += step;
        if (Math.abs(step) <= 1e-15 * (1 + Math.abs(c))) break;
      }
      return c;
    },
  };
}
