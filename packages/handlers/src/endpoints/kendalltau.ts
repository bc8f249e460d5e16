import {
  kendalltau as coreKendalltau,
  KENDALLTAU_METHODS,
  KENDALLTAU_VARIANTS,
} from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { alternative, choice, sameLength, sample, testResult, toTestResult } from '../schema';

const request = v.pipe(
  v.strictObject({
    x: sample('x', 2, 'First variable.'),
    y: sample('y', 2, 'Second variable, same length as x.'),
    alternative: alternative("'less': negative association, 'greater': positive."),
    method: choice(
      KENDALLTAU_METHODS,
      "p-value method: 'auto' is exact without ties for n <= 33, else the normal approximation; 'exact' rejects ties.",
    ),
    variant: choice(KENDALLTAU_VARIANTS, "tau-b (adjusted for ties) or Stuart's tau-c."),
  }),
  sameLength('x', 'y'),
);

const response = () => v.object(testResult("Kendall's tau."));

/** scipy.stats.kendalltau: Kendall's tau-b (or tau-c) and its test. */
export const kendalltau = defineEndpoint({
  name: 'kendalltau',
  summary: "Kendall's tau rank correlation and its test (scipy.stats.kendalltau).",
  request,
  response,
  handle: ({ x, y, ...options }) => toTestResult(coreKendalltau(x, y, options)),
  // golden/examples.py: stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])
  example: {
    request: { x: [12, 2, 1, 12, 2], y: [1, 4, 7, 1, 0] },
    response: { statistic: -0.4714045207910316, pvalue: 0.28274545993277467 },
  },
});
