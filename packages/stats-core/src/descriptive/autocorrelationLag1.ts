import { centralSums } from '../internal/moments';
import { compensatedSum } from '../internal/sums';
import { checkSample, type Sample } from '../internal/validate';

/**
 * Lag-1 sample autocorrelation as NIST StRD defines it:
 * r1 = sum_{i=2..n} (x_i - mean)(x_{i-1} - mean) / sum_{i=1..n} (x_i - mean)^2.
 * Data on a large offset are first shifted exactly as the decimals written.
 *
 * @param x - the series, in time order
 * @returns r1; NaN for a constant series (no variance)
 * @throws StatsInputError for fewer than 2 values or non-numbers
 * @example autocorrelationLag1([1, 2, 3, 4]) // 0.25
 */
export function autocorrelationLag1(x: Sample): number {
  const data = checkSample('autocorrelationLag1', 'x', x, 2);
  const { ss, deviations } = centralSums(data);
  if (ss === 0) return Number.NaN;
  const cross: number[] = [];
  for (let i = 1; i < deviations.length; i++)
    cross.push((deviations[i] as number) * (deviations[i - 1] as number));
  return compensatedSum(cross) / ss;
}
