import {
  ALTERNATIVES,
  linregress as coreLinregress,
  type LinregressResult,
  linregressPredict,
} from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { documented, finiteOrNull, resultNumber, sameLength, sample, wholeNumber } from '../schema';
import {
  predictionOptions,
  predictionResponse,
  predictX,
  toPredictionResponse,
} from './prediction';

const request = v.pipe(
  v.strictObject({
    x: sample('x', 2, 'Independent variable, one value per observation.'),
    y: sample('y', 2, 'Dependent variable, same length as x.'),
    alternative: documented(
      v.optional(v.picklist(ALTERNATIVES), ALTERNATIVES[0]),
      'Alternative hypothesis for the slope test (scipy `alternative`).',
    ),
    predict: predictX,
  }),
  sameLength('x', 'y'),
);

const response = () =>
  v.object({
    slope: resultNumber,
    intercept: resultNumber,
    rvalue: documented(resultNumber, 'Pearson correlation coefficient.'),
    pvalue: documented(resultNumber, 'p-value of the test that the slope is zero.'),
    stderr: documented(resultNumber, 'Standard error of the slope.'),
    intercept_stderr: documented(resultNumber, 'Standard error of the intercept.'),
    rsquared: documented(resultNumber, 'Coefficient of determination, rvalue squared.'),
    n: documented(wholeNumber(), 'Number of observations.'),
    prediction: predictionResponse(),
  });

/** scipy's LinregressResult as JSON, with n (the endpoint's body, and a linregress job's result). */
export function toLinregressResponse(r: LinregressResult, n: number) {
  return {
    slope: finiteOrNull(r.slope),
    intercept: finiteOrNull(r.intercept),
    rvalue: finiteOrNull(r.rvalue),
    pvalue: finiteOrNull(r.pvalue),
    stderr: finiteOrNull(r.stderr),
    intercept_stderr: finiteOrNull(r.interceptStderr),
    rsquared: finiteOrNull(r.rvalue * r.rvalue),
    n,
  };
}

/** scipy.stats.linregress: least-squares line through (x, y). */
export const linregress = defineEndpoint({
  name: 'linregress',
  summary: 'Least-squares linear regression of y on x (scipy.stats.linregress).',
  request,
  response,
  handle({ x, y, alternative, predict }) {
    const predicted = predict
      ? linregressPredict(x, y, predict.x, { alternative, ...predictionOptions(predict) })
      : undefined;
    const r = predicted?.fit ?? coreLinregress(x, y, { alternative });
    return {
      ...toLinregressResponse(r, x.length),
      ...(predicted ? { prediction: toPredictionResponse(predicted.prediction) } : {}),
    };
  },
  // scipy 1.17: stats.linregress([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])
  example: {
    request: { x: [1, 2, 3, 4, 5], y: [2, 4, 5, 4, 5] },
    response: {
      slope: 0.6000000000000001,
      intercept: 2.1999999999999997,
      rvalue: 0.7745966692414835,
      pvalue: 0.12402706265755445,
      stderr: 0.28284271247461895,
      intercept_stderr: 0.9380831519646857,
      rsquared: 0.6000000000000002,
      n: 5,
    },
  },
});
