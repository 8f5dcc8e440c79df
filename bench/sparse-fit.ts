// proxpath's side of one sparse benchmark row, in a fresh process (bench/sparse.ts runs it): the
// library is imported, then the first fitPath call (cold) and `repeats` more (warm) are timed,
// wall clock and this process's CPU time, on glmnet's λ.
//
//   node dist/bench/sparse-fit.js <dir> <nSamples> <nFeatures> <squared|logistic> <repeats>
//
// Prints {"importMs", "firstMs", "firstCpuMs", "warmMs": [...], "warmCpuMs": [...], "columns"}.

import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cscOf, readFloat64, readSparse } from './sparse-files.js';

const [dir, n, p, loss, repeats] = process.argv.slice(2);
const started = performance.now();
const { fitPath } = await import('../src/api/fit-path.js');
const importMs = performance.now() - started;
const data = readSparse(dir, Number(n), Number(p));
const options = { loss: loss as 'squared' | 'logistic', alpha: 1, lambda: readFloat64(path.join(dir, 'lambda.bin')), backend: 'cpu' as const };
const wall: number[] = [];
const cpu: number[] = [];
let columns = '';
for (let run = 0; run <= Number(repeats); run++) {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const fit = await fitPath({ X: cscOf(data), y: data.y }, options);
  wall.push(performance.now() - start);
  const used = process.cpuUsage(cpu0);
  cpu.push((used.user + used.system) / 1000);
  columns = String(fit.device.columns);
}
process.stdout.write(`${JSON.stringify({ importMs, firstMs: wall[0], firstCpuMs: cpu[0], warmMs: wall.slice(1), warmCpuMs: cpu.slice(1), columns })}\n`);
