// One proxpath fit in a fresh process, as a command-line user pays it: the library is imported,
// then the first fitPath call is timed. Run by bench/cold-start.ts, one process per run.
//
//   node dist/bench/cold-fit.js <dir> <nSamples> <nFeatures> <squared|logistic>
//
// Reads <dir>/X.bin, y.bin (float64 little-endian, column-major X) and lambda.bin (glmnet's λ);
// prints {"importMs": …, "firstMs": …, "secondMs": …} (the second call: the same process warm).

import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFloat64LE } from './glmnet.js';

const [dir, n, p, loss] = process.argv.slice(2);
const nSamples = Number(n);
const nFeatures = Number(p);
const started = performance.now();
const { fitPath } = await import('../src/api/fit-path.js');
const importMs = performance.now() - started;
const X = { data: readFloat64LE(path.join(dir, 'X.bin')), nRows: nSamples, nCols: nFeatures, layout: 'column-major' as const };
const y = readFloat64LE(path.join(dir, 'y.bin'));
const options = { loss: loss as 'squared' | 'logistic', alpha: 1, lambda: readFloat64LE(path.join(dir, 'lambda.bin')), backend: 'cpu' as const };
const times: number[] = [];
for (let run = 0; run < 2; run++) {
  const start = performance.now();
  await fitPath({ X, y }, options);
  times.push(performance.now() - start);
}
process.stdout.write(`${JSON.stringify({ importMs, firstMs: times[0], secondMs: times[1] })}\n`);
