import { mannwhitneyu as coreMannwhitneyu, MANNWHITNEYU_METHODS } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { alternative, choice, flag, sample, testResult, toTestResult } from '../schema';

const request = v.strictObject({
  x: sample('x', 1, 'First sample.'),
  y: sample('y', 1, 'Second sample (any length).'),
  use_continuity: flag(true, 'Continuity correction of the normal approximation.'),
  alternative: alternative("'less': x tends to be smaller than y, 'greater': larger."),
  method: choice(
    MANNWHITNEYU_METHODS,
    "'auto': exact when there are no ties and min(len(x), len(y)) <= 8, else the normal approximation with tie correction.",
  ),
});

const response = () => v.object(testResult('U statistic of x.'));

/** scipy.stats.mannwhitneyu: rank-sum test of two independent samples. */
export const mannwhitneyu = defineEndpoint({
  name: 'mannwhitneyu',
  summary: 'Mann-Whitney U rank test of two independent samples (scipy.stats.mannwhitneyu).',
  request,
  response,
  handle: ({ x, y, use_continuity, ...options }) =>
    toTestResult(coreMannwhitneyu(x, y, { useContinuity: use_continuity, ...options })),
  // golden/examples.py: stats.mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12])
  example: {
    request: { x: [19, 22, 16, 29, 24], y: [20, 11, 17, 12] },
    response: { statistic: 17, pvalue: 0.1111111111111111 },
  },
});
