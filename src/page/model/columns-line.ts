// The columns of a fit in one line, worded as the command line's features line
// (src/cli/features-line.ts): which became the features (in table order), which is the target
// which the weights and which the offset; a column named like weights or an offset that is a
// feature is pointed out.

/** Column names that suggest observation weights, and an offset. */
const LOOKS_LIKE_WEIGHTS = /^(w|wt|wts|weight|weights)$/i;
const LOOKS_LIKE_OFFSET = /^offset$/i;
/** Feature names listed before the rest are counted. */
const SHOWN = 30;

export function columnsLine(features: string[], target: string, weights: string | null, offset: string | null = null): string {
  const list = features.length > SHOWN ? `${features.slice(0, SHOWN).join(', ')}, … (+${features.length - SHOWN} more)` : features.join(', ');
  const parts = [`features (${features.length}): ${list}`, `target ${target}`, weights === null ? 'no weights' : `weights ${weights}`];
  if (offset !== null) parts.push(`offset ${offset}`);
  if (weights === null) {
    const suspect = features.find((name) => LOOKS_LIKE_WEIGHTS.test(name));
    if (suspect !== undefined) parts.push(`"${suspect}" is a feature: choose it as the weights column to weight the rows by it`);
  }
  if (offset === null) {
    const suspect = features.find((name) => LOOKS_LIKE_OFFSET.test(name));
    if (suspect !== undefined) parts.push(`"${suspect}" is a feature: choose it as the offset column to add it to the linear predictor`);
  }
  return parts.join('; ');
}
