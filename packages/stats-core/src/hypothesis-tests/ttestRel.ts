import { pairedDifferences } from '../internal/moments';
import {
  checkAlternative,
  checkEqualLength,
  checkOptions,
  checkSample,
  type Sample,
} from '../internal/validate';
import { oneSampleT } from './ttest1samp';
import type { TtestOptions, TtestResult } from './ttestResult';

/**
 * Paired-sample t-test, as scipy.stats.ttest_rel (scipy 1.17): the one-sample
 * t-test of the differences a - b against 0, df = n - 1 (differences of
 * values large against them are taken exactly from the decimals written).
 *
 * @param a - first measurements
 * @param b - paired second measurements, same length as a
 * @param options - `{ alternative = 'two-sided' }` ('less': mean(a - b) < 0)
 * @returns `{ statistic, pvalue, df }`, with the edge cases of {@link ttest1samp}
 * @throws StatsInputError for unequal lengths, non-numeric input or a bad alternative
 * @example ttestRel([1, 2, 3, 4], [1.5, 2.1, 3.9, 4.2]).df // 3
 */
export function ttestRel(a: Sample, b: Sample, options?: TtestOptions): TtestResult {
  const fn = 'ttestRel';
  const x = checkSample(fn, 'a', a);
  const y = checkSample(fn, 'b', b);
  if (x.length !== y.length) checkEqualLength(fn, x, y);
  const alternative = checkAlternative(fn, checkOptions(fn, options).alternative);
  return oneSampleT(pairedDifferences(x, y), 0, alternative);
}
