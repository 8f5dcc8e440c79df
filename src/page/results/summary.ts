// The results' summary: where the fit ran and why, the problem, timings, convergence; the
// cross-validation's choice; and, in compare mode, both backends' times and their agreement.

import type { CvFitJSON, PathFitJSON } from '../../index.js';
import { adapterName } from '../../gpu/device.js';
import { LOSS_PARAMS } from '../../losses/registry.js';
import { findPenalty } from '../../penalties/registry.js';
import { byId, el, fmt, ms } from '../ui/dom.js';
import type { Agreement } from './agreement.js';
import { cvChoice } from './cv-choice.js';

function entries(list: HTMLElement, items: [string, string][]): void {
  list.append(...items.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })]));
}

/** The penalty as the summary says it: its name, γ, its group count, and a local optimum where it is nonconvex. */
function penaltyText(pr: PathFitJSON['problem']): string {
  const name = pr.penalty ?? 'enet';
  const spec = findPenalty(name);
  const gamma = pr.gamma !== undefined ? ` (γ = ${pr.gamma})` : '';
  const groups = pr.groups ? `, ${new Set(pr.groups).size} groups` : '';
  const local = spec && !spec.traits.convex ? ', a local optimum (nonconvex)' : '';
  return `penalty ${name}${gamma}${groups}${local}`;
}

/** `columns`: which columns were the features, the target and the weights (model/columns-line.ts). */
export function showSummary(fit: PathFitJSON, wallMs: number, source: string, columns: string): void {
  const list = byId('summary');
  list.replaceChildren();
  const d = fit.device;
  const pr = fit.problem;
  const notConverged = fit.converged.filter((c) => !c).length;
  const params = LOSS_PARAMS.filter(({ key }) => pr[key] !== undefined).map(({ key, symbol }) => ` (${symbol} = ${pr[key]})`).join('');
  const items: [string, string][] = [
    ['Data', `${source}: n = ${pr.n}, p = ${pr.p}`],
    ['Columns', columns],
    ['Model', `${pr.loss}${params}, ${penaltyText(pr)}, α = ${pr.alpha}${pr.standardize ? ', standardized' : ''}${pr.intercept ? ', intercept' : ', no intercept'}${pr.offset ? ', offset' : ''}${relaxText(fit)}`],
    ['Backend', `${fit.backend}: ${d.reason}`],
  ];
  if (d.adapter) items.push(['Adapter', adapterName(d.adapter)]);
  if (d.recovered?.length) items.push(['Device faults', d.recovered.map((r) => `at λ ${r.atLambda + 1}: ${r.error}; resumed on ${r.resumedOn}`).join('; ')]);
  items.push(
    ['λ', `${fit.lambda.length} values from ${fmt(fit.lambda[0])} to ${fmt(fit.lambda[fit.lambda.length - 1])} (${pr.lambdaSequence === 'user' ? 'your list' : 'default sequence'})`],
    ['Time', `setup ${ms(fit.timing.setupMs)}, solve ${ms(fit.timing.solveMs)}, total ${ms(fit.timing.totalMs)}; ${ms(wallMs)} in the worker`],
    ['Iterations', `${fit.iterations.reduce((s, v) => s + v, 0)} in all; ${notConverged === 0 ? 'every λ converged' : `${notConverged} λ did not converge`}`],
  );
  entries(list, items);
  const warnings = byId('warnings');
  warnings.replaceChildren(...fit.warnings.map((w) => el('li', { textContent: w })));
}

/** `, relaxed lasso (γ grid 0, 0.25, …)` for a relaxed fit. */
const relaxText = (fit: PathFitJSON): string => (fit.relaxed ? `, relaxed lasso (γ grid ${fit.relaxed.gamma.join(', ')})` : '');

export function showCvSummary(cv: CvFitJSON, wallMs: number): void {
  const c = cv.curves[0];
  const choice = cvChoice(c);
  const gamma = (name: string, g: number | undefined) => (g === undefined ? '' : `, ${name} = ${g}`);
  const min = `λ_min = ${fmt(choice.lambdaMin)}${gamma('γ_min', choice.gammaMin)} (${cv.measure} ${fmt(choice.cvm[choice.indexMin])}, ${c.nzero[choice.indexMin]} nonzero)`;
  const se = `λ_1se = ${fmt(choice.lambda1se)}${gamma('γ_1se', choice.gamma1se)} (${c.nzero[choice.index1se]} nonzero)`;
  entries(byId('summary'), [['Cross-validation', `${cv.nFolds} folds, ${cv.measure}${c.relaxed ? ' over (γ, λ)' : ''}: ${min}, ${se}; ${ms(wallMs)}`]]);
  const dd = byId('summary').lastElementChild as HTMLElement;
  dd.id = 'cv-choice';
  Object.assign(dd.dataset, { lambdaMin: String(choice.lambdaMin), lambda1se: String(choice.lambda1se) });
  if (choice.gammaMin !== undefined) Object.assign(dd.dataset, { gammaMin: String(choice.gammaMin), gamma1se: String(choice.gamma1se) });
  byId('warnings').append(...cv.warnings.map((w) => el('li', { textContent: w })));
}

export function showCompare(webgpu: PathFitJSON, cpu: PathFitJSON, wall: { webgpu: number; cpu: number }, agree: Agreement): void {
  const row = (name: string, fit: PathFitJSON, wallMs: number) =>
    el('tr', {}, [el('td', { textContent: name }), el('td', { textContent: ms(fit.timing.solveMs) }), el('td', { textContent: ms(fit.timing.totalMs) }), el('td', { textContent: ms(wallMs) }), el('td', { textContent: String(fit.lambda.length) })]);
  const head = el('tr', {}, ['Backend', 'Solve', 'Total', 'Wall', 'λ'].map((t) => el('th', { scope: 'col', textContent: t })));
  const faster = webgpu.timing.totalMs < cpu.timing.totalMs ? `WebGPU ${fmt(cpu.timing.totalMs / webgpu.timing.totalMs, 3)}× faster` : `CPU ${fmt(webgpu.timing.totalMs / cpu.timing.totalMs, 3)}× faster`;
  const text = el('p', {
    id: 'agreement',
    textContent: `${faster}. Agreement over ${agree.compared} common λ: largest coefficient difference ${fmt(agree.coefficients, 3)} of the largest coefficient; objectives within ${fmt(agree.objective, 3)} relative.`,
  });
  text.dataset.coefficients = String(agree.coefficients);
  text.dataset.objective = String(agree.objective);
  byId('compare-result').replaceChildren(
    el('h3', { textContent: 'WebGPU vs CPU' }),
    el('table', { className: 'compare-table' }, [el('thead', {}, [head]), el('tbody', {}, [row(`WebGPU (${webgpu.device.adapter ? adapterName(webgpu.device.adapter) : 'adapter unknown'})`, webgpu, wall.webgpu), row('CPU (coordinate descent, float64)', cpu, wall.cpu)])]),
    text,
  );
}
