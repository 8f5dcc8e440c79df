// --groups-file: the group labels of a grouped penalty, one per line in feature order (blank
// lines ignored), read into the penalty option before the CSV.

import { readFile } from 'node:fs/promises';
import { InputError, show } from '../errors.js';
import type { FitOptions, PenaltyOption } from '../problem/types.js';
import type { FitFlags } from './options.js';

export async function readGroupsFile(options: FitOptions, flags: FitFlags): Promise<void> {
  const path = flags.groupsFile;
  if (path === undefined) return;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError(`option --groups-file: cannot read ${show(path)}`);
  }
  const labels = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (labels.length === 0) throw new InputError(`option --groups-file: ${show(path)} holds no labels`);
  const given = options.penalty;
  const penalty: PenaltyOption = typeof given === 'object' ? { ...given } : { name: given ?? 'enet' };
  options.penalty = { ...penalty, groups: labels };
}
