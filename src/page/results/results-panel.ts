// The results: charts, the λ selection shared by the path chart (click), the slider (keyboard) and
// the CV marks, the coefficient table, the summary and the downloads.

import type { CvFitJSON, PathFitJSON } from '../../index.js';
import { byId, download, fmt } from '../ui/dom.js';
import { agreement } from './agreement.js';
import { Chart } from './chart.js';
import { CoefTable } from './coef-table.js';
import { drawCv } from './cv-chart.js';
import { GammaPicker } from './gamma-picker.js';
import { type CvChoice, cvChoice } from './cv-choice.js';
import { pathCsv } from './downloads.js';
import { drawPath, markSelected, nearestLambda } from './path-chart.js';
import { PathHover } from './path-hover.js';
import { drawStats } from './stats-chart.js';
import { showCompare, showCvSummary, showSummary } from './summary.js';

export class ResultsPanel {
  private fit: PathFitJSON | null = null;
  private cv: CvFitJSON | null = null;
  private compared: { webgpu: PathFitJSON; cpu: PathFitJSON } | null = null;
  private selected = 0;
  private readonly charts: Record<'path' | 'cv' | 'stats', Chart>;
  private readonly table = new CoefTable();
  private readonly slider = byId<HTMLInputElement>('lambda-slider');
  private readonly hover: PathHover;
  private readonly gamma = new GammaPicker(() => this.select(this.selected));

  constructor() {
    byId('results').hidden = false; // ECharts needs sized boxes; hidden again until a result
    this.charts = { path: new Chart(byId('path-chart')), cv: new Chart(byId('cv-chart')), stats: new Chart(byId('stats-chart')) };
    byId('results').hidden = true;
    this.hover = new PathHover(this.charts.path);
    this.charts.path.instance.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
      const x = this.fit ? this.charts.path.xAt(e.offsetX, e.offsetY) : null;
      if (x !== null) this.select(nearestLambda(this.fit!, x));
    });
    this.slider.addEventListener('input', () => this.select(Number(this.slider.value)));
    byId('pick-min').addEventListener('click', () => this.pick('min'));
    byId('pick-1se').addEventListener('click', () => this.pick('1se'));
    byId('download-json').addEventListener('click', () => this.downloadJson());
    byId('download-csv').addEventListener('click', () => this.fit && download('proxpath-coefficients.csv', pathCsv(this.fit), 'text/csv'));
    document.querySelectorAll<HTMLElement>('.export').forEach((group) =>
      group.querySelectorAll<HTMLButtonElement>('button').forEach((button) =>
        button.addEventListener('click', () => {
          const chart = this.charts[group.dataset.chart as 'path' | 'cv' | 'stats'];
          const name = `proxpath-${group.dataset.chart}`;
          if (button.dataset.format === 'png') download(`${name}.png`, chart.png());
          else download(`${name}.svg`, chart.svg(), 'image/svg+xml');
        }),
      ),
    );
  }

  /** Forgets the last result (a new run starts): what is shown stays, dimmed, until the new one comes. */
  reset(): void {
    byId('results').classList.add('stale');
    for (const chart of Object.values(this.charts)) chart.markStale();
    this.hover.setFit(null);
    this.fit = null;
    this.cv = null;
    this.compared = null;
    byId('compare-result').replaceChildren();
    byId('cv-panel').hidden = true;
    byId('pick-min').hidden = true;
    byId('pick-1se').hidden = true;
    this.charts.cv.clear();
  }

  /** Takes the results off the page (a fit failed before it had any). */
  hide(): void {
    byId('results').hidden = true;
    byId('results').classList.remove('stale');
  }

  showPath(fit: PathFitJSON, wallMs: number, source: string, columns: string): void {
    this.fit = fit;
    byId('results').hidden = false;
    byId('results').classList.remove('stale');
    this.selected = Math.min(this.selected, fit.lambda.length - 1);
    this.slider.max = String(fit.lambda.length - 1);
    showSummary(fit, wallMs, source, columns);
    this.gamma.setFit(fit);
    this.hover.setFit(fit);
    drawPath(this.charts.path, fit, this.selected, () => this.hover.tooltip());
    drawStats(this.charts.stats, fit);
    this.select(Math.floor((fit.lambda.length - 1) / 2));
  }

  showCv(cv: CvFitJSON, wallMs: number): void {
    this.cv = cv;
    const curve = cv.curves[0];
    byId('cv-panel').hidden = false;
    byId('pick-min').hidden = false;
    byId('pick-1se').hidden = false;
    drawCv(this.charts.cv, curve, cv.measure);
    showCvSummary(cv, wallMs);
    this.pick('1se');
  }

  /** Selects a CV choice: its λ, and its γ for a relaxed fit's table. */
  private pick(which: 'min' | '1se'): void {
    if (!this.cv) return;
    const choice = cvChoice(this.cv.curves[0]);
    this.gamma.set(which === 'min' ? choice.gammaMin : choice.gamma1se);
    this.select(which === 'min' ? choice.indexMin : choice.index1se);
  }

  showCompare(webgpu: PathFitJSON, cpu: PathFitJSON, wall: { webgpu: number; cpu: number }): void {
    this.compared = { webgpu, cpu };
    showCompare(webgpu, cpu, wall, agreement(webgpu, cpu));
  }

  select(k: number): void {
    if (!this.fit) return;
    this.selected = Math.max(0, Math.min(k, this.fit.lambda.length - 1));
    this.slider.value = String(this.selected);
    const label = this.cv ? choiceLabel(cvChoice(this.cv.curves[0]), this.selected) : '';
    byId('lambda-value').textContent = `λ = ${fmt(this.fit.lambda[this.selected])}, ${this.selected + 1} of ${this.fit.lambda.length}${label}`;
    this.slider.setAttribute('aria-valuetext', byId('lambda-value').textContent!);
    byId('path-chart').dataset.selected = String(this.selected);
    markSelected(this.charts.path, this.fit, this.selected);
    this.table.show(this.fit, this.selected, this.gamma.gamma);
  }

  private downloadJson(): void {
    if (!this.fit) return;
    const body = this.cv ?? (this.compared ? { webgpu: this.compared.webgpu, cpu: this.compared.cpu, agreement: agreement(this.compared.webgpu, this.compared.cpu) } : this.fit);
    download('proxpath-result.json', JSON.stringify(body, null, 1), 'application/json');
  }
}

/** ` (λ_min)`, ` (λ_1se)` or both where the selected λ is a CV choice, with its γ for a relaxed fit (`, γ_min = 0.5`). */
function choiceLabel(choice: CvChoice, k: number): string {
  const gamma = (name: string, g: number | undefined) => (g === undefined ? '' : `, ${name} = ${g}`);
  const names: string[] = [];
  if (k === choice.indexMin) names.push(`λ_min${gamma('γ_min', choice.gammaMin)}`);
  if (k === choice.index1se) names.push(`λ_1se${gamma('γ_1se', choice.gamma1se)}`);
  return names.length === 0 ? '' : ` (${names.join('; ')})`;
}
