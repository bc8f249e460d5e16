import { siegelslopes as coreSiegelslopes } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { choice, documented, finiteOrNull, resultNumber } from '../schema';
import { slopeEntries, xMatchesY } from './slopes';

/**
 * n^2 = 2.5e7 slope evaluations at the cap: 10,000 points took 5.3 s on the
 * loaded 2-core machine (docs/analytics.md), too near the 10 s timeout of a
 * 512 MB function, which has a fraction of a core.
 */
const MAX_POINTS = 5000;

const request = v.pipe(
  v.strictObject({
    ...slopeEntries(MAX_POINTS, 'the repeated median takes n^2 steps.'),
    method: choice(
      ['hierarchical', 'separate'],
      "Intercept: 'hierarchical' median(y - slope x), 'separate' the repeated median of pairwise intercepts.",
    ),
  }),
  xMatchesY(),
);

const response = () =>
  v.object({
    slope: documented(resultNumber, "Siegel's repeated-median slope."),
    intercept: resultNumber,
  });

/** scipy.stats.siegelslopes: Siegel's repeated-median robust line. */
export const siegelslopes = defineEndpoint({
  name: 'siegelslopes',
  summary: "Siegel's repeated-median robust line (scipy.stats.siegelslopes).",
  request,
  response,
  handle({ y, x, method }) {
    const r = coreSiegelslopes(y, x, { method });
    return { slope: finiteOrNull(r.slope), intercept: finiteOrNull(r.intercept) };
  },
  // golden/examples.py: stats.siegelslopes([1, 3, 2, 5, 7, 8, 8, 9, 10, 30], range(10))
  example: {
    request: { y: [1, 3, 2, 5, 7, 8, 8, 9, 10, 30], x: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] },
    response: { slope: 1.2916666666666665, intercept: 1.0625000000000002 },
  },
});
