import { pearsonr as corePearsonr, type PearsonrResult } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import {
  alternative,
  documented,
  finiteNumber,
  finiteOrNull,
  resultNumber,
  sameLength,
  sample,
  testResult,
  toTestResult,
} from '../schema';

const request = v.pipe(
  v.strictObject({
    x: sample('x', 2, 'First variable.'),
    y: sample('y', 2, 'Second variable, same length as x.'),
    alternative: alternative("'less': negative correlation, 'greater': positive."),
    confidence_level: documented(
      v.optional(v.pipe(finiteNumber, v.gtValue(0), v.ltValue(1)), 0.95),
      'Confidence level of the interval (scipy `result.confidence_interval(confidence_level)`).',
    ),
  }),
  sameLength('x', 'y'),
);

const response = () =>
  v.object({
    ...testResult('Pearson correlation coefficient r.'),
    confidence_interval: documented(
      v.object({ low: resultNumber, high: resultNumber }),
      'Confidence interval for r (Fisher z transform, as scipy), one-sided for a one-sided alternative.',
    ),
  });

/** scipy's PearsonRResult as JSON (the endpoint's body, and a pearsonr job's result). */
export function toPearsonrResponse(r: PearsonrResult) {
  const { low, high } = r.confidenceInterval;
  return {
    ...toTestResult(r),
    confidence_interval: { low: finiteOrNull(low), high: finiteOrNull(high) },
  };
}

/** scipy.stats.pearsonr: linear correlation, its test, and a confidence interval. */
export const pearsonr = defineEndpoint({
  name: 'pearsonr',
  summary: 'Pearson correlation coefficient and the test of no correlation (scipy.stats.pearsonr).',
  request,
  response,
  handle({ x, y, alternative, confidence_level }) {
    return toPearsonrResponse(
      corePearsonr(x, y, { alternative, confidenceLevel: confidence_level }),
    );
  },
  // golden/examples.py: stats.pearsonr([1, 2, 3, 4, 5], [10, 9, 2.5, 6, 4])
  example: {
    request: { x: [1, 2, 3, 4, 5], y: [10, 9, 2.5, 6, 4] },
    response: {
      statistic: -0.7426106572325056,
      pvalue: 0.15055580885344547,
      confidence_interval: { low: -0.9816918044786463, high: 0.4050111676903099 },
    },
  },
});
