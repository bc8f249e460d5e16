import {
  polyfit as corePolyfit,
  POLYFIT_MAX_DEGREE,
  polyfitPredict,
} from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { documented, sameLength, sample, wholeNumber } from '../schema';
import { fitResponse } from './fit';
import { predictionOptions, predictionResponse, predictX, toFitWithPrediction } from './prediction';

const request = v.pipe(
  v.strictObject({
    x: sample('x', 2, 'Independent variable.'),
    y: sample('y', 2, 'Response, same length as x.'),
    degree: documented(
      v.pipe(wholeNumber(), v.minValue(1), v.maxValue(POLYFIT_MAX_DEGREE)),
      `Polynomial degree, 1 to ${POLYFIT_MAX_DEGREE}.`,
    ),
    intercept: documented(v.optional(v.boolean(), true), 'Fit a constant term.'),
    predict: predictX,
  }),
  sameLength('x', 'y'),
);

/** Least-squares polynomial fit with the same inference as ols; coefficients from the constant term up. */
export const polyfit = defineEndpoint({
  name: 'polyfit',
  summary: 'Least-squares polynomial of the given degree, with standard errors and tests.',
  request,
  response: () => v.object({ ...fitResponse().entries, prediction: predictionResponse() }),
  handle({ x, y, degree, intercept, predict }) {
    const predicted =
      predict &&
      polyfitPredict(x, y, degree, predict.x, { intercept, ...predictionOptions(predict) });
    const fit = predicted?.fit ?? corePolyfit(x, y, degree, { intercept });
    return toFitWithPrediction(fit, y.length, predicted?.prediction);
  },
  // golden/examples.py (numpy least squares, scipy 1.17 tails); method is the core's choice
  example: {
    request: { x: [0, 1, 2, 3, 4], y: [1, 3.1, 8.9, 19.2, 33], degree: 2 },
    response: {
      coefficients: [1.0057142857142862, 0.038571428571430255, 1.9928571428571435],
      standard_errors: [0.1492293126537209, 0.17677380912294835, 0.04237827706911797],
      t_values: [6.739388313393867, 0.2181965120444022, 47.02544040681127],
      p_values: [0.021315613054085334, 0.8475160221338429, 0.00045189734994909253],
      residual_sd: 0.1585649934344183,
      rsquared: 0.9999278801433547,
      rsquared_adj: 0.9998557602867093,
      f_statistic: 13864.806818181836,
      f_pvalue: 7.211985664539395e-5,
      df_model: 2,
      df_resid: 2,
      condition_number: 27.11283181023485,
      n: 5,
      method: 'bignumber',
    },
  },
});
