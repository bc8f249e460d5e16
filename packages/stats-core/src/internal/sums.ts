import { deviationSums, passOut } from './fastMoments';
import { sumError } from './twoSum';
import type { Sample } from './validate';

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
  deviationSums(x as Sample, m, false);
  return passOut[0] as number;
}
