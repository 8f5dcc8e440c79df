// The model form as fit options: loss (δ, τ), penalty (γ, groups), α, the λ sequence or list, standardize, intercept,
// the relaxed lasso (relax-fields.ts), cross-validation and backend. Each value is checked here with a message naming the field; the
// library checks the rest (and the data) and its messages are shown as they are.

import type { MeasureName } from '../../index.js';
import { LOSS_NAMES, LOSS_PARAMS, lossSpec } from '../../losses/registry.js';
import type { LossParamSpec, ResponseKind } from '../../losses/types.js';
import type { BackendName, LossName } from '../../problem/types.js';
import { parseCell } from '../data/csv-columns.js';
import type { CvSettings, PlainOptions } from '../run/protocol.js';
import { byId } from '../ui/dom.js';
import { readPenalty } from './penalty-fields.js';
import { readRelax, syncRelaxFields } from './relax-fields.js';

const value = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id).value.trim();
const checked = (id: string) => byId<HTMLInputElement>(id).checked;

function numberField(id: string, label: string, ok: (v: number) => boolean, rule: string): number {
  const raw = value(id);
  const v = raw === '' ? NaN : Number(raw);
  if (!Number.isFinite(v) || !ok(v)) throw new Error(`${label}: ${JSON.stringify(raw)} is not ${rule}`);
  return v;
}

/** A loss parameter's field (the input whose id is its key), checked by the parameter's rule. */
function paramField(param: LossParamSpec): number {
  const raw = value(param.key);
  const v = raw === '' ? NaN : Number(raw);
  const problem = Number.isNaN(v) ? 'is not a number' : param.check(v);
  if (problem !== undefined) throw new Error(`${param.description}: ${JSON.stringify(raw)} ${problem}`);
  return v;
}

/**
 * The loss menu from the registry ('logistic (y 0/1)', 'huber (δ)'), and each loss parameter's
 * field (the input whose id is its key) at the library's default: the page fits as fitPath does.
 */
export function fillLossFields(): void {
  const menu = byId<HTMLSelectElement>('loss');
  menu.replaceChildren(...LOSS_NAMES.map((name) => {
    const spec = lossSpec(name);
    const hints = [RESPONSE_HINTS[spec.response], ...spec.params.map((p) => p.symbol)].filter((h) => h !== '');
    return new Option(hints.length > 0 ? `${name} (${hints.join(', ')})` : name, name);
  }));
  for (const param of LOSS_PARAMS) byId<HTMLInputElement>(param.key).value = String(param.default);
}

const RESPONSE_HINTS: Record<ResponseKind, string> = { real: '', binary: 'y 0/1', count: 'counts' };

export function currentLoss(): LossName {
  return value('loss') as LossName;
}

/** Shows the fields of the loss's own parameters (δ for huber, τ for quantile); the λ list or the sequence fields. */
export function syncModelFields(): void {
  const keys: string[] = lossSpec(currentLoss()).params.map((p) => p.key);
  document.querySelectorAll<HTMLElement>('[data-loss-param]').forEach((node) => (node.hidden = !keys.includes(node.dataset.lossParam!)));
  const list = checked('lambda-list-mode');
  byId<HTMLInputElement>('lambda-list').disabled = !list;
  byId('lambda-default-fields').querySelectorAll('input').forEach((input) => (input.disabled = list));
  const compare = checked('compare');
  byId<HTMLInputElement>('folds').disabled = compare;
  byId<HTMLSelectElement>('measure').disabled = compare;
  byId<HTMLSelectElement>('backend').disabled = compare;
  syncRelaxFields();
}

export function readOptions(): { options: PlainOptions; cv: CvSettings | null; compare: boolean } {
  const loss = currentLoss();
  const options: PlainOptions = {
    loss,
    penalty: readPenalty(),
    alpha: numberField('alpha', 'α', (v) => v >= 0 && v <= 1, 'in [0, 1]'),
    standardize: checked('standardize'),
    intercept: checked('intercept'),
    backend: value('backend') as BackendName,
    ...readRelax(),
  };
  for (const param of lossSpec(loss).params) options[param.key] = paramField(param);
  if (checked('lambda-list-mode')) {
    const raw = value('lambda-list');
    const items = raw.split(/[\s,;]+/).filter((s) => s !== '');
    if (items.length === 0) throw new Error('λ list: give at least one value, e.g. 1, 0.1, 0.01');
    options.lambda = items.map((s) => {
      const v = parseCell(s);
      if (!(v >= 0 && Number.isFinite(v))) throw new Error(`λ list: ${JSON.stringify(s)} is not a number ≥ 0`);
      return v;
    });
  } else {
    options.nLambda = numberField('nlambda', 'number of λ', (v) => Number.isInteger(v) && v >= 1 && v <= 10_000, 'an integer from 1 to 10000');
    if (value('lambda-ratio') !== '') options.lambdaMinRatio = numberField('lambda-ratio', 'λ_min / λ_max', (v) => v > 0 && v < 1, 'in (0, 1)');
  }
  const compare = checked('compare');
  const folds = numberField('folds', 'CV folds', (v) => Number.isInteger(v) && (v === 0 || v >= 3), '0 (no cross-validation) or an integer ≥ 3');
  const measure = value('measure');
  const cv = compare || folds === 0 ? null : { nFolds: folds, measure: measure === '' ? undefined : (measure as MeasureName), seed: 1 };
  return { options, cv, compare };
}
