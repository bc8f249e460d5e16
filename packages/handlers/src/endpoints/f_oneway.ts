import { type FOnewayResult, fOneway } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import {
  documented,
  finiteOrNull,
  finiteRows,
  flag,
  resultNumber,
  testResult,
  toTestResult,
} from '../schema';

const request = v.strictObject({
  samples: documented(
    v.pipe(finiteRows(1), v.minLength(2)),
    'Two or more groups, each a non-empty array of values (scipy `*samples`).',
  ),
  equal_var: flag(true, "true: classic one-way ANOVA; false: Welch's ANOVA."),
});

const response = () =>
  v.object({
    ...testResult('F statistic (null when undefined or infinite: every group constant).'),
    df_between: documented(resultNumber, 'Between-groups degrees of freedom, k - 1.'),
    df_within: documented(
      resultNumber,
      'Within-groups degrees of freedom, N - k (Welch: adjusted).',
    ),
    ss_between: documented(resultNumber, 'Between-groups sum of squares (null for Welch).'),
    ss_within: documented(resultNumber, 'Within-groups sum of squares (null for Welch).'),
    ms_between: documented(resultNumber, 'Between-groups mean square (null for Welch).'),
    ms_within: documented(resultNumber, 'Within-groups mean square (null for Welch).'),
  });

/** scipy's F_onewayResult (with the ANOVA table) as JSON: the endpoint's body, and an f_oneway job's result. */
export function toFOnewayResponse(r: FOnewayResult) {
  return {
    ...toTestResult(r),
    df_between: finiteOrNull(r.dfBetween),
    df_within: finiteOrNull(r.dfWithin),
    ss_between: finiteOrNull(r.ssBetween),
    ss_within: finiteOrNull(r.ssWithin),
    ms_between: finiteOrNull(r.msBetween),
    ms_within: finiteOrNull(r.msWithin),
  };
}

/** scipy.stats.f_oneway: one-way ANOVA, with the ANOVA table scipy does not return. */
export const f_oneway = defineEndpoint({
  name: 'f_oneway',
  summary: 'One-way analysis of variance of two or more groups (scipy.stats.f_oneway).',
  request,
  response,
  handle({ samples, equal_var }) {
    return toFOnewayResponse(fOneway(...samples, { equalVar: equal_var }));
  },
  // golden/examples.py: stats.f_oneway([1, 2, 3], [2, 3, 4], [5, 6, 9]), table from numpy
  example: {
    request: {
      samples: [
        [1, 2, 3],
        [2, 3, 4],
        [5, 6, 9],
      ],
    },
    response: {
      statistic: 8.578947368421048,
      pvalue: 0.01739228024042076,
      df_between: 2,
      df_within: 6,
      ss_between: 36.22222222222223,
      ss_within: 12.666666666666666,
      ms_between: 18.111111111111114,
      ms_within: 2.111111111111111,
    },
  },
});
