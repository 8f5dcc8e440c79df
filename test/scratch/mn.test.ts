import { readFileSync } from 'node:fs';
import { fitPath } from '../../src/index.js';
const refs: any = JSON.parse(readFileSync('/work/wt-multinomial/test/fixtures/refs/multinomial.json','utf8'));
function load(file: string): any {
  const lines = readFileSync('/work/wt-multinomial/test/fixtures/data/'+file,'utf8').trim().split('\n');
  const header = lines[0].split(',').map(s=>s.replace(/"/g,''));
  const rows = lines.slice(1).map(l=>l.split(','));
  const feat = header.filter(h=>h!=='y'&&h!=='w');
  const X = rows.map(r=>feat.map(f=>Number(r[header.indexOf(f)])));
  const yi = header.indexOf('y'); const wi = header.indexOf('w');
  const y = rows.map(r=>{const v=r[yi].replace(/"/g,''); return isNaN(Number(v))? v : Number(v);});
  const w = wi>=0 ? rows.map(r=>Number(r[wi])) : undefined;
  return {X,y,w,feat};
}
import {it} from "vitest";
it("scratch", async () => {
for (const c of refs.cases.filter((c: any) => !process.env.ONLY || c.name.includes(process.env.ONLY))) {
  const d = load(c.file);
  const pf = c.penaltyFactor?.map(v=>v>=1e308?Infinity:v);
  const t=performance.now();
  const fit = await fitPath({X:d.X,y:d.y,weights:c.weights?d.w:undefined}, {loss:'multinomial', multinomial:c.type, alpha:c.alpha, standardize:c.standardize, intercept:c.intercept, penaltyFactor:pf, lower:c.lower, upper:c.upper, tol:Number(process.env.TOL ?? 1e-10), backend:'cpu'});
  const ms=performance.now()-t;
  const K=Math.min(fit.lambda.length,c.lambda.length);
  let lamErr=0, objErr=0, objMin=0; let dfBad=0;
  for(let k=0;k<K;k++){lamErr=Math.max(lamErr,Math.abs(fit.lambda[k]-c.lambda[k])/c.lambda[k]); const r=(fit.objective[k]-c.objective[k])/c.objective[k]; objErr=Math.max(objErr,Math.abs(r)); objMin=Math.min(objMin,r); if(fit.df[k]!==c.df[k]) dfBad++;}
  console.log(c.name, 'K', fit.lambda.length, c.lambda.length, 'lam', lamErr.toExponential(2), 'obj', objErr.toExponential(2), 'ours-lower', objMin.toExponential(2), 'dfBad', dfBad, 'kkt', Math.max(...fit.kktViolation).toExponential(2), 'conv', fit.converged.every(Boolean), ms.toFixed(0)+'ms', 'nulldev', fit.nullDeviance, c.nulldev);
}
}, 900000);
