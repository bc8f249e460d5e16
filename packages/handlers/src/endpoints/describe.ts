import { describe as coreDescribe, type DescribeResult } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { documented, finiteOrNull, flag, resultNumber, sample, wholeNumber } from '../schema';

const request = v.strictObject({
  a: sample('a', 1, 'The sample.'),
  ddof: documented(
    v.optional(v.pipe(wholeNumber(), v.minValue(0)), 1),
    'Delta degrees of freedom of the variance (divisor n - ddof), at most the number of values.',
  ),
  bias: flag(true, 'false corrects skewness and kurtosis for statistical bias.'),
});

const response = () =>
  v.object({
    nobs: documented(wholeNumber(), 'Number of observations.'),
    minmax: documented(v.strictTuple([resultNumber, resultNumber]), 'Minimum and maximum.'),
    mean: resultNumber,
    variance: documented(resultNumber, 'Variance with divisor n - ddof.'),
    skewness: resultNumber,
    kurtosis: documented(resultNumber, 'Fisher (excess) kurtosis: 0 for a normal distribution.'),
  });

/** scipy's DescribeResult as JSON (the endpoint's body, and a describe job's result). */
export function toDescribeResponse(r: DescribeResult) {
  const minmax: [number | null, number | null] = [
    finiteOrNull(r.minmax[0]),
    finiteOrNull(r.minmax[1]),
  ];
  return {
    nobs: r.nobs,
    minmax,
    mean: finiteOrNull(r.mean),
    variance: finiteOrNull(r.variance),
    skewness: finiteOrNull(r.skewness),
    kurtosis: finiteOrNull(r.kurtosis),
  };
}

/** scipy.stats.describe: size, range, mean, variance, skewness and kurtosis of a sample. */
export const describe = defineEndpoint({
  name: 'describe',
  summary: 'Descriptive statistics of a sample (scipy.stats.describe).',
  request,
  response,
  handle({ a, ddof, bias }) {
    return toDescribeResponse(coreDescribe(a, { ddof, bias }));
  },
  // golden/examples.py: stats.describe([1, 2, 3, 4, 10])
  example: {
    request: { a: [1, 2, 3, 4, 10] },
    response: {
      nobs: 5,
      minmax: [1, 10],
      mean: 4,
      variance: 12.5,
      skewness: 1.1384199576606167,
      kurtosis: -0.21199999999999974,
    },
  },
});
