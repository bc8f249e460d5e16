/** Neumaier-compensated sum: error independent of n for well-scaled data. */
export function compensatedSum(x: readonly number[]): number {
  let sum = 0;
  let c = 0;
  for (const v of x) {
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return Number.isFinite(sum) ? sum + c : sum;
}

export const mean = (x: readonly number[]): number => compensatedSum(x) / x.length;

/** Sum of squared deviations from `m` (two-pass, compensated). */
export function sumSquaredDeviations(x: readonly number[], m: number): number {
  return compensatedSum(x.map((v) => (v - m) * (v - m)));
}
