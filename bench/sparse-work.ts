// Counted work of the batched iteration on a sparse X (issue 17, item 1, the GPU half): the
// float64 twin (solver 'batched' on the CPU) runs the same ops as WebGPU and src/solvers/batched/
// work.ts counts them alike, from the shapes dispatched. Per path: flops and bytes as counted
// (a sparse product walks the stored entries and adds one shift or sum per sample: 2(nnz + n)
// flops per column, where X̃ dense costs 2n(p + 1)), the passes over X, and that per-pass ratio.
// The working sets' weighted Gram matrices are gathered dense and counted as dense work.
// No timings: this machine's CPU twin says nothing about a GPU's speed.
//
//   npm run bench:sparse-work -- [--full] [--loss squared,logistic] [--seed S]

import Table from 'cli-table3';
import { Command } from 'commander';
import { fitPath } from '../src/api/fit-path.js';
import { parseLosses, parsePositiveInteger } from './common.js';
import { newsLike, oneHot, type SparseData } from './gen-sparse.js';
import { cscOf } from './sparse-files.js';

const program = new Command()
  .option('--full', 'the bench:sparse sizes (news 20,000 × 100,000; one-hot 200,000 × 5,000): hours on the CPU twin, whose per-column Gram matrices are plain loops')
  .option('--loss <list>', 'squared,logistic', parseLosses, ['squared', 'logistic'] as ('squared' | 'logistic')[])
  .option('--seed <n>', 'data seed', parsePositiveInteger, 1);
program.parse();
const opts = program.opts<{ full?: boolean; loss: ('squared' | 'logistic')[]; seed: number }>();

const sizes = opts.full
  ? { news: [20_000, 100_000, 0.001], onehot: [200_000, 50, 100] }
  : { news: [500, 2_000, 0.01], onehot: [5_000, 10, 30] };
const table = new Table({ head: ['data', 'loss', 'n', 'p', 'nnz', 'λ', 'outer it.', 'passes over X', 'GFLOP', 'GB', 'dense/sparse per pass'] });
for (const loss of opts.loss) {
  const rows: [string, SparseData][] = [
    ['news', newsLike(loss, sizes.news[0], sizes.news[1], sizes.news[2], opts.seed)],
    ['onehot', oneHot(loss, sizes.onehot[0], sizes.onehot[1], sizes.onehot[2], opts.seed)],
  ];
  for (const [name, data] of rows) {
    const fit = await fitPath({ X: cscOf(data), y: data.y }, { loss, backend: 'cpu', solver: 'batched', nLambda: 20 });
    const work = fit.work!;
    const { nSamples: n, nFeatures: p } = data;
    const nnz = data.indices.length;
    table.push([name, loss, n, p, nnz, fit.lambda.length, work.outerIterations, work.columnPasses.toFixed(0),
      (work.flops / 1e9).toFixed(2), (work.bytes / 1e9).toFixed(2), (n * (p + 1) / (nnz + n)).toFixed(0)]);
    console.error(`${name} ${loss}: done`);
  }
}
console.log(table.toString());
console.log('Counted on the float64 twin, which WebGPU counts alike (work.ts); the working sets\' Gram matrices are dense work.');
