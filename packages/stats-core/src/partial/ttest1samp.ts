import { StatsInputError } from '../errors';
import type { TtestOptions, TtestResult } from '../hypothesis-tests/ttestResult';
import { checkAlternative, checkOptions, type Sample } from '../internal/validate';
import { requireBoolean, requireHeader } from './exact';
import { EMPTY_MOMENTS, mergeMoments, parseMoments, sampleMoments } from './moments';
import { oneSampleFromSums } from './oneSample';
import type { Ttest1sampState } from './state';

const FN = 'ttest1samp';

/**
 * Partial state of {@link ttest1samp} for one chunk: n and the exact sums
 * of the values and their squares (a NaN marks the state, as scipy's
 * nan_policy 'propagate' makes the result NaN).
 *
 * @param a - the chunk's values (may be empty)
 * @throws StatsInputError for non-numeric or infinite values
 * @example ttest1sampFinalize(ttest1sampPartial([5.1, 4.9, 5.6, 5.8, 6.0]), 5).statistic // 2.304073731539131
 */
export function ttest1sampPartial(a: Sample): Ttest1sampState {
  const m = sampleMoments(FN, 'a', a);
  return { stat: 'ttest_1samp', v: 1, nan: m === null, ...(m ?? EMPTY_MOMENTS) };
}

/** The state of no values. */
export function ttest1sampEmpty(): Ttest1sampState {
  return { stat: 'ttest_1samp', v: 1, nan: false, ...EMPTY_MOMENTS };
}

/** Merges two states exactly. */
export function ttest1sampMerge(a: Ttest1sampState, b: Ttest1sampState): Ttest1sampState {
  const x = parseTtest1sampState(a, 'a');
  const y = parseTtest1sampState(b, 'b');
  return { stat: 'ttest_1samp', v: 1, nan: x.nan || y.nan, ...mergeMoments(x, y) };
}

/** Checks a {@link Ttest1sampState} read back from JSON. @throws StatsInputError naming the bad field */
export function parseTtest1sampState(value: unknown, name = 'state'): Ttest1sampState {
  const o = requireHeader('ttest1sampMerge', 'ttest_1samp', value, name);
  const nan = requireBoolean('ttest1sampMerge', `${name}.nan`, o.nan);
  return { stat: 'ttest_1samp', v: 1, nan, ...parseMoments('ttest1sampMerge', name, o) };
}

/**
 * The {@link ttest1samp} result from a merged state: t^2 exact from the
 * integer sums, rounded once; same options, edge cases and result type.
 *
 * @throws StatsInputError for a non-numeric popmean, a bad alternative or a malformed state
 */
export function ttest1sampFinalize(
  state: Ttest1sampState,
  popmean: number,
  options?: TtestOptions,
): TtestResult {
  const s = parseTtest1sampState(state);
  if (typeof popmean !== 'number') {
    throw new StatsInputError(FN, `requires popmean to be a number (got ${typeof popmean})`);
  }
  const alternative = checkAlternative(FN, checkOptions(FN, options).alternative);
  return oneSampleFromSums(s, s.nan, popmean, alternative);
}
