import { theilslopes as coreTheilslopes } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { choice, documented, finiteNumber, finiteOrNull, resultNumber } from '../schema';
import { slopeEntries, xMatchesY } from './slopes';

/** 5000 points are 12.5 million slopes, 100 MB held at once, inside a 512 MB function. */
const MAX_POINTS = 5000;

const request = v.pipe(
  v.strictObject({
    ...slopeEntries(
      MAX_POINTS,
      'the n(n - 1) / 2 pairwise slopes are held in memory at once (100 MB at the cap).',
    ),
    alpha: documented(
      v.optional(v.pipe(finiteNumber, v.gtValue(0), v.ltValue(1)), 0.95),
      'Confidence degree of the slope interval (scipy `alpha`: 0.95 gives a 95% interval; alpha and 1 - alpha give the same).',
    ),
    method: choice(
      ['separate', 'joint'],
      "Intercept: 'separate' median(y) - slope median(x), 'joint' median(y - slope x).",
    ),
  }),
  xMatchesY(),
);

const response = () =>
  v.object({
    slope: documented(resultNumber, 'Theil-Sen slope: the median of the pairwise slopes.'),
    intercept: resultNumber,
    low_slope: documented(
      resultNumber,
      "Lower bound of the slope's confidence interval (Sen 1968).",
    ),
    high_slope: documented(resultNumber, "Upper bound of the slope's confidence interval."),
  });

/** scipy.stats.theilslopes: the Theil-Sen robust line with Sen's slope interval. */
export const theilslopes = defineEndpoint({
  name: 'theilslopes',
  summary:
    'Theil-Sen robust line: median of pairwise slopes, with a confidence interval (scipy.stats.theilslopes).',
  request,
  response,
  handle({ y, x, alpha, method }) {
    const r = coreTheilslopes(y, x, { alpha, method });
    return {
      slope: finiteOrNull(r.slope),
      intercept: finiteOrNull(r.intercept),
      low_slope: finiteOrNull(r.lowSlope),
      high_slope: finiteOrNull(r.highSlope),
    };
  },
  // golden/examples.py: stats.theilslopes([1, 3, 2, 5, 7, 8, 8, 9, 10, 12])
  example: {
    request: { y: [1, 3, 2, 5, 7, 8, 8, 9, 10, 12] },
    response: { slope: 1.125, intercept: 2.4375, low_slope: 1, high_slope: 1.4 },
  },
});
