// The exact coordinate step of the JavaScript kernels, the twin of kernels.wat's: this folder is
// the lowest and imports nothing outside itself, so the step that src/penalties/elastic-net.ts
// defines (coordinateMinimizer) is written here once more, as the .wat writes it;
// test/kernels.test.ts holds the three together.

/** argmin_b ½·xv·b² − u·b + l1·|b| + ½·l2·b² on lower ≤ b ≤ upper (xv > 0): soft-threshold, shrink, clip. */
export function coordinateStep(u: number, xv: number, l1: number, l2: number, lower: number, upper: number): number {
  const a = Math.abs(u) - l1;
  if (a <= 0) return 0;
  const b = (u > 0 ? a : -a) / (xv + l2);
  return b < lower ? lower : b > upper ? upper : b;
}
