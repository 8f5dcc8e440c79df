import { it } from 'vitest';
import { fitPath } from '../src/index.js';
import { kktViolation } from './helpers/certificate.js';
import { randomProblem, randomWeights } from './helpers/problems.js';
it('diag', async () => {
  for (const [loss, seed, std] of [['squared', 101, true], ['squared', 105, false], ['logistic', 110, true], ['poisson', 121, true], ['poisson', 124,true]] as const) {
    const { X, y } = randomProblem(loss, seed, 120, 12);
    const w = seed === 101 || seed === 121 ? randomWeights(seed + 7, 120) : undefined;
    const row: string[] = [];
    for (const tol of [1e-8, 1e-10, 1e-12, 1e-14]) {
      const fit = await fitPath({ X, y, weights: w }, { loss, tol, nLambda: 20, standardize: std });
      const P = { X, y, w, loss, alpha: 1, standardize: std, intercept: true };
      let worst = 0, worstRep = 0;
      for (let k = 0; k < fit.lambda.length; k++) { worst = Math.max(worst, kktViolation(P, fit.lambda[k], fit.intercept[k], fit.beta[k], fit.lambda[0])); worstRep = Math.max(worstRep, fit.kktViolation[k]); }
      row.push(`${tol}: ${worst.toExponential(2)} (rep ${worstRep.toExponential(2)}, iters ${fit.iterations.reduce((a,b)=>a+b,0)})`);
    }
    console.log(loss, seed, row.join(' | '));
  }
});
