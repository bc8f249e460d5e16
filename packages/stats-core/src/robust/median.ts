import { medianInPlace } from './internal/select';

/**
 * numpy.median of a sample: the middle value, or the mean of the two middle
 * values computed as numpy does, (lo + hi) / 2. Found by selection on a
 * copy (O(n) expected), so `x` is left as it is. The one median the
 * repository's other code (the analytics' Smart Alarms, the benchmarks)
 * uses, so they all take the middle of an even sample the same way.
 *
 * @param x - the sample, any array of numbers (not checked: no options, no nan_policy)
 * @returns the median; NaN for an empty sample or one holding a NaN
 *   (numpy propagates the NaN and warns on an empty one)
 * @example median([3, 1, 10, 2]) // 2.5
 */
export function median(x: ArrayLike<number>): number {
  return medianInPlace(Float64Array.from(x));
}
