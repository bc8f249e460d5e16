import { StatsInputError } from '../errors';
import { chi2ContingencyMerge, parseChi2ContingencyState } from './chi2Contingency';
import { describeMerge, parseDescribeState } from './describe';
import { describeValue, requireObject } from './exact';
import { fOnewayMerge, parseFOnewayState } from './fOneway';
import { linregressMerge, parseLinregressState } from './linregress';
import { olsMerge, parseOlsState } from './ols';
import { parsePearsonrState, pearsonrMerge } from './pearsonr';
import { parsePolyfitState, polyfitMerge } from './polyfit';
import { PARTIAL_STATISTICS, type PartialState } from './state';
import { parseTtest1sampState, ttest1sampMerge } from './ttest1samp';
import { parseTtestIndState, ttestIndMerge } from './ttestInd';
import { parseTtestRelState, ttestRelMerge } from './ttestRel';

type Stat = PartialState['stat'];
const PARSERS: Record<Stat, (value: unknown, name?: string) => PartialState> = {
  describe: parseDescribeState,
  linregress: parseLinregressState,
  pearsonr: parsePearsonrState,
  ols: parseOlsState,
  polyfit: parsePolyfitState,
  ttest_1samp: parseTtest1sampState,
  ttest_ind: parseTtestIndState,
  ttest_rel: parseTtestRelState,
  f_oneway: parseFOnewayState,
  chi2_contingency: parseChi2ContingencyState,
};
const MERGES = {
  describe: describeMerge,
  linregress: linregressMerge,
  pearsonr: pearsonrMerge,
  ols: olsMerge,
  polyfit: polyfitMerge,
  ttest_1samp: ttest1sampMerge,
  ttest_ind: ttestIndMerge,
  ttest_rel: ttestRelMerge,
  f_oneway: fOnewayMerge,
  chi2_contingency: chi2ContingencyMerge,
} as Record<Stat, (a: PartialState, b: PartialState) => PartialState>;

/**
 * Checks any partial state read back from JSON (by its `stat` field) and
 * returns it typed: what a reducer calls on each state it reads.
 *
 * @throws StatsInputError when the value is not a state of a statistic with
 *   a partial form, or a field is malformed (named in the message)
 * @example parsePartialState(JSON.parse(text)).stat // 'linregress'
 */
export function parsePartialState(value: unknown, name = 'state'): PartialState {
  const o = requireObject('parsePartialState', name, value);
  const stat = o.stat;
  if (typeof stat !== 'string' || !(PARTIAL_STATISTICS as readonly string[]).includes(stat)) {
    throw new StatsInputError(
      'parsePartialState',
      `requires ${name}.stat to name a statistic with a partial form (${PARTIAL_STATISTICS.join(', ')}); got ${describeValue(stat)}`,
    );
  }
  return (PARSERS[stat as Stat] as (v: unknown, n?: string) => PartialState)(value, name);
}

/**
 * Merges two states of the same statistic, whichever it is (dispatch on
 * `stat`): the pairwise step of a reducer.
 *
 * @throws StatsInputError when the states are of different statistics or malformed
 * @example partialMerge(linregressPartial([1, 2], [3, 5]), linregressPartial([3], [8]))
 */
export function partialMerge<S extends PartialState>(a: S, b: S): S {
  const x = parsePartialState(a, 'a');
  const y = parsePartialState(b, 'b');
  if (x.stat !== y.stat) {
    throw new StatsInputError(
      'partialMerge',
      `cannot merge a ${x.stat} state with a ${y.stat} state; every chunk of a job computes the same statistic`,
    );
  }
  return MERGES[x.stat](x, y) as S;
}
