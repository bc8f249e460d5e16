import type { TtestIndOptions } from '../hypothesis-tests/ttestInd';
import type { TtestResult } from '../hypothesis-tests/ttestResult';
import { tPvalue } from '../internal/pvalue';
import { checkAlternative, checkBoolean, checkOptions, type Sample } from '../internal/validate';
import { ratioToNumber } from '../regression/internal/bigRatio';
import { requireBoolean, requireHeader } from './exact';
import {
  alignMoments,
  centredTimesN,
  EMPTY_MOMENTS,
  mergeMoments,
  momentsExponent,
  parseMoments,
  sampleMoments,
} from './moments';
import type { TtestIndState } from './state';

const FN = 'ttestInd';
const NAN_RESULT: TtestResult = { statistic: Number.NaN, pvalue: Number.NaN, df: Number.NaN };

/**
 * Partial state of {@link ttestInd} for one chunk: the exact sums of each
 * sample's values and squares. A chunk may hold values of one sample only
 * (pass an empty array for the other).
 *
 * @param a - the chunk's values of the first sample
 * @param b - the chunk's values of the second sample
 * @throws StatsInputError for non-numeric or infinite values
 * @example ttestIndFinalize(ttestIndPartial([1, 2, 3, 4], [3, 4, 5, 6]), { equalVar: false }).statistic // -2.1908902300206647
 */
export function ttestIndPartial(a: Sample, b: Sample): TtestIndState {
  const x = sampleMoments(FN, 'a', a);
  const y = sampleMoments(FN, 'b', b);
  return {
    stat: 'ttest_ind',
    v: 1,
    nan: x === null || y === null,
    a: x ?? EMPTY_MOMENTS,
    b: y ?? EMPTY_MOMENTS,
  };
}

/** The state of no values. */
export function ttestIndEmpty(): TtestIndState {
  return { stat: 'ttest_ind', v: 1, nan: false, a: EMPTY_MOMENTS, b: EMPTY_MOMENTS };
}

/** Merges two states exactly. */
export function ttestIndMerge(a: TtestIndState, b: TtestIndState): TtestIndState {
  const x = parseTtestIndState(a, 'a');
  const y = parseTtestIndState(b, 'b');
  return {
    stat: 'ttest_ind',
    v: 1,
    nan: x.nan || y.nan,
    a: mergeMoments(x.a, y.a),
    b: mergeMoments(x.b, y.b),
  };
}

/** Checks a {@link TtestIndState} read back from JSON. @throws StatsInputError naming the bad field */
export function parseTtestIndState(value: unknown, name = 'state'): TtestIndState {
  const fn = 'ttestIndMerge';
  const o = requireHeader(fn, 'ttest_ind', value, name);
  return {
    stat: 'ttest_ind',
    v: 1,
    nan: requireBoolean(fn, `${name}.nan`, o.nan),
    a: parseMoments(fn, `${name}.a`, o.a),
    b: parseMoments(fn, `${name}.b`, o.b),
  };
}

/**
 * The {@link ttestInd} result from a merged state. With D = n2 S1a - n1 S1b
 * and C = n S2 - S1^2 per sample (exact integers), Student's
 * t^2 = D^2 df / ((n2 Ca + n1 Cb)(n1 + n2)) and Welch's
 * t^2 = D^2 (n1 - 1)(n2 - 1) / (n2^2 (n2 - 1) Ca + n1^2 (n1 - 1) Cb), each rounded once.
 *
 * @throws StatsInputError for bad options or a malformed state
 */
export function ttestIndFinalize(state: TtestIndState, options?: TtestIndOptions): TtestResult {
  const s = parseTtestIndState(state);
  const opts = checkOptions(FN, options);
  const alternative = checkAlternative(FN, opts.alternative);
  const equalVar = checkBoolean(FN, 'equalVar', opts.equalVar, true);
  const n1 = s.a.n;
  const n2 = s.b.n;
  if (s.nan || n1 === 0 || n2 === 0) return NAN_RESULT;
  const e = Math.min(momentsExponent(s.a), momentsExponent(s.b));
  const a = alignMoments(s.a, e);
  const b = alignMoments(s.b, e);
  const N1 = BigInt(n1);
  const N2 = BigInt(n2);
  const D = N2 * a.s1 - N1 * b.s1;
  const ca = centredTimesN(a);
  const cb = centredTimesN(b);
  const signed = (den: bigint, num: bigint): number => {
    if (den === 0n) return D === 0n ? Number.NaN : D > 0n ? Infinity : -Infinity;
    const abs = Math.sqrt(ratioToNumber(num, den));
    return D < 0n ? -abs : abs;
  };
  let df: number;
  let statistic: number;
  if (equalVar) {
    df = n1 + n2 - 2;
    statistic = df === 0 ? Number.NaN : signed((N2 * ca + N1 * cb) * (N1 + N2), D * D * BigInt(df));
  } else {
    if (n1 < 2 || n2 < 2) {
      df = 1;
      statistic = Number.NaN;
    } else {
      const vn1 = ratioToNumber(ca, N1 * N1 * (N1 - 1n), 2 * a.e);
      const vn2 = ratioToNumber(cb, N2 * N2 * (N2 - 1n), 2 * b.e);
      df = (vn1 + vn2) ** 2 / (vn1 ** 2 / (n1 - 1) + vn2 ** 2 / (n2 - 1));
      if (Number.isNaN(df)) df = 1;
      statistic = signed(
        N2 * N2 * (N2 - 1n) * ca + N1 * N1 * (N1 - 1n) * cb,
        D * D * (N1 - 1n) * (N2 - 1n),
      );
    }
  }
  return { statistic, pvalue: tPvalue(statistic, df, alternative), df };
}
