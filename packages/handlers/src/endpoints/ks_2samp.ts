import { KS_2SAMP_METHODS, ks2samp } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import {
  alternative,
  choice,
  documented,
  finiteOrNull,
  resultNumber,
  sample,
  testResult,
  toTestResult,
} from '../schema';

const request = v.strictObject({
  data1: sample('data1', 1, 'First sample.'),
  data2: sample('data2', 1, 'Second sample (any length).'),
  alternative: alternative(
    "'less': the CDF of data1 lies below that of data2 somewhere, 'greater': above.",
  ),
  method: choice(
    KS_2SAMP_METHODS,
    "'auto': exact when max(len(data1), len(data2)) <= 10000, else asymptotic.",
  ),
});

const response = () =>
  v.object({
    ...testResult('KS statistic: the largest distance between the two empirical CDFs.'),
    statistic_location: documented(resultNumber, 'The value at which the statistic is attained.'),
    statistic_sign: documented(
      resultNumber,
      '+1 if the CDF of data1 exceeds that of data2 there, -1 if below.',
    ),
  });

/** scipy.stats.ks_2samp: do two samples come from the same distribution? */
export const ks_2samp = defineEndpoint({
  name: 'ks_2samp',
  summary: 'Two-sample Kolmogorov-Smirnov test (scipy.stats.ks_2samp).',
  request,
  response,
  handle({ data1, data2, ...options }) {
    const r = ks2samp(data1, data2, options);
    return {
      ...toTestResult(r),
      statistic_location: finiteOrNull(r.statisticLocation),
      statistic_sign: finiteOrNull(r.statisticSign),
    };
  },
  // golden/examples.py: stats.ks_2samp([0.61, 0.29, 0.06, 0.59, -1.73], [-0.62, 1.2, 0.5, 3.1, 2.4, 2.9])
  example: {
    request: { data1: [0.61, 0.29, 0.06, 0.59, -1.73], data2: [-0.62, 1.2, 0.5, 3.1, 2.4, 2.9] },
    response: {
      statistic: 0.6666666666666666,
      pvalue: 0.10822510822510821,
      statistic_location: 0.61,
      statistic_sign: 1,
    },
  },
});
