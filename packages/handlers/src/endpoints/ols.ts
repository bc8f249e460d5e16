import { ols as coreOls, olsPredict } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import { documented, finiteRows, pathItem, rectangular, sample } from '../schema';
import { fitResponse } from './fit';
import {
  predictionOptions,
  predictionResponse,
  predictRows,
  toFitWithPrediction,
} from './prediction';

const request = v.pipe(
  v.strictObject({
    X: documented(
      v.pipe(finiteRows(1), v.minLength(2)),
      'Design matrix: one row per observation, one column per regressor.',
    ),
    y: sample('y', 2, 'Response, one value per row of X.'),
    intercept: documented(
      v.optional(v.boolean(), true),
      'Fit an intercept (a leading column of ones is added).',
    ),
    predict: predictRows,
  }),
  rectangular('X'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { X, y } = dataset.value;
    if (X.length !== y.length) {
      addIssue({
        input: y,
        message: `X must have one row per value of y (got ${X.length} rows and ${y.length} values)`,
        path: [pathItem(dataset.value, 'y')],
      });
    }
    const width = X[0]?.length ?? 0;
    const rows = dataset.value.predict?.X ?? [];
    const ragged = rows.findIndex((row) => row.length !== width);
    if (ragged >= 0 && dataset.value.predict) {
      addIssue({
        input: rows[ragged],
        message: `every row of predict.X must have one entry per column of X (X has ${width} columns, predict.X[${ragged}] has ${rows[ragged]!.length})`,
        path: [
          pathItem(dataset.value, 'predict'),
          pathItem(dataset.value.predict, 'X'),
          pathItem(rows, ragged),
        ],
      });
    }
  }),
);

/** Ordinary least squares with statsmodels-style inference; coefficients intercept first. */
export const ols = defineEndpoint({
  name: 'ols',
  summary: 'Ordinary least squares of y on the columns of X, with standard errors and tests.',
  request,
  response: () => v.object({ ...fitResponse().entries, prediction: predictionResponse() }),
  handle({ X, y, intercept, predict }) {
    const predicted =
      predict && olsPredict(X, y, predict.X, { intercept, ...predictionOptions(predict) });
    return toFitWithPrediction(
      predicted?.fit ?? coreOls(X, y, { intercept }),
      y.length,
      predicted?.prediction,
    );
  },
  // golden/examples.py (numpy least squares, scipy 1.17 tails); method is the core's choice
  example: {
    request: {
      X: [
        [1, 0],
        [2, 1],
        [3, 0],
        [4, 1],
        [5, 3],
      ],
      y: [3.1, 5.9, 7.2, 9.8, 13.1],
    },
    response: {
      coefficients: [1.170000000000004, 2.0, 0.6499999999999994],
      standard_errors: [0.0942514367706581, 0.04031128874149282, 0.0520416499866534],
      t_values: [12.41360386735497, 49.61389383568329, 12.489995996796765],
      p_values: [0.006426902538117208, 0.0004060026089049706, 0.006349270542260071],
      residual_sd: 0.0806225774829856,
      rsquared: 0.9997764325514205,
      rsquared_adj: 0.9995528651028409,
      f_statistic: 4471.923076923065,
      f_pvalue: 0.0002235674485794874,
      df_model: 2,
      df_resid: 2,
      condition_number: 10.65791708078394,
      n: 5,
      method: 'float64',
    },
  },
});
