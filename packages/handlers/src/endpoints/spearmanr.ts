import { spearmanr as coreSpearmanr } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { alternative, sameLength, sample, testResult, toTestResult } from '../schema';

const request = v.pipe(
  v.strictObject({
    a: sample('a', 2, 'First variable.'),
    b: sample('b', 2, 'Second variable, same length as a.'),
    alternative: alternative("'less': negative correlation, 'greater': positive."),
  }),
  sameLength('a', 'b'),
);

const response = () => v.object(testResult('Spearman rank correlation (ties get average ranks).'));

/** scipy.stats.spearmanr: rank correlation of two variables. */
export const spearmanr = defineEndpoint({
  name: 'spearmanr',
  summary: 'Spearman rank correlation coefficient and its test (scipy.stats.spearmanr).',
  request,
  response,
  handle: ({ a, b, alternative }) => toTestResult(coreSpearmanr(a, b, { alternative })),
  // golden/examples.py: stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])
  example: {
    request: { a: [1, 2, 3, 4, 5], b: [5, 6, 7, 8, 7] },
    response: { statistic: 0.8207826816681233, pvalue: 0.08858700531354384 },
  },
});
