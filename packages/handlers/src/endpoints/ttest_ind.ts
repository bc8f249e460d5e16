import { ttestInd } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { alternative, flag, sample } from '../schema';
import { toTtestResponse, ttestResponse } from './ttest';

const request = v.strictObject({
  a: sample('a', 2, 'First sample.'),
  b: sample('b', 2, 'Second sample (any length).'),
  equal_var: flag(true, "true: Student's t test (pooled variance); false: Welch's t test."),
  alternative: alternative("'less': mean(a) < mean(b), 'greater': mean(a) > mean(b)."),
});

/** scipy.stats.ttest_ind: do two independent samples have the same mean? */
export const ttest_ind = defineEndpoint({
  name: 'ttest_ind',
  summary: "Two-sample t test, Student's or Welch's (scipy.stats.ttest_ind).",
  request,
  response: ttestResponse,
  handle: ({ a, b, equal_var, alternative }) =>
    toTtestResponse(ttestInd(a, b, { equalVar: equal_var, alternative })),
  // golden/examples.py: stats.ttest_ind([1, 2, 3, 4], [3, 4, 5, 6], equal_var=False, alternative='less')
  example: {
    request: { a: [1, 2, 3, 4], b: [3, 4, 5, 6], equal_var: false, alternative: 'less' },
    response: { statistic: -2.1908902300206647, pvalue: 0.03549382716049379, df: 6 },
  },
});
