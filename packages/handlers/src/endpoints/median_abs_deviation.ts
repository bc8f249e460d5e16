import { medianAbsDeviation, NORMAL_MAD_SCALE } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { documented, finiteOrNull, resultNumber, sample, scaleArgument } from '../schema';

const request = v.strictObject({
  x: sample('x', 1, 'The sample.'),
  scale: scaleArgument(
    `The MAD is divided by this: a positive number (default 1), or "normal" for ${NORMAL_MAD_SCALE} = Phi^-1(0.75), which makes it estimate the standard deviation of normal data.`,
  ),
});

const response = () =>
  v.object({
    median_abs_deviation: documented(resultNumber, 'median(|x - median(x)|) / scale.'),
  });

/** scipy.stats.median_abs_deviation with scipy's default center (the median). */
export const median_abs_deviation = defineEndpoint({
  name: 'median_abs_deviation',
  summary: 'Median absolute deviation of a sample (scipy.stats.median_abs_deviation).',
  request,
  response,
  handle({ x, scale }) {
    return { median_abs_deviation: finiteOrNull(medianAbsDeviation(x, { scale })) };
  },
  // golden/examples.py: stats.median_abs_deviation([2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 40.1])
  example: {
    request: { x: [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 40.1] },
    response: { median_abs_deviation: 1.1500000000000001 },
  },
});
