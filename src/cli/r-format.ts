// R's way of printing a numeric table, so that `proxpath fit` and `cv` on a terminal look like
// glmnet's print(fit) and print(cv): glmnet prints a data frame of class "anova", which R shows
// through printCoefmat: each column is format(zapsmall(x, digits), digits = digits), and the
// character matrix is printed with left-aligned row names and right-aligned columns, one space
// apart. Only what those two tables need is here (no NA, no p-values).

/** R's signif(x, digits). */
export function signif(x: number, digits: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
}

/**
 * R's round(x, decimals) for whole decimals ≥ 0 (R ≥ 4.0): of the two candidates floor(x·10^d)/10^d
 * and ceil(x·10^d)/10^d, the one nearer to x in double arithmetic, the even one on a tie (so
 * round(0.001585, 5) is 0.00158, where toFixed gives 0.00159); x as is beyond 15 digits.
 */
export function round(x: number, decimals: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  if (decimals === 0) return sign * roundHalfEven(a);
  if (Math.log10(a) + decimals > 15) return x;
  const scale = 10 ** decimals;
  const whole = Math.floor(a * scale);
  const down = whole / scale;
  const up = Math.ceil(a * scale) / scale;
  const toUp = up - a;
  const toDown = a - down;
  return sign * (toUp < toDown || (toUp === toDown && whole % 2 === 1) ? up : down);
}

function roundHalfEven(a: number): number {
  const whole = Math.floor(a);
  const rest = a - whole;
  return rest > 0.5 || (rest === 0.5 && whole % 2 === 1) ? whole + 1 : whole;
}

/**
 * R's zapsmall(x, digits): rounds to about `digits` significant digits of the largest magnitude,
 * round(x, digits − log10(max)) with R's round() taking the nearest whole number of decimals.
 * This is R up to 4.3 (the R here, 4.2.2, printed the references); R 4.4 takes
 * ceiling(log10(max)), which shows one decimal fewer when the largest value's log10 has a
 * fractional part of at most ½ (0.00120 where R 4.2 shows 0.001199).
 */
export function zapsmall(values: readonly number[], digits: number): number[] {
  const largest = Math.max(0, ...values.map(Math.abs));
  const decimals = largest > 0 ? Math.max(0, Math.floor(digits - Math.log10(largest) + 0.5)) : digits;
  return values.map((x) => round(x, decimals));
}

/** Significant digits (at most `digits`, trailing zeros dropped) and decimal exponent of x, as R's scientific(). */
function scientific(x: number, digits: number): { nsig: number; kpower: number } {
  if (x === 0) return { nsig: 1, kpower: 0 };
  const [mantissa, exponent] = Math.abs(x).toExponential(digits - 1).split('e');
  const nsig = Math.max(1, mantissa.replace('.', '').replace(/0+$/, '').length);
  return { nsig, kpower: Number(exponent) };
}

/**
 * R's format(x, digits = digits) of a numeric vector: the fewest decimals that show every value
 * to `digits` significant digits, in fixed notation unless scientific is narrower (R's formatReal,
 * scipen 0); right-aligned to a common width.
 */
export function formatR(values: readonly number[], digits: number): string[] {
  if (values.length === 0) return [];
  let widestLeft = 1;
  let decimals = 0;
  let mostSig = 1;
  let maxExp = 0;
  let minExp = 0;
  const negative = values.some((x) => x < 0) ? 1 : 0;
  values.forEach((x, i) => {
    const { nsig, kpower } = scientific(x, digits);
    widestLeft = Math.max(widestLeft, (x < 0 ? 1 : 0) + Math.max(1, kpower + 1));
    decimals = Math.max(decimals, nsig - kpower - 1);
    mostSig = Math.max(mostSig, nsig);
    maxExp = i === 0 ? kpower : Math.max(maxExp, kpower);
    minExp = i === 0 ? kpower : Math.min(minExp, kpower);
  });
  const fixedWidth = widestLeft + decimals + (decimals > 0 ? 1 : 0);
  const expDigits = maxExp >= 100 || minExp <= -99 ? 2 : 1;
  // R: sign, the point when there are decimals, the mantissa's decimals, its first digit, e±, exponent.
  const sciWidth = negative + (mostSig > 1 ? 1 : 0) + (mostSig - 1) + 4 + expDigits;
  const text =
    fixedWidth <= sciWidth
      ? values.map((x) => x.toFixed(decimals))
      : values.map((x) => x.toExponential(mostSig - 1).replace(/e([+-])(\d)$/, 'e$10$2'));
  const width = Math.max(...text.map((t) => t.length));
  return text.map((t) => t.padStart(width));
}

/** One column of an "anova" table as printCoefmat shows it: zapped, then formatted. */
export function anovaColumn(values: readonly number[], digits: number): string[] {
  return formatR(zapsmall(values, digits), digits);
}

/** Integers as R formats them (no decimals), right-aligned. */
export function integerColumn(values: readonly number[]): string[] {
  const text = values.map((x) => String(Math.round(x)));
  const width = Math.max(...text.map((t) => t.length));
  return text.map((t) => t.padStart(width));
}

/**
 * print.default of a character matrix (quote = FALSE, right = TRUE): row names left-aligned,
 * each column right-aligned to the wider of its name and cells, one space between columns.
 */
export function printMatrix(rowNames: readonly string[], columns: readonly { name: string; cells: readonly string[] }[]): string {
  const nameWidth = Math.max(0, ...rowNames.map((r) => r.length));
  const widths = columns.map(({ name, cells }) => Math.max(name.length, ...cells.map((c) => c.length)));
  const header = ' '.repeat(nameWidth) + columns.map(({ name }, c) => ' ' + name.padStart(widths[c])).join('');
  const rows = rowNames.map(
    (rowName, i) => rowName.padEnd(nameWidth) + columns.map(({ cells }, c) => ' ' + cells[i].padStart(widths[c])).join(''),
  );
  return [header, ...rows].join('\n');
}
