// One fit, from the Fit button or the example at page load: progress in the status line, the
// results as they arrive, and the end: done, cancelled, or failed with its message beside the
// Fit button (rows said as the file's rows and lines), the last results hidden when this fit has
// none to show. A user's fit or data ends a running example at once.

import { AbortError } from '../../errors.js';
import { inFileTerms } from '../data/row-origin.js';
import type { Table } from '../data/table.js';
import type { ResultsPanel } from '../results/results-panel.js';
import { byId } from '../ui/dom.js';
import { clearMessages, describeError, showMessage } from '../ui/messages.js';
import type { RunRequest, Stage, WorkerMessage } from './protocol.js';
import { RunClock } from './run-clock.js';
import { CancelledError, type FitRunner } from './runner.js';

const STAGE_TEXT: Record<Stage, string> = { path: 'path', cv: 'cross-validation folds', webgpu: 'WebGPU path', cpu: 'CPU path' };

export class FitController {
  /** The number of the current run; an ended run whose number is not current changes nothing. */
  private id = 0;
  private example = false;
  private readonly fitButton = byId<HTMLButtonElement>('fit');
  private readonly cancelButton = byId<HTMLButtonElement>('cancel');
  private readonly progress = byId<HTMLProgressElement>('fit-progress');
  private readonly status = byId('run-status');

  constructor(
    private readonly runner: FitRunner,
    private readonly results: ResultsPanel,
  ) {}

  /** Whether a fit is running that the user did not ask for (the example at page load). */
  get exampleRunning(): boolean {
    return this.example && this.runner.busy;
  }

  /** Ends the example fit, if it runs, as if it had never started. */
  endExample(): void {
    if (this.exampleRunning) this.runner.cancel();
  }

  /** Fits `request` (built from `table` by the form; a thrown error is shown as the fit's). */
  async fit(table: Table, build: () => RunRequest, example = false): Promise<void> {
    this.endExample();
    if (this.runner.busy) return;
    const id = ++this.id;
    clearMessages('run');
    let request: RunRequest;
    try {
      request = build();
    } catch (error) {
      showMessage('run', 'error', describeError(error));
      return;
    }
    this.example = example;
    this.results.reset();
    this.setRunning(true, table);
    this.progress.value = 0;
    this.status.textContent = example ? `Fitting an example: ${table.source}…` : 'Starting…';
    const t0 = performance.now();
    let shown = false;
    const said = { source: table.source, columns: byId('columns-line').textContent ?? '', clock: new RunClock() };
    try {
      await this.runner.run(request, { onMessage: (m) => (shown = this.onMessage(m, said, request) || shown) });
      if (id !== this.id) return;
      this.progress.value = 1;
      this.status.textContent = `${example ? `Example (${table.source}, the settings above) fitted` : 'Done'} in ${((performance.now() - t0) / 1000).toFixed(2)} s.`;
      clearMessages();
    } catch (error) {
      if (id !== this.id) return;
      this.ended(error, shown, table);
    } finally {
      if (id === this.id) this.setRunning(false, table);
    }
  }

  private ended(error: unknown, shown: boolean, table: Table): void {
    const cancelled = error instanceof CancelledError || (error as Error).name === AbortError.name;
    if (!shown) this.results.hide();
    if (cancelled) {
      this.status.textContent = this.example ? 'Ready to fit.' : 'Cancelled: the fit was stopped.';
      return;
    }
    this.status.textContent = shown ? 'Cross-validation failed (the path above is this fit’s):' : 'The fit failed:';
    showMessage('run', 'error', inFileTerms(describeError(error), table));
  }

  /** Shows a message of the worker; true when it put a result on the page. */
  private onMessage(m: Exclude<WorkerMessage, { type: 'ready' | 'done' | 'error' }>, said: { source: string; columns: string; clock: RunClock }, request: RunRequest): boolean {
    if (m.type === 'progress') {
      const what = m.stage === 'cv' && Number.isNaN(m.lambda) ? 'fold fits' : `λ (${STAGE_TEXT[m.stage]})`;
      this.progress.value = m.total > 0 ? m.solved / m.total : 0;
      const iterations = m.iterations !== undefined ? `, ${m.iterations} iterations` : '';
      this.status.textContent = `${m.solved} of ${m.total} ${what} solved${iterations}… (${said.clock.tick(m.stage)})`;
      return false;
    }
    if (m.type === 'path') {
      // The example's results come first on a narrow screen (styles.css), with a note saying what they are.
      document.body.dataset.example = String(this.example);
      byId('example-note').hidden = !this.example;
      this.results.showPath(m.fit, m.wallMs, said.source, said.columns);
      const recovered = m.fit.device.recovered;
      if (recovered?.length) {
        showMessage('run', 'warning', `the GPU device failed during the fit (${recovered.map((r) => r.error).join('; ')}); the remaining λ were solved on ${recovered.at(-1)!.resumedOn}.`);
      }
      if (request.cv) this.status.textContent = 'Path done; cross-validating…';
    } else if (m.type === 'cv') this.results.showCv(m.cv, m.wallMs);
    else this.results.showCompare(m.webgpu, m.cpu, { webgpu: m.webgpuWallMs, cpu: m.cpuWallMs });
    return true;
  }

  private setRunning(running: boolean, table: Table | null): void {
    // The example leaves Fit enabled: pressing it ends the example and fits the user's settings.
    this.fitButton.disabled = (running && !this.example) || !table;
    this.cancelButton.disabled = !running;
    document.body.dataset.running = String(running);
  }
}
