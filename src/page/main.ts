// The first page: fits the bundled diabetes lasso path with the library and shows a table.

import Papa from 'papaparse';
import diabetesCsv from '../../data/diabetes.csv?raw';
import { fitPath } from '../index.js';

function parseDiabetes() {
  const rows = Papa.parse<string[]>(diabetesCsv.trim(), { skipEmptyLines: true }).data;
  const header = rows[0];
  const target = header.indexOf('y');
  const features = header.map((_, c) => c).filter((c) => c !== target);
  const body = rows.slice(1);
  return {
    X: body.map((r) => features.map((c) => Number(r[c]))),
    y: body.map((r) => Number(r[target])),
    featureNames: features.map((c) => header[c]),
  };
}

function cell(tag: 'td' | 'th', text: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

async function run(): Promise<void> {
  const status = document.getElementById('status')!;
  const table = document.getElementById('path') as HTMLTableElement;
  status.textContent = 'fitting…';
  try {
    const fit = await fitPath(parseDiabetes(), { loss: 'squared', alpha: 1, backend: 'cpu' });
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    for (const name of ['λ', 'nonzeros', 'deviance ratio', ...fit.featureNames]) head.append(cell('th', name));
    const body = table.createTBody();
    for (let k = 0; k < fit.lambda.length; k += 8) {
      const row = body.insertRow();
      const values = [fit.lambda[k], fit.df[k], fit.devRatio[k], ...fit.beta[k]];
      for (const v of values) row.append(cell('td', Number(v.toPrecision(4)).toString()));
    }
    status.textContent = `${fit.lambda.length} λ values in ${fit.timing.totalMs.toFixed(1)} ms (backend: ${fit.backend}, kernels: ${String(fit.device.kernels)})`;
  } catch (error) {
    status.textContent = `error: ${(error as Error).message}`;
  }
}

document.getElementById('fit')!.addEventListener('click', () => void run());
