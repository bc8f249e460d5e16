import { iqr as coreIqr, IQR_INTERPOLATIONS, NORMAL_IQR_SCALE } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import {
  choice,
  documented,
  finiteNumber,
  finiteOrNull,
  resultNumber,
  sample,
  scaleArgument,
} from '../schema';

const percent = v.pipe(finiteNumber, v.minValue(0), v.maxValue(100));

const request = v.strictObject({
  x: sample('x', 1, 'The sample.'),
  rng: documented(
    v.optional(v.strictTuple([percent, percent]), [25, 75]),
    'The two percentiles, in [0, 100] and in either order; default [25, 75], the quartiles.',
  ),
  scale: scaleArgument(
    `The range is divided by this: a positive number (default 1), or "normal" for ${NORMAL_IQR_SCALE}, the interquartile range of the standard normal.`,
  ),
  interpolation: choice(
    IQR_INTERPOLATIONS,
    "How a percentile between two data points is taken (numpy's methods; 'linear' is Hyndman and Fan's type 7).",
  ),
});

const response = () =>
  v.object({
    iqr: documented(resultNumber, '(percentile(x, high) - percentile(x, low)) / scale.'),
  });

/** scipy.stats.iqr: the interquartile (or any percentile) range. */
export const iqr = defineEndpoint({
  name: 'iqr',
  summary: 'Interquartile range, or any percentile range, of a sample (scipy.stats.iqr).',
  request,
  response,
  handle({ x, rng, scale, interpolation }) {
    return { iqr: finiteOrNull(coreIqr(x, { rng, scale, interpolation })) };
  },
  // golden/examples.py: stats.iqr([10, 7, 4, 3, 2, 1])
  example: {
    request: { x: [10, 7, 4, 3, 2, 1] },
    response: { iqr: 4 },
  },
});
