// Every registered loss × every registered penalty on the CPU: the path converges and its own
// certificate (KKT, or stationarity for the nonconvex penalties) holds at every λ, or the
// combination is refused with one clear error. New losses and penalties join by registering.

import { describe, expect, it } from 'vitest';
import { fitPath } from '../src/api/fit-path.js';
import { getLoss, LOSS_NAMES } from '../src/losses/registry.js';
import { PENALTIES, PENALTY_NAMES } from '../src/penalties/registry.js';
import type { FitOptions } from '../src/problem/types.js';
import { normal, rng } from './helpers/data.js';

const n = 60;
const p = 9;
const draw = normal(21);
const coin = rng(22);
const X = Array.from({ length: n }, () => Array.from({ length: p }, (_, j) => draw() * 10 ** ((j % 3) - 1)));
const eta = X.map((row) => 0.4 * row[0] * 10 - 0.3 * row[1] + 0.5 * row[4]);
const responses: Record<string, number[]> = {
  real: eta.map((e) => e + draw()),
  binary: eta.map((e) => (coin() < 1 / (1 + Math.exp(-e)) ? 1 : 0)),
  count: eta.map((e) => Math.round(Math.exp(0.5 * e) * (0.5 + coin()))),
};
const groups = Array.from({ length: p }, (_, j) => `g${j % 4}`);

/** The data a loss takes: 0/1 for logistic, counts for poisson, real otherwise. */
const responseFor = (loss: string) => (loss === 'logistic' ? responses.binary : loss === 'poisson' ? responses.count : responses.real);

describe('every loss × every penalty on the CPU', () => {
  for (const loss of LOSS_NAMES) {
    for (const name of PENALTY_NAMES) {
      const spec = PENALTIES[name];
      it(`${loss} × ${name}`, async () => {
        const options: FitOptions = { loss, nLambda: 25, tol: 1e-10, penalty: { name, ...(spec.traits.grouped ? { groups } : {}) } };
        const fit = fitPath({ X, y: responseFor(loss) }, options);
        if (!getLoss(loss).smooth && !spec.traits.lpExact && !spec.coordinate?.slope) {
          await expect(fit).rejects.toThrow(`option penalty: ${name} needs a differentiable loss`);
          return;
        }
        const result = await fit;
        expect(result.converged.every(Boolean)).toBe(true);
        expect(Math.max(...result.kktViolation)).toBeLessThan(1e-4);
        expect(result.problem).toMatchObject({ loss, penalty: name });
        expect(result.df.at(-1)).toBeGreaterThan(0);
      });
    }
  }
});
