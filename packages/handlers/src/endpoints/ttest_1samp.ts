import { ttest1samp } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { alternative, documented, finiteNumber, sample } from '../schema';
import { toTtestResponse, ttestResponse } from './ttest';

const request = v.strictObject({
  a: sample('a', 2, 'The sample.'),
  popmean: documented(finiteNumber, 'Hypothesised population mean.'),
  alternative: alternative("'less': the mean is below popmean, 'greater': above."),
});

/** scipy.stats.ttest_1samp: is the mean of a sample popmean? */
export const ttest_1samp = defineEndpoint({
  name: 'ttest_1samp',
  summary: 'One-sample t test of the mean (scipy.stats.ttest_1samp).',
  request,
  response: ttestResponse,
  handle: ({ a, popmean, alternative }) => toTtestResponse(ttest1samp(a, popmean, { alternative })),
  // golden/examples.py: stats.ttest_1samp([5.1, 4.9, 5.6, 5.8, 6.0], 5)
  example: {
    request: { a: [5.1, 4.9, 5.6, 5.8, 6.0], popmean: 5 },
    response: { statistic: 2.304073731539131, pvalue: 0.08256829674577398, df: 4 },
  },
});
