import { StatsInputError } from '../errors';
import { fastSharedCentral, isArrayInput, quickChoice } from '../internal/fastMoments';
import { sharedCentralSums } from '../internal/moments';
import { tPvalue } from '../internal/pvalue';
import {
  checkAlternative,
  checkOptions,
  checkSample,
  hasNaN,
  type Sample,
} from '../internal/validate';
import { ALTERNATIVES } from '../options';
import type { TtestOptions, TtestResult } from './ttestResult';

/**
 * One-sample t-test, as scipy.stats.ttest_1samp (scipy 1.17):
 * t = (mean - popmean) / (s / sqrt(n)), s the sample standard deviation
 * (n - 1), df = n - 1, p from Student's t for the chosen alternative.
 *
 * @param a - the sample
 * @param popmean - the hypothesised population mean
 * @param options - `{ alternative = 'two-sided' }`
 * @returns `{ statistic, pvalue, df }`; NaN statistic and p-value for an
 *   empty sample or any NaN (df NaN too, as scipy) or a single value (df 0); +-Infinity (p = 0) for a
 *   constant sample whose mean differs from popmean, NaN when it equals it
 * @throws StatsInputError for non-numeric input or a bad alternative
 * @example ttest1samp([5.1, 4.9, 5.6, 5.8, 6.0], 5).statistic // 2.304073731539131
 */
export function ttest1samp(a: Sample, popmean: number, options?: TtestOptions): TtestResult {
  const fast = fastTtest1samp(a, popmean, options);
  if (fast) return fast;
  const fn = 'ttest1samp';
  const x = checkSample(fn, 'a', a);
  if (typeof popmean !== 'number') {
    throw new StatsInputError(fn, `requires popmean to be a number (got ${typeof popmean})`);
  }
  const alternative = checkAlternative(fn, checkOptions(fn, options).alternative);
  return oneSampleT(x, popmean, alternative);
}

/** Shared by ttest1samp and ttestRel. */
export function oneSampleT(
  x: ArrayLike<number>,
  popmean: number,
  alternative: 'two-sided' | 'less' | 'greater',
): TtestResult {
  const n = x.length;
  // scipy's nan_policy='propagate': any NaN (or none to test) gives NaN throughout.
  if (n === 0 || Number.isNaN(popmean) || hasNaN(x)) {
    return { statistic: Number.NaN, pvalue: Number.NaN, df: Number.NaN };
  }
  // Mean and popmean on one exact decimal scale when the data sit on an offset.
  const { sums, extras } = sharedCentralSums([x], [popmean]);
  const { mean, ss } = sums[0] as { mean: number; ss: number };
  const df = n - 1;
  const statistic = (mean - (extras[0] as number)) / Math.sqrt(ss / df / n);
  return { statistic, pvalue: tPvalue(statistic, df, alternative), df };
}

/**
 * ttest1samp straight from the caller's array (see fastMoments.ts): the same
 * sums and the same double as oneSampleT, or undefined when the general
 * path must answer (bad input, NaN, infinities, n < 2, an offset the fast
 * shift cannot take).
 */
function fastTtest1samp(a: unknown, popmean: unknown, options: unknown): TtestResult | undefined {
  if (!isArrayInput(a) || a.length < 2 || typeof popmean !== 'number') return undefined;
  if (!Number.isFinite(popmean)) return undefined;
  const alternative = quickChoice(options, 'alternative', ALTERNATIVES);
  if (alternative === undefined) return undefined;
  const shared = fastSharedCentral([a], [popmean]);
  if (!shared) return undefined;
  const { mean, ss, n } = shared.sums[0] as { mean: number; ss: number; n: number };
  const df = n - 1;
  const statistic = (mean - (shared.extras[0] as number)) / Math.sqrt(ss / df / n);
  return { statistic, pvalue: tPvalue(statistic, df, alternative), df };
}
