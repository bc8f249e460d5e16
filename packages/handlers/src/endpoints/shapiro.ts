import { shapiro as coreShapiro } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { sample, testResult, toTestResult } from '../schema';

const request = v.strictObject({
  x: sample(
    'x',
    3,
    'The sample (scipy needs at least 3 values; above 5000 the p-value may be inaccurate).',
  ),
});

const response = () => v.object(testResult('W statistic.'));

/** scipy.stats.shapiro: Shapiro-Wilk test of normality (Royston's AS R94). */
export const shapiro = defineEndpoint({
  name: 'shapiro',
  summary:
    'Shapiro-Wilk test that a sample comes from a normal distribution (scipy.stats.shapiro).',
  request,
  response,
  handle: ({ x }) => toTestResult(coreShapiro(x)),
  // golden/examples.py: stats.shapiro([2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.1])
  example: {
    request: { x: [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.1] },
    response: { statistic: 0.9639247731413361, pvalue: 0.8465465042829203 },
  },
});
