// The columns of a CSV in one stderr line: which became the features (in file order), which is
// the target, which the weights and which the offset, and whether an unnamed first column was
// read as row names. Every column that is not the target, the weights or the offset is a
// feature, so a column named like weights ("w") or an offset is one unless --weights or --offset
// names it: the line says so.

import type { CsvData } from './csv-reader.js';

/** Characters of feature names shown before the list is cut (with a count of the rest). */
const NAMES_BUDGET = 72;
/** Column names that suggest observation weights, and an offset. */
const LOOKS_LIKE_WEIGHTS = /^(w|wt|wts|weight|weights)$/i;
const LOOKS_LIKE_OFFSET = /^offset$/i;

/** `a, b, c, … (+N more)`: names in order while they fit in `budget` characters (at least one). */
export function shortList(names: readonly string[], budget = NAMES_BUDGET): string {
  let shown = 0;
  let length = 0;
  while (shown < names.length) {
    const next = length + (shown > 0 ? 2 : 0) + names[shown].length;
    if (shown > 0 && next > budget) break;
    length = next;
    shown++;
  }
  const list = names.slice(0, shown).join(', ');
  return shown === names.length ? list : `${list}, … (+${names.length - shown} more)`;
}

/** One line, e.g. `features (10): age, sex, …; target y; no weights` (`; offset o` with one). */
export function featuresLine(data: Pick<CsvData, 'featureNames' | 'targetName' | 'weightsName' | 'offsetName' | 'rowNames'>): string {
  const { featureNames, targetName, weightsName, offsetName, rowNames } = data;
  const parts = [
    `features (${featureNames.length}): ${shortList(featureNames)}`,
    `target ${targetName}`,
    weightsName === '' ? 'no weights' : `weights ${weightsName}`,
  ];
  if (offsetName) parts.push(`offset ${offsetName}`);
  if (rowNames) parts.push('column 1 (unnamed) read as row names and ignored');
  if (weightsName === '') {
    const suspect = featureNames.find((name) => LOOKS_LIKE_WEIGHTS.test(name));
    if (suspect !== undefined) parts.push(`"${suspect}" is a feature: --weights ${suspect} makes it the observation weights`);
  }
  if (!offsetName) {
    const suspect = featureNames.find((name) => LOOKS_LIKE_OFFSET.test(name));
    if (suspect !== undefined) parts.push(`"${suspect}" is a feature: --offset ${suspect} makes it the offset`);
  }
  return parts.join('; ');
}
