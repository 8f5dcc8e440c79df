// The terminal's progress bar while the matrix runs (cli-progress on stderr); without a
// terminal, one line per step instead.

import cliProgress from 'cli-progress';
import type { BenchProgress } from './run.js';

export interface ProgressView {
  update(event: BenchProgress): void;
  stop(): void;
}

export function progressView(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  if (!stream.isTTY) {
    let last = '';
    return {
      update: (e) => {
        const line = `[${e.done}/${e.total}] ${e.label}`;
        if (line !== last) stream.write(`${line}\n`);
        last = line;
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream, format: 'bench [{bar}] {value}/{total} {duration_formatted} | {label}', hideCursor: true, clearOnComplete: true, etaBuffer: 4 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(e) {
      if (!started) {
        bar.start(e.total, e.done, { label: e.label });
        started = true;
      } else bar.update(e.done, { label: e.label });
    },
    stop: () => bar.stop(),
  };
}
