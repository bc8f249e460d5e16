import {
  DecimalShift,
  isArrayInput,
  onOffset,
  quickChoice,
  sampleScale,
} from '../internal/fastMoments';
import { noteLane } from '../internal/lanes';
import { pairedDifferences } from '../internal/moments';
import { tPvalue } from '../internal/pvalue';
import {
  checkAlternative,
  checkEqualLength,
  checkOptions,
  checkSample,
  type Sample,
} from '../internal/validate';
import { ALTERNATIVES } from '../options';
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
  const fast = fastTtestRel(a, b, options);
  if (fast) return fast;
  const fn = 'ttestRel';
  const x = checkSample(fn, 'a', a);
  const y = checkSample(fn, 'b', b);
  if (x.length !== y.length) checkEqualLength(fn, x, y);
  const alternative = checkAlternative(fn, checkOptions(fn, options).alternative);
  return oneSampleT(pairedDifferences(x, y), 0, alternative);
}

/**
 * ttestRel straight from the caller's arrays, the differences never stored
 * (see fastMoments.ts). Pass one sums d = a - b (Neumaier) and checks every
 * entry is a number; when the values are large against their differences
 * (as pairedDifferences decides), d is taken instead as the exact difference
 * of the decimals written, (M_a - M_b) / 10^P in integers scaled by 10^P,
 * rounded once. Pass two sums (d - mean)^2. undefined when the general path
 * must answer (bad input or options, NaN, infinities, n < 2, decimals the
 * scaled integers cannot hold, or differences themselves on an offset).
 */
function fastTtestRel(a: unknown, b: unknown, options: unknown): TtestResult | undefined {
  if (!isArrayInput(a) || !isArrayInput(b) || a.length !== b.length || a.length < 2) {
    return undefined;
  }
  const alternative = quickChoice(options, 'alternative', ALTERNATIVES);
  if (alternative === undefined) return undefined;
  const n = a.length;
  let sum = 0;
  let c = 0;
  let big = 0;
  let small = 0;
  for (let i = 0; i < n; i++) {
    const ai = a[i];
    const bi = b[i];
    if (typeof ai !== 'number' || typeof bi !== 'number') return undefined;
    const v = ai - bi;
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
    const abs = Math.abs(ai) > Math.abs(bi) ? Math.abs(ai) : Math.abs(bi);
    if (abs > big) big = abs;
    if (Math.abs(v) > small) small = Math.abs(v);
  }
  if (!Number.isFinite(sum)) return undefined;
  let ss: number;
  let mean: number;
  if (big > 16 * small) {
    const places = sampleScale([a, b]);
    if (places === undefined) return undefined;
    const { s, limit } = new DecimalShift(places, 0);
    sum = 0;
    c = 0;
    for (let i = 0; i < n; i++) {
      const ai = a[i] as number;
      const bi = b[i] as number;
      const ma = Math.round(ai * s);
      const mb = Math.round(bi * s);
      if (!(Math.abs(ai) < limit && Math.abs(bi) < limit && ma / s === ai && mb / s === bi)) {
        return undefined;
      }
      const v = (ma - mb + 0) / s;
      const t = sum + v;
      c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
      sum = t;
    }
    mean = (sum + c) / n;
    ss = 0;
    c = 0;
    for (let i = 0; i < n; i++) {
      const d = (Math.round((a[i] as number) * s) - Math.round((b[i] as number) * s) + 0) / s - mean;
      const v = d * d;
      const t = ss + v;
      c += Math.abs(ss) >= Math.abs(v) ? ss - t + v : v - t + ss;
      ss = t;
    }
    noteLane('decimal-shift');
  } else {
    mean = (sum + c) / n;
    ss = 0;
    c = 0;
    for (let i = 0; i < n; i++) {
      const d = (a[i] as number) - (b[i] as number) - mean;
      const v = d * d;
      const t = ss + v;
      c += Math.abs(ss) >= Math.abs(v) ? ss - t + v : v - t + ss;
      ss = t;
    }
  }
  ss += c;
  if (!Number.isFinite(ss) || onOffset(n, mean, ss)) return undefined;
  const df = n - 1;
  const statistic = mean / Math.sqrt(ss / df / n);
  return { statistic, pvalue: tPvalue(statistic, df, alternative), df };
}
