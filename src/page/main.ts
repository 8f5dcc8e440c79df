// The page: wires the data panel, the model form, the fit worker and the results together. At
// load it fits an example (the bundled diabetes data with the form's settings) so that the first
// view shows a path; the user's first data or Fit ends it.

import { DataPanel, type Loaded } from './data/data-panel.js';
import { selectData, type Table } from './data/table.js';
import { probeAdapter, showNoAdapter } from './model/adapter.js';
import { ColumnsPanel } from './model/columns.js';
import { fillLossFields, readOptions, syncModelFields } from './model/options.js';
import { fillPenaltyFields, resetPenaltyDefaults, syncPenaltyFields } from './model/penalty-fields.js';
import { fillRelaxFields } from './model/relax-fields.js';
import { ResultsPanel } from './results/results-panel.js';
import { FitController } from './run/fit-controller.js';
import type { RunRequest } from './run/protocol.js';
import { FitRunner } from './run/runner.js';
import { byId } from './ui/dom.js';

let table: Table | null = null;
const columns = new ColumnsPanel();
const runner = new FitRunner();
const controller = new FitController(runner, new ResultsPanel());
/** The example's data while they are loading; null once the user has loaded anything. */
let exampleLoad: Promise<boolean> | null = null;

function onLoaded({ table: loaded, target, loss }: Loaded, example = false): void {
  if (!example) {
    exampleLoad = null;
    controller.endExample();
  }
  table = loaded;
  if (loss) byId<HTMLSelectElement>('loss').value = loss;
  syncModelFields();
  columns.setTable(loaded, target);
  byId<HTMLButtonElement>('fit').disabled = runner.busy && !controller.exampleRunning;
  byId('run-status').textContent = 'Ready to fit.';
}

function request(data: Table): RunRequest {
  const selection = columns.selection();
  const { options, cv, compare } = readOptions();
  return { data: selectData(data, selection), options: { ...options, ...columns.perFeature(selection) }, cv, compare };
}

function fit(example = false): void {
  const data = table;
  if (data) void controller.fit(data, () => request(data), example);
}

fillLossFields();
fillPenaltyFields();
fillRelaxFields();
byId('penalty').addEventListener('change', resetPenaltyDefaults);
syncPenaltyFields();
const dataPanel = new DataPanel((loaded) => onLoaded(loaded));
document.querySelectorAll('#loss, #lambda-default, #lambda-list-mode, #compare, #relax').forEach((node) => node.addEventListener('change', syncModelFields));
syncModelFields();
byId('fit').addEventListener('click', () => fit());
byId('cancel').addEventListener('click', () => runner.cancel());
runner.warm();
void probeAdapter().then((state) => {
  if (!state.adapter) showNoAdapter(state.missing ?? 'unknown');
});
const load = (exampleLoad = dataPanel.loadExample('diabetes', (loaded) => onLoaded(loaded, true)));
void load.then((loaded) => {
  if (loaded && exampleLoad === load) fit(true);
});
