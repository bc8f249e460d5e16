import type { TtestResult } from '../hypothesis-tests/ttestResult';
import { tPvalue } from '../internal/pvalue';
import type { Alternative } from '../internal/validate';
import { ratioToNumber } from '../regression/internal/bigRatio';
import { toDecimal } from '../regression/internal/decimal';
import { alignMoments, centredTimesN, momentsExponent } from './moments';
import type { MomentSums } from './state';

const NAN_RESULT: TtestResult = { statistic: Number.NaN, pvalue: Number.NaN, df: Number.NaN };

/**
 * One-sample t statistic from exact sums: with N = S1 - n P (P the popmean
 * on the same decimal scale) and C = n S2 - S1^2, t^2 = N^2 (n - 1) / C,
 * exact, rounded once (then a square root).
 */
export function oneSampleFromSums(
  m: MomentSums,
  nan: boolean,
  popmean: number,
  alternative: Alternative,
): TtestResult {
  if (nan || m.n === 0 || Number.isNaN(popmean)) return NAN_RESULT;
  const n = m.n;
  const df = n - 1;
  let statistic: number;
  if (!Number.isFinite(popmean)) {
    statistic = popmean > 0 ? -Infinity : Infinity;
    if (n === 1) statistic = Number.NaN;
  } else {
    const p = toDecimal(popmean);
    const e = Math.min(
      momentsExponent(m),
      p.mantissa === 0n ? Number.POSITIVE_INFINITY : p.exponent,
    );
    const a = alignMoments(m, e);
    const P = p.mantissa === 0n ? 0n : p.mantissa * 10n ** BigInt(p.exponent - a.e);
    const num = a.s1 - a.n * P;
    const C = centredTimesN(a);
    if (df === 0) statistic = Number.NaN;
    else if (C === 0n) statistic = num === 0n ? Number.NaN : num > 0n ? Infinity : -Infinity;
    else {
      const abs = Math.sqrt(ratioToNumber(num * num * BigInt(df), C));
      statistic = num < 0n ? -abs : abs;
    }
  }
  return { statistic, pvalue: tPvalue(statistic, df, alternative), df };
}
