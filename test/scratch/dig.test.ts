import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { fitPath } from '../../src/index.js';
const refs: any = JSON.parse(readFileSync('test/fixtures/refs/multinomial.json', 'utf8'));
const lines = readFileSync('test/fixtures/data/digits.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
const X = lines.map((r) => r.slice(0, 64));
const y = lines.map((r) => r[64]);
it('digits', async () => {
  const c = refs.cases.find((c: any) => c.name === (process.env.CASE ?? 'digits ungrouped'));
  const t = performance.now();
  const fit = await fitPath({ X, y }, { loss: 'multinomial', multinomial: c.type, tol: Number(process.env.TOL ?? 1e-10), lambda: process.env.USERLAM ? c.lambda : undefined });
  console.log('ms', performance.now() - t);
  for (let k = 0; k < fit.lambda.length; k += Number(process.env.STEP ?? 8)) console.log(k, fit.iterations[k], fit.kktViolation[k].toExponential(2), k < c.objective.length ? ((fit.objective[k] - c.objective[k]) / c.objective[k]).toExponential(2) : '');
}, 600000);
