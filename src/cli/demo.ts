// `proxpath demo` (what `npm start` runs): the lasso path of the diabetes data, as a table.

import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { REFERENCE_LABEL } from '../bench/reference.js';
import { demoComparison } from '../bench/demo-comparison.js';
import { runnerLabel } from '../bench/report/format.js';
import { fitPath } from '../api/fit-path.js';
import { backendLine } from './backend-line.js';
import { readCsv } from './csv.js';
import { formatJSON, writeOutput } from './output.js';
import { warn } from './report.js';

/** data/diabetes.csv from the compiled file (dist/src/cli) or, when run from source, src/cli. */
function diabetesPath(): string {
  const candidates = ['../../../data/diabetes.csv', '../../data/diabetes.csv'].map((rel) =>
    fileURLToPath(new URL(rel, import.meta.url)),
  );
  return candidates.find((path) => existsSync(path)) ?? candidates[0];
}

const SHOWN = ['bmi', 'bp', 's5'];

const fmt = (x: number): string => (x === 0 ? '0' : Number(x.toPrecision(4)).toString());

export async function demoCommand(): Promise<void> {
  const started = performance.now();
  const data = await readCsv(diabetesPath(), { target: 'y' });
  const parseMs = performance.now() - started;
  const fit = await fitPath(
    { X: data.X, y: data.y, featureNames: data.featureNames },
    { loss: 'squared', alpha: 1, backend: 'auto' },
  );
  for (const message of fit.warnings) warn(message);

  const columns = SHOWN.map((name) => fit.featureNames.indexOf(name)).filter((j) => j >= 0);
  const table = new Table({
    head: ['k', 'λ', 'nonzeros', 'dev. ratio', ...columns.map((j) => fit.featureNames[j])],
    colAligns: ['right', 'right', 'right', 'right', ...columns.map(() => 'right' as const)],
    // No colours (the output may go to a file) and no rules between rows.
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  const K = fit.lambda.length;
  // Every ~10th λ, and the last one.
  const step = Math.max(1, Math.round(K / 10));
  const shown = new Set<number>();
  for (let k = 0; k < K; k += step) shown.add(k);
  if (K > 0) shown.add(K - 1);
  for (const k of shown) {
    table.push([
      String(k + 1),
      fmt(fit.lambda[k]),
      String(fit.df[k]),
      fit.devRatio[k].toFixed(4),
      ...columns.map((j) => fmt(fit.beta[k][j])),
    ]);
  }

  const { n, p } = fit.problem;
  const json = fit.toJSON();
  await writeOutput('result.json', formatJSON({ ...json, timing: { parseMs, ...json.timing } }));
  const t = fit.timing;
  console.log(`proxpath demo: lasso path (squared loss) on the diabetes data, n = ${n}, p = ${p}, ${K} λ values`);
  console.log(table.toString());
  console.log(backendLine(fit));
  console.log(
    `time: read ${parseMs.toFixed(1)} ms, setup ${t.setupMs.toFixed(1)} ms, ` +
      `solve ${t.solveMs.toFixed(1)} ms, fit total ${t.totalMs.toFixed(1)} ms`,
  );
  console.log('wrote result.json');
  await compare(data.X.data, data.y, n, p);
}

/** The same data's path on the CPU, on WebGPU in headless Chrome and in glmnet: times, agreement, the HTML report. */
async function compare(X: Float64Array, y: Float64Array, nSamples: number, nFeatures: number): Promise<void> {
  console.log('');
  console.log('comparing backends on the same data (50 λ, 3 timed runs each after a warm-up) ...');
  const { report, written } = await demoComparison({ X, y, nSamples, nFeatures }, 'bench-results');
  const run = report.cases[0];
  for (const r of run.runs) {
    const agreement = run.agreement.find((a) => a.runner === r.runner);
    const label = runnerLabel(r.runner, r.device).padEnd(46);
    if (!r.ok) console.log(`  ${label} ${r.error}`);
    else {
      const of = agreement?.reference === REFERENCE_LABEL ? `the optimum (${REFERENCE_LABEL})` : "the CPU's";
      const diff = agreement ? `objective within ${agreement.objectiveMaxRelDiff.toExponential(1)} of ${of}${agreement.flagged ? ' (BEYOND TOLERANCE)' : ''}` : 'reference';
      console.log(`  ${label} median ${r.time!.medianMs.toFixed(1).padStart(8)} ms   ${diff}`);
    }
  }
  if (report.softwareFallback) console.log('  (the WebGPU adapter here is SwiftShader, a CPU emulation of a GPU: its time is not GPU speed)');
  console.log(`wrote the comparison report ${written.html} (and .md, .json)`);
}
