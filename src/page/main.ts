// The page: wires the data panel, the model form, the fit worker and the results together.

import { AbortError } from '../errors.js';
import { DataPanel, type Loaded } from './data/data-panel.js';
import { selectData, type Table } from './data/table.js';
import { probeAdapter, showNoAdapter } from './model/adapter.js';
import { ColumnsPanel } from './model/columns.js';
import { fillLossFields, readOptions, syncModelFields } from './model/options.js';
import { fillPenaltyFields, resetPenaltyDefaults, syncPenaltyFields } from './model/penalty-fields.js';
import { ResultsPanel } from './results/results-panel.js';
import type { Stage } from './run/protocol.js';
import { CancelledError, FitRunner } from './run/runner.js';
import { byId } from './ui/dom.js';
import { clearMessages, describeError, showMessage } from './ui/messages.js';

const STAGE_TEXT: Record<Stage, string> = { path: 'path', cv: 'cross-validation folds', webgpu: 'WebGPU path', cpu: 'CPU path' };

let table: Table | null = null;
const columns = new ColumnsPanel();
const results = new ResultsPanel();
const runner = new FitRunner();
const fitButton = byId<HTMLButtonElement>('fit');
const cancelButton = byId<HTMLButtonElement>('cancel');
const progress = byId<HTMLProgressElement>('fit-progress');
const status = byId('run-status');

function onLoaded({ table: loaded, target, loss }: Loaded): void {
  table = loaded;
  if (loss) byId<HTMLSelectElement>('loss').value = loss;
  syncModelFields();
  columns.setTable(loaded, target);
  fitButton.disabled = runner.busy;
  status.textContent = 'Ready to fit.';
}

function setRunning(running: boolean): void {
  fitButton.disabled = running || !table;
  cancelButton.disabled = !running;
  document.body.dataset.running = String(running);
}

async function fit(): Promise<void> {
  if (!table || runner.busy) return;
  clearMessages();
  let request;
  try {
    const selection = columns.selection();
    const { options, cv, compare } = readOptions();
    request = { data: selectData(table, selection), options: { ...options, ...columns.perFeature(selection) }, cv, compare };
  } catch (error) {
    showMessage('error', describeError(error));
    return;
  }
  const source = table.source;
  results.reset();
  setRunning(true);
  progress.value = 0;
  status.textContent = 'Starting…';
  const t0 = performance.now();
  try {
    await runner.run(request, {
      onMessage(m) {
        if (m.type === 'progress') {
          const what = m.stage === 'cv' && Number.isNaN(m.lambda) ? 'fold fits' : `λ (${STAGE_TEXT[m.stage]})`;
          progress.value = m.total > 0 ? m.solved / m.total : 0;
          const iterations = m.iterations !== undefined ? `, ${m.iterations} iterations` : '';
          status.textContent = `${m.solved} of ${m.total} ${what} solved${iterations}…`;
        } else if (m.type === 'path') {
          results.showPath(m.fit, m.wallMs, source);
          if (m.fit.device.recovered?.length) {
            showMessage('warning', `the GPU device failed during the fit (${m.fit.device.recovered.map((r) => r.error).join('; ')}); the remaining λ were solved on ${m.fit.device.recovered.at(-1)!.resumedOn}.`);
          }
          if (request.cv) status.textContent = 'Path done; cross-validating…';
        } else if (m.type === 'cv') results.showCv(m.cv, m.wallMs);
        else if (m.type === 'compare') results.showCompare(m.webgpu, m.cpu, { webgpu: m.webgpuWallMs, cpu: m.cpuWallMs });
      },
    });
    progress.value = 1;
    status.textContent = `Done in ${((performance.now() - t0) / 1000).toFixed(2)} s.`;
  } catch (error) {
    if (error instanceof CancelledError || (error as Error).name === AbortError.name) {
      status.textContent = 'Cancelled: the fit was stopped.';
    } else {
      status.textContent = 'The fit failed (see the message above).';
      showMessage('error', describeError(error));
    }
  } finally {
    setRunning(false);
  }
}

fillLossFields();
fillPenaltyFields();
byId('penalty').addEventListener('change', resetPenaltyDefaults);
syncPenaltyFields();
new DataPanel(onLoaded);
document.querySelectorAll('#loss, #lambda-default, #lambda-list-mode, #compare').forEach((node) => node.addEventListener('change', syncModelFields));
syncModelFields();
fitButton.addEventListener('click', () => void fit());
cancelButton.addEventListener('click', () => runner.cancel());
runner.warm();
void probeAdapter().then((state) => {
  if (!state.adapter) showNoAdapter(state.missing ?? 'unknown');
});
