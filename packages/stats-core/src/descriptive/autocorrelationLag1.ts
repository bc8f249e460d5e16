import { bigSum, ratioToNumber, toScaledDecimals } from '../internal/exactDecimal';
import { centralSums } from '../internal/moments';
import { compensatedSum } from '../internal/sums';
import { checkSample, type Sample } from '../internal/validate';

/**
 * Lag-1 sample autocorrelation as NIST StRD defines it:
 * r1 = sum_{i=2..n} (x_i - mean)(x_{i-1} - mean) / sum_{i=1..n} (x_i - mean)^2.
 * Data on a large offset are computed exactly from the decimals written.
 *
 * @param x - the series, in time order
 * @returns r1; NaN for a constant series (no variance)
 * @throws StatsInputError for fewer than 2 values or non-numbers
 * @example autocorrelationLag1([1, 2, 3, 4]) // 0.25
 */
export function autocorrelationLag1(x: Sample): number {
  const data = checkSample('autocorrelationLag1', 'x', x, 2);
  const sums = centralSums(data);
  if (sums.exact) return exactLag1(data);
  const m = sums.mean;
  const cross: number[] = [];
  for (let i = 1; i < data.length; i++)
    cross.push(((data[i] as number) - m) * ((data[i - 1] as number) - m));
  return sums.ss === 0 ? Number.NaN : compensatedSum(cross) / sums.ss;
}

function exactLag1(data: readonly number[]): number {
  const { values } = toScaledDecimals(data);
  const n = BigInt(values.length);
  const total = bigSum(values);
  const dev = values.map((v) => n * v - total);
  let num = 0n;
  let den = 0n;
  for (let i = 0; i < dev.length; i++) {
    const d = dev[i] as bigint;
    den += d * d;
    if (i > 0) num += d * (dev[i - 1] as bigint);
  }
  return ratioToNumber(num, den);
}
