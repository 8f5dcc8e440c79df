// The data panel: a file from the file input or dropped on the zone (CSV, libsvm, Matrix Market
// with its target file, Parquet, Arrow IPC: read in a worker with a progress bar), a bundled
// dataset, or synthetic data. A failed load leaves the last good data
// in place and says why.

import { byId, el } from '../ui/dom.js';
import { clearMessages, describeError, showMessage } from '../ui/messages.js';
import { currentLoss } from '../model/options.js';
import { BUNDLED, fetchBundled } from './bundled.js';
import { formatOfFile, pairFiles } from './choose-format.js';
import { loadCsv } from './load-csv.js';
import { loadFormat } from './load-format.js';
import { generateInWorker } from './generate-synthetic.js';
import { checkSpec, LARGE } from './synthetic.js';
import type { Table } from './table.js';
import type { LossName } from '../../problem/types.js';

/** Data made in a worker: stops at the signal, says its progress (a fraction and a line). */
type Produce = (signal: AbortSignal, progress: (fraction: number, text: string) => void) => Promise<Table>;

export interface Loaded {
  table: Table;
  target?: string;
  loss?: LossName;
}

export class DataPanel {
  private loading: AbortController | null = null;
  private readonly progress = byId<HTMLProgressElement>('parse-progress');
  private readonly summary = byId('data-summary');

  constructor(private readonly onLoaded: (loaded: Loaded) => void) {
    const input = byId<HTMLInputElement>('file-input');
    input.addEventListener('change', () => {
      this.pick([...(input.files ?? [])]);
      input.value = '';
    });
    const zone = byId('drop-zone');
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      this.pick([...(e.dataTransfer?.files ?? [])]);
    });
    const select = byId<HTMLSelectElement>('bundled');
    select.replaceChildren(...BUNDLED.map((d) => el('option', { value: d.id, textContent: d.title })));
    byId('load-bundled').addEventListener('click', () => this.loadBundled(select.value));
    byId('generate').addEventListener('click', () => this.generate());
    byId('generate-large').addEventListener('click', () => this.large());
  }

  async loadBundled(id: string): Promise<void> {
    const dataset = BUNDLED.find((d) => d.id === id)!;
    try {
      const blob = await fetchBundled(dataset);
      await this.load(blob, dataset.file, dataset.target, dataset.loss);
    } catch (error) {
      showMessage('data', 'error', describeError(error));
    }
  }

  /**
   * The example at page load: a bundled dataset handed to `report` (not to the panel's callback).
   * False when it did not load, or when the user's own data came first.
   */
  async loadExample(id: string, report: (loaded: Loaded) => void): Promise<boolean> {
    const dataset = BUNDLED.find((d) => d.id === id)!;
    try {
      const blob = await fetchBundled(dataset);
      if (this.loading || this.current) return false;
      return await this.load(blob, dataset.file, dataset.target, dataset.loss, report);
    } catch (error) {
      showMessage('data', 'error', `the example: ${describeError(error)}`);
      return false;
    }
  }

  /** Files the user chose or dropped: one data file, or a Matrix Market X and its target. */
  private pick(files: File[]): void {
    if (files.length === 0) return;
    const pair = pairFiles(files);
    if (typeof pair === 'string') showMessage('data', 'error', pair);
    else void this.load(pair.data, pair.data.name, undefined, undefined, this.onLoaded, pair.target);
  }

  /**
   * Reads a data file in its format (`yFile`: a Matrix Market X's target) and reports it (to
   * `report`, else the panel's callback); false when it did not load.
   */
  private load(file: Blob, name: string, target?: string, loss?: LossName, report = this.onLoaded, yFile?: File): Promise<boolean> {
    const say = (bytes: number, total: number, count: string) => `Reading ${name}: ${(bytes / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB, ${count}`;
    const read: Produce = async (signal, progress) => {
      const format = await formatOfFile(file, name);
      if (format === 'csv') return loadCsv(file, name, (p) => progress(p.total > 0 ? p.bytes / p.total : 0, say(p.bytes, p.total, `${p.rows} rows`)), signal);
      const request = { format, file, source: name, ...(yFile ? { target: { file: yFile, source: yFile.name } } : {}) };
      return loadFormat(request, (p) => progress(p.total > 0 ? p.bytes / p.total : 0, say(p.bytes, p.total, `${p.count} ${p.unit}`)), signal);
    };
    return this.produce(`Reading ${name}…`, read, { target, loss }, report);
  }

  /** Data from `make` (a worker), with the progress bar; a newer load or generation ends it. */
  private async produce(start: string, make: Produce, loaded: Omit<Loaded, 'table'>, report: (loaded: Loaded) => void): Promise<boolean> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.progress.hidden = false;
    this.progress.value = 0;
    this.summary.textContent = start;
    const progress = (fraction: number, text: string) => {
      this.progress.value = fraction;
      this.summary.textContent = text;
    };
    try {
      const table = await make(controller.signal, progress);
      this.accept({ ...loaded, table }, report);
      return true;
    } catch (error) {
      if (controller.signal.aborted) return false;
      showMessage('data', 'error', describeError(error));
      this.summary.textContent = this.current ? this.describe(this.current) : 'No data loaded.';
      return false;
    } finally {
      if (this.loading === controller) {
        this.loading = null;
        this.progress.hidden = true;
      }
    }
  }

  private current: Table | null = null;

  private generate(): void {
    const num = (id: string) => Number(byId<HTMLInputElement>(id).value);
    const spec = { n: num('syn-n'), p: num('syn-p'), rho: num('syn-rho'), nonzero: num('syn-k'), snr: num('syn-snr'), seed: num('syn-seed'), loss: currentLoss() };
    const problem = checkSpec(spec);
    if (problem) {
      showMessage('data', 'error', `synthetic data: ${problem}`);
      return;
    }
    const make: Produce = (signal, progress) => generateInWorker(spec, (rows, total) => progress(rows / total, `Generating: ${rows} of ${total} rows`), signal);
    void this.produce(`Generating ${spec.n} × ${spec.p}…`, make, { target: 'y', loss: spec.loss }, this.onLoaded);
  }

  /** The large preset's sizes in the fields, then its data. */
  private large(): void {
    const set = (id: string, v: number) => (byId<HTMLInputElement>(id).value = String(v));
    set('syn-n', LARGE.n);
    set('syn-p', LARGE.p);
    set('syn-k', LARGE.nonzero);
    this.generate();
  }

  private accept(loaded: Loaded, report = this.onLoaded): void {
    clearMessages('data');
    this.current = loaded.table;
    this.summary.textContent = this.describe(loaded.table);
    report({ ...loaded, target: loaded.target ?? loaded.table.target });
  }

  private describe(table: Table): string {
    const rowNames = table.rowNames ? ' Its unnamed first column was read as row names and ignored.' : '';
    return `Loaded ${table.source}: ${table.n} rows × ${table.names.length} columns.${rowNames}`;
  }
}
