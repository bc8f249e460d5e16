import { sumError } from './twoSum';

/** Neumaier-compensated sum: error independent of n for well-scaled data. */
export function compensatedSum(x: ArrayLike<number>): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    c += sumError(sum, v);
    sum += v;
  }
  return Number.isFinite(sum) ? sum + c : sum;
}

export const mean = (x: ArrayLike<number>): number => compensatedSum(x) / x.length;

/** Sum of squared deviations from `m` (two-pass, compensated). */
export function sumSquaredDeviations(x: ArrayLike<number>, m: number): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] as number) - m;
    const v = d * d;
    c += sumError(sum, v);
    sum += v;
  }
  return Number.isFinite(sum) ? sum + c : sum;
}
