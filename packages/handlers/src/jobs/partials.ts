/**
 * The mergeable statistics' job form: each worker turns its chunk's columns
 * into the stats core's partial state (exact sums, never rows), the reduce
 * merges the states pairwise in chunk order and finalizes, and the result
 * goes through the synchronous endpoint's own mapping function
 * (`to<Stat>Response`, exported beside each endpoint), so a job's result
 * and the endpoint's body cannot drift apart.
 */
import * as core from '@lambda-stats/stats-core/partial';
import { toChi2ContingencyResponse } from '../endpoints/chi2_contingency';
import { toDescribeResponse } from '../endpoints/describe';
import { toFOnewayResponse } from '../endpoints/f_oneway';
import { toFitResponse } from '../endpoints/fit';
import { toLinregressResponse } from '../endpoints/linregress';
import { toPearsonrResponse } from '../endpoints/pearsonr';
import { toTtestResponse } from '../endpoints/ttest';

/** The needed columns of a chunk, in the job form's order: numbers or group labels. */
type Values = readonly (Float64Array | string[])[];
type Options = Record<string, unknown>;
// The states are plain JSON from S3: each finalize checks its state itself (parse<Stat>State).
// biome-ignore lint/suspicious/noExplicitAny: a state is untyped JSON until its finalize parses it.
type State = any;

export interface PartialForm {
  /**
   * The state of numeric columns read as pairs, built block by block as the
   * worker reads (state.ts): for exact sums the merge of a chunk's block
   * states is the chunk's state, byte for byte (a NaN aside); for describe
   * its n, sums and extremes are, and its M3 and M4 are Pebay's merge of
   * the blocks' (docs/partial-results.md), the same answer to a few ulps.
   */
  blocks?: true;
  partial(values: Values, options: Options): State;
  merge(a: State, b: State): State;
  finalize(state: State, options: Options): unknown;
}

const num = (v: Values, i: number) => v[i] as Float64Array;
const str = (v: Values, i: number) => v[i] as string[];
type Alternative = 'two-sided' | 'less' | 'greater';
/** The request's alternative, for the finalizers that take only that option. */
const alternative = (o: Options) => ({ alternative: o.alternative as Alternative });

export const partialForms: Record<string, PartialForm> = {
  describe: {
    blocks: true,
    partial: (v) => core.describePartial(num(v, 0)),
    merge: core.describeMerge,
    finalize: (s, o) =>
      toDescribeResponse(
        core.describeFinalize(s, { ddof: o.ddof as number, bias: o.bias as boolean }),
      ),
  },
  linregress: {
    blocks: true,
    partial: (v) => core.linregressPartial(num(v, 0), num(v, 1)),
    merge: core.linregressMerge,
    finalize: (s, o) => toLinregressResponse(core.linregressFinalize(s, alternative(o)), s.n),
  },
  pearsonr: {
    blocks: true,
    partial: (v) => core.pearsonrPartial(num(v, 0), num(v, 1)),
    merge: core.pearsonrMerge,
    finalize: (s, o) =>
      toPearsonrResponse(
        core.pearsonrFinalize(s, {
          ...alternative(o),
          confidenceLevel: o.confidence_level as number,
        }),
      ),
  },
  ols: {
    partial: (v) => core.olsPartialColumns(v.slice(0, -1) as Float64Array[], num(v, v.length - 1)),
    merge: core.olsMerge,
    finalize: (s, o) =>
      toFitResponse(core.olsFinalize(s, { intercept: o.intercept as boolean }), s.n),
  },
  polyfit: {
    partial: (v, o) => core.polyfitPartial(num(v, 0), num(v, 1), o.degree as number),
    merge: core.polyfitMerge,
    finalize: (s, o) =>
      toFitResponse(core.polyfitFinalize(s, { intercept: o.intercept as boolean }), s.n),
  },
  ttest_1samp: {
    blocks: true,
    partial: (v) => core.ttest1sampPartial(num(v, 0)),
    merge: core.ttest1sampMerge,
    finalize: (s, o) =>
      toTtestResponse(core.ttest1sampFinalize(s, o.popmean as number, alternative(o))),
  },
  ttest_ind: {
    partial: (v) => core.ttestIndPartial(num(v, 0), num(v, 1)),
    merge: core.ttestIndMerge,
    finalize: (s, o) =>
      toTtestResponse(
        core.ttestIndFinalize(s, { ...alternative(o), equalVar: o.equal_var as boolean }),
      ),
  },
  ttest_rel: {
    blocks: true,
    partial: (v) => core.ttestRelPartial(num(v, 0), num(v, 1)),
    merge: core.ttestRelMerge,
    finalize: (s, o) => toTtestResponse(core.ttestRelFinalize(s, alternative(o))),
  },
  f_oneway: {
    partial(v) {
      const value = num(v, 0);
      const group = str(v, 1);
      const groups: Record<string, number[]> = {};
      for (let i = 0; i < value.length; i += 1) {
        const g = groups[group[i]!];
        if (g) g.push(value[i]!);
        else groups[group[i]!] = [value[i]!];
      }
      return core.fOnewayPartial(groups);
    },
    merge: core.fOnewayMerge,
    finalize: (s, o) =>
      toFOnewayResponse(core.fOnewayFinalize(s, { equalVar: o.equal_var as boolean })),
  },
  chi2_contingency: {
    partial: (v) => core.chi2ContingencyPartial(str(v, 0), str(v, 1)),
    merge: core.chi2ContingencyMerge,
    finalize: (s, o) =>
      toChi2ContingencyResponse(
        core.chi2ContingencyFinalize(s, { correction: o.correction as boolean }),
      ),
  },
};

/** Merges states pairwise, neighbours first, level by level: one fixed order for a given chunk count. */
export function mergePairwise(states: State[], merge: (a: State, b: State) => State): State {
  let level = states;
  while (level.length > 1) {
    const next: State[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? merge(level[i], level[i + 1]) : level[i]);
    }
    level = next;
  }
  return level[0];
}
