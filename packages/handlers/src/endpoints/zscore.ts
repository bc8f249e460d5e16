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
      '(a - mean) / sd for each value, in input order; all null (scipy: nan) when the sample is constant or n - ddof = 0.',
    ),
  });

/** scipy.stats.zscore: standard scores of a sample. */
export const zscore = defineEndpoint({
  name: 'zscore',
  summary: 'Standard scores (a - mean) / sd of a sample (scipy.stats.zscore).',
  request,
  response,
  handle({ a, ddof }) {
    return { zscore: finiteOrNullAll(coreZscore(a, { ddof })) };
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
