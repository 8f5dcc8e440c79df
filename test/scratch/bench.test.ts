import { it } from 'vitest';
import { fitPath } from '../../src/index.js';
import { generateMultinomial } from '../../bench/multinomial-rows.js';
it('bench row', async () => {
  const row = { nSamples: Number(process.env.N ?? 1000), nFeatures: 100, nClasses: Number(process.env.C ?? 10), type: (process.env.TYPE ?? 'ungrouped') as 'ungrouped' };
  const { X, y } = generateMultinomial(row, 7 + row.nClasses);
  const data = { X: { data: X, nRows: row.nSamples, nCols: 100, layout: 'column-major' as const }, y: Array.from(y) };
  for (const tol of (process.env.TOLS ?? '1e-7,1e-12').split(',').map(Number)) {
    const t = performance.now();
    const fit = await fitPath(data, { loss: 'multinomial', multinomial: row.type, tol });
    console.log('tol', tol, 'ms', (performance.now() - t).toFixed(0), 'K', fit.lambda.length, 'passes', fit.iterations.reduce((a, b) => a + b), 'notconv', fit.converged.filter((c) => !c).length, 'maxkkt', Math.max(...fit.kktViolation).toExponential(2));
    (globalThis as any)['fit' + tol] = fit;
    console.log('obj98', fit.objective[98], 'obj60', fit.objective[60], 'obj80', fit.objective[80]);
  }
  const a = (globalThis as any)['fit1e-7'], b = (globalThis as any)['fit1e-12'];
  if (a && b) { let w = 0, wk = 0; for (let k = 0; k < Math.min(a.lambda.length, b.lambda.length); k++) { const r = (a.objective[k] - b.objective[k]) / b.objective[k]; if (r > w) { w = r; wk = k; } } console.log('worst excess', w.toExponential(2), 'at', wk, 'iters there', a.iterations[wk], b.iterations[wk]); }
}, 600000);
