import {
  type FastCentral,
  fastSharedCentral,
  isArrayInput,
  quickChoice,
} from '../internal/fastMoments';
import { type CentralSums, sharedCentralSums } from '../internal/moments';
import { tPvalue } from '../internal/pvalue';
import {
  type Alternative,
  checkAlternative,
  checkBoolean,
  checkOptions,
  checkSample,
  hasNaN,
  type Sample,
} from '../internal/validate';
import { ALTERNATIVES } from '../options';
import type { TtestOptions, TtestResult } from './ttestResult';

export interface TtestIndOptions extends TtestOptions {
  /** true (default): Student's test with pooled variance; false: Welch's test. */
  equalVar?: boolean;
}

/**
 * Two independent samples t-test, as scipy.stats.ttest_ind (scipy 1.17).
 * Student (equalVar, default): pooled variance
 * sp^2 = ((n1-1) s1^2 + (n2-1) s2^2) / (n1 + n2 - 2), t = (m1 - m2) / sqrt(sp^2 (1/n1 + 1/n2)),
 * df = n1 + n2 - 2. Welch: t = (m1 - m2) / sqrt(s1^2/n1 + s2^2/n2) with the
 * Welch-Satterthwaite df (1 when undefined, as scipy).
 *
 * @param a - first sample
 * @param b - second sample
 * @param options - `{ equalVar = true, alternative = 'two-sided' }` ('less': mean(a) < mean(b))
 * @returns `{ statistic, pvalue, df }`; NaN for an empty sample or any NaN (df too), for Welch with
 *   a single-value sample, or when both samples are single values
 * @throws StatsInputError for non-numeric input or bad options
 * @example ttestInd([1, 2, 3, 4], [3, 4, 5, 6], { equalVar: false }).statistic // -2.1908902300206647
 */
export function ttestInd(a: Sample, b: Sample, options?: TtestIndOptions): TtestResult {
  const fast = fastTtestInd(a, b, options);
  if (fast) return fast;
  const fn = 'ttestInd';
  const x = checkSample(fn, 'a', a);
  const y = checkSample(fn, 'b', b);
  const opts = checkOptions(fn, options);
  const alternative = checkAlternative(fn, opts.alternative);
  const equalVar = checkBoolean(fn, 'equalVar', opts.equalVar, true);
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0 || hasNaN(x) || hasNaN(y))
    return { statistic: Number.NaN, pvalue: Number.NaN, df: Number.NaN };
  // Both samples on one exact decimal scale when they sit on an offset.
  const [s1, s2] = sharedCentralSums([x, y]).sums as [CentralSums, CentralSums];
  return fromSums(s1, s2, equalVar, alternative);
}

/** The t statistic, df and p-value from the two samples' means and sums of squares. */
function fromSums(
  s1: { n: number; mean: number; ss: number },
  s2: { n: number; mean: number; ss: number },
  equalVar: boolean,
  alternative: Alternative,
): TtestResult {
  const n1 = s1.n;
  const n2 = s2.n;
  let df: number;
  let denom: number;
  if (equalVar) {
    df = n1 + n2 - 2;
    denom = Math.sqrt(((s1.ss + s2.ss) / df) * (1 / n1 + 1 / n2));
  } else {
    const vn1 = s1.ss / (n1 - 1) / n1;
    const vn2 = s2.ss / (n2 - 1) / n2;
    df = (vn1 + vn2) ** 2 / (vn1 ** 2 / (n1 - 1) + vn2 ** 2 / (n2 - 1));
    if (Number.isNaN(df)) df = 1;
    denom = Math.sqrt(vn1 + vn2);
  }
  const statistic = (s1.mean - s2.mean) / denom;
  return { statistic, pvalue: tPvalue(statistic, df, alternative), df };
}

/**
 * ttestInd straight from the caller's arrays (see fastMoments.ts): the same
 * sums and the same double as the general path, or undefined when that path
 * must answer (bad input or options, NaN, infinities, fewer than 2 values in
 * a sample, an offset the fast shift cannot take).
 */
function fastTtestInd(a: unknown, b: unknown, options: unknown): TtestResult | undefined {
  if (!isArrayInput(a) || !isArrayInput(b) || a.length < 2 || b.length < 2) return undefined;
  const alternative = quickChoice(options, 'alternative', ALTERNATIVES);
  if (alternative === undefined) return undefined;
  const equalVar = quickChoice(options, 'equalVar', [true, false]);
  if (equalVar === undefined) return undefined;
  const shared = fastSharedCentral([a, b]);
  if (!shared) return undefined;
  const [s1, s2] = shared.sums as [FastCentral, FastCentral];
  return fromSums(s1, s2, equalVar, alternative);
}
