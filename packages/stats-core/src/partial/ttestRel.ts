import type { TtestOptions, TtestResult } from '../hypothesis-tests/ttestResult';
import {
  checkAlternative,
  checkOptions,
  checkPairedSamples,
  type Sample,
} from '../internal/validate';
import { requireBoolean, requireHeader } from './exact';
import { differenceMoments, EMPTY_MOMENTS, mergeMoments, parseMoments } from './moments';
import { oneSampleFromSums } from './oneSample';
import type { TtestRelState } from './state';

const FN = 'ttestRel';

/**
 * Partial state of {@link ttestRel} for one chunk of pairs: n and the exact
 * sums of the differences a - b (taken exactly from the decimals written)
 * and of their squares.
 *
 * @param a - first measurements of the chunk
 * @param b - paired second measurements, same length
 * @throws StatsInputError for unequal lengths, non-numeric or infinite values
 * @example ttestRelFinalize(ttestRelPartial([1, 2, 3, 4], [1.5, 2.1, 3.9, 4.2])).df // 3
 */
export function ttestRelPartial(a: Sample, b: Sample): TtestRelState {
  const [x, y] = checkPairedSamples(FN, a, b, ['a', 'b']);
  const d = differenceMoments(FN, x, y);
  if (d === null) return { stat: 'ttest_rel', v: 1, nan: true, ...EMPTY_MOMENTS };
  return { stat: 'ttest_rel', v: 1, nan: false, ...d };
}

/** The state of no pairs. */
export function ttestRelEmpty(): TtestRelState {
  return { stat: 'ttest_rel', v: 1, nan: false, ...EMPTY_MOMENTS };
}

/** Merges two states exactly. */
export function ttestRelMerge(a: TtestRelState, b: TtestRelState): TtestRelState {
  const x = parseTtestRelState(a, 'a');
  const y = parseTtestRelState(b, 'b');
  return { stat: 'ttest_rel', v: 1, nan: x.nan || y.nan, ...mergeMoments(x, y) };
}

/** Checks a {@link TtestRelState} read back from JSON. @throws StatsInputError naming the bad field */
export function parseTtestRelState(value: unknown, name = 'state'): TtestRelState {
  const o = requireHeader('ttestRelMerge', 'ttest_rel', value, name);
  const nan = requireBoolean('ttestRelMerge', `${name}.nan`, o.nan);
  return { stat: 'ttest_rel', v: 1, nan, ...parseMoments('ttestRelMerge', name, o) };
}

/**
 * The {@link ttestRel} result from a merged state (the one-sample test of
 * the differences against 0, exact sums rounded once).
 * @throws StatsInputError for a bad alternative or a malformed state
 */
export function ttestRelFinalize(state: TtestRelState, options?: TtestOptions): TtestResult {
  const s = parseTtestRelState(state);
  const alternative = checkAlternative(FN, checkOptions(FN, options).alternative);
  return oneSampleFromSums(s, s.nan, 0, alternative);
}
