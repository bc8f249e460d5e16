import { zscore as coreZscore } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { documented, finiteOrNullAll, resultNumber, sample, wholeNumber } from '../schema';

const request = v.strictObject({
  a: sample('a', 1, 'The sample.'),
  ddof: documented(
    v.optional(v.pipe(wholeNumber(), v.minValue(0)), 0),
    'Delta degrees of freedom of the standard deviation (divisor n - ddof), at most the number of values; default 0, as scipy.',
  ),
});

const response = () =>
  v.object({
    zscore: documented(
      v.array(resultNumber),
      "(a - mean) / sd for each value, in input order; all null (scipy: nan) when the sample is constant or n - ddof = 0. With missing values (null): under nan_policy omit, mean and sd come from the other values and a missing value's own score is null; under propagate, every score is null.",
    ),
  });

/** scipy.stats.zscore: standard scores of a sample. */
export const zscore = defineEndpoint({
  name: 'zscore',
  summary: 'Standard scores (a - mean) / sd of a sample (scipy.stats.zscore).',
  request,
  response,
  // a missing value keeps its place: null under omit (the others scored
  // without it), every score null under propagate, as scipy
  keepsPositions: true,
  handle({ a, ddof }, missing) {
    return { zscore: finiteOrNullAll(coreZscore(a, { ddof, nanPolicy: missing?.nanPolicy })) };
  },
  // golden/examples.py: stats.zscore([0.7972, 0.0767, ...]) (scipy's documented sample)
  example: {
    request: {
      a: [0.7972, 0.0767, 0.4383, 0.7866, 0.8091, 0.1954, 0.6307, 0.6599, 0.1065, 0.0508],
    },
    response: {
      zscore: [
        1.1272455359103108, -1.246995602488247, -0.055426420468929004, 1.0923156871011162,
        1.1664592341017652, -0.8558472012003789, 0.5785832881055089, 0.6748051357685733,
        -1.1487965935718318, -1.3323430632578825,
      ],
    },
  },
});
