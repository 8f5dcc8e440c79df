// `proxpath bench` (and `npm run bench`): runs the benchmark matrix with a progress bar and
// writes results.json, results.md and results.html; prints the Markdown summary.

import { benchConfig, type BenchFlags } from '../bench/config.js';
import { progressView } from '../bench/progress.js';
import { runBench } from '../bench/run.js';
import { renderMarkdown } from '../bench/report/markdown.js';
import { writeReport } from '../bench/report/write.js';
import { probeDawn } from '../gpu/dawn-probe.js';

export interface BenchCommandFlags extends BenchFlags {
  chrome?: string;
  chromeFlag?: string[];
  browserUrl?: string;
  out: string;
  progress: boolean;
}

export async function benchCommand(flags: BenchCommandFlags): Promise<void> {
  const config = benchConfig(flags);
  if (!flags.backends) {
    // Dawn joins by default only where it has a hardware adapter (on SwiftShader it crashes).
    const probe = await probeDawn();
    if (probe.adapter && !probe.adapter.software) config.runners = [...config.runners, 'dawn'];
  }
  const view = flags.progress ? progressView() : undefined;
  let report;
  try {
    report = await runBench(config, {
      browser: { executablePath: flags.chrome, flags: flags.chromeFlag ?? [], browserURL: flags.browserUrl },
      onProgress: (event) => view?.update(event),
    });
  } finally {
    view?.stop();
  }
  const written = await writeReport(report, flags.out);
  process.stdout.write(renderMarkdown(report));
  process.stderr.write(`wrote ${written.json}, ${written.markdown} and ${written.html}\n`);
}
