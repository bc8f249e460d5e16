import { MODIFIED_ZSCORE_SCALES, modifiedZscore } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import {
  documented,
  finiteNumber,
  finiteOrNull,
  finiteOrNullAll,
  resultNumber,
  sample,
  wholeNumber,
} from '../schema';

const request = v.strictObject({
  x: sample('x', 1, 'The sample, e.g. one series of readings.'),
  threshold: documented(
    v.optional(v.pipe(finiteNumber, v.gtValue(0)), 3.5),
    '|M| above this flags an outlier; default 3.5, as Iglewicz and Hoaglin recommend.',
  ),
});

const response = () =>
  v.object({
    scores: documented(
      v.array(resultNumber),
      'M_i = 0.6745 (x_i - median) / MAD, in input order. A missing value (null) scores null and is not flagged; under nan_policy omit the median and MAD come from the other values, under propagate every score, the median and the MAD are null (as zscore).',
    ),
    outliers: documented(v.array(v.boolean()), '|M_i| > threshold, in input order.'),
    outlier_indices: documented(v.array(wholeNumber()), 'The indices i where |M_i| > threshold.'),
    median: resultNumber,
    mad: documented(resultNumber, 'median(|x - median|), unscaled.'),
    scale_used: documented(
      v.picklist(MODIFIED_ZSCORE_SCALES),
      "'mad' normally; 'meanAbsoluteDeviation' when MAD = 0 (half or more of the values equal the median), where M_i = (x_i - median) / (1.253314 MeanAD); 'none' for constant data (all scores 0).",
    ),
    threshold: finiteNumber,
  });

/** Ours, not scipy's: the Iglewicz-Hoaglin modified z-score, for flagging anomalies. */
export const modified_zscore = defineEndpoint({
  name: 'modified_zscore',
  summary:
    'Modified z-scores of Iglewicz and Hoaglin, 0.6745 (x - median) / MAD, with outliers flagged (not a scipy function).',
  request,
  response,
  // a missing value keeps its place (score null, not flagged); omit scores
  // the others without it, propagate makes every score and the median null
  keepsPositions: true,
  handle({ x, threshold }, missing) {
    const r = modifiedZscore(x, { threshold, nanPolicy: missing?.nanPolicy });
    return {
      scores: finiteOrNullAll(r.scores),
      outliers: r.outliers,
      outlier_indices: indicesOf(r.outliers),
      median: finiteOrNull(r.median),
      mad: finiteOrNull(r.mad),
      scale_used: r.scaleUsed,
      threshold: r.threshold,
    };
  },
  // golden/examples.py: 0.6745 (x - np.median(x)) / MAD by numpy
  example: {
    request: { x: [10.2, 9.8, 10.1, 10.0, 9.9, 10.3, 14.9, 10.0] },
    response: {
      scores: [
        0.674499999999996, -1.1241666666666705, 0.22483333333332936, -0.2248333333333373,
        -0.674500000000004, 1.1241666666666705, 21.808833333333407, -0.2248333333333373,
      ],
      outliers: [false, false, false, false, false, false, true, false],
      outlier_indices: [6],
      median: 10.05,
      mad: 0.14999999999999947,
      scale_used: 'mad',
      threshold: 3.5,
    },
  },
});

/** The positions flagged true (a push loop: flatMap built an array per value, 15% of a warm request). */
function indicesOf(flags: readonly boolean[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i]) out.push(i);
  return out;
}
