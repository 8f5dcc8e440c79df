// Writes test/fixtures/refs/duplicates.json: for each near-duplicate case (duplicates-cases.ts),
// glmnet's λ sequence and the objective of DESIGN §1 at glmnet's solution with thresh 1e-14
// (bench/duplicates-runner.R), so that test/near-duplicates.test.ts needs no R.
//
//   npm run build && node dist/bench/duplicates-references.js

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { caseData, checksum, DUPLICATES_CASES, type DuplicatesCase } from './duplicates-cases.js';
import { readFloat64LE, runnerPath, writeFloat64LE } from './glmnet.js';
import { columnScales, objective } from './objective.js';
import { packageRoot } from './common.js';

const FAMILY = { squared: 'gaussian', logistic: 'binomial', poisson: 'poisson' } as const;

function reference(c: DuplicatesCase): Record<string, unknown> {
  const data = caseData(c);
  const { nSamples: n, nFeatures: p } = c;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-dup-'));
  try {
    writeFloat64LE(path.join(dir, 'X.bin'), data.X);
    writeFloat64LE(path.join(dir, 'y.bin'), data.y);
    const args = [runnerPath('duplicates-runner.R'), dir, n, p, FAMILY[c.loss], c.alpha].map(String);
    const run = spawnSync('Rscript', args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${c.name}: ${run.stderr}`);
    const lambda = readFloat64LE(path.join(dir, 'lambda.bin'));
    const a0 = readFloat64LE(path.join(dir, 'a0.bin'));
    const beta = readFloat64LE(path.join(dir, 'beta.bin'));
    const meta = readFileSync(path.join(dir, 'meta.txt'), 'utf8');
    const input = { loss: c.loss, alpha: c.alpha, X: data.X, y: data.y, nSamples: n, nFeatures: p, scales: columnScales(data.X, n, p) };
    const values = Array.from(lambda, (l, k) => objective(input, l, a0[k], beta.subarray(k * p, (k + 1) * p)));
    return {
      ...c, checksum: checksum(data), lambda: Array.from(lambda), objective: values,
      glmnet: /glmnet_version (\S+)/.exec(meta)?.[1], npasses: Number(/npasses (\d+)/.exec(meta)?.[1]),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cases = DUPLICATES_CASES.map((c) => {
  process.stderr.write(`${c.name} …\n`);
  return reference(c);
});
const file = path.join(packageRoot(), 'test', 'fixtures', 'refs', 'duplicates.json');
writeFileSync(file, `${JSON.stringify({ source: 'R glmnet, thresh 1e-14, maxit 1e7 (bench/duplicates-references.ts)', cases }, null, 1)}\n`);
process.stderr.write(`wrote ${file}\n`);
