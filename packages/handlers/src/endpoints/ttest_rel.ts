import { ttestRel } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { alternative, sameLength, sample } from '../schema';
import { toTtestResponse, ttestResponse } from './ttest';

const request = v.pipe(
  v.strictObject({
    a: sample('a', 2, 'First measurements.'),
    b: sample('b', 2, 'Paired second measurements, same length as a.'),
    alternative: alternative("'less': mean(a - b) < 0, 'greater': mean(a - b) > 0."),
  }),
  sameLength('a', 'b'),
);

/** scipy.stats.ttest_rel: paired t test on a - b. */
export const ttest_rel = defineEndpoint({
  name: 'ttest_rel',
  summary: 'Paired (related samples) t test (scipy.stats.ttest_rel).',
  request,
  response: ttestResponse,
  handle: ({ a, b, alternative }) => toTtestResponse(ttestRel(a, b, { alternative })),
  // golden/examples.py: stats.ttest_rel([1, 2, 3, 4], [1.5, 2.1, 3.9, 4.2])
  example: {
    request: { a: [1, 2, 3, 4], b: [1.5, 2.1, 3.9, 4.2] },
    response: { statistic: -2.365068368376859, pvalue: 0.09894459695402409, df: 3 },
  },
});
