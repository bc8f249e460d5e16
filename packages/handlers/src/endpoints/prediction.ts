/**
 * The optional prediction request shared by linregress, ols and polyfit
 * (`predict`), and the `prediction` it adds to their responses: statsmodels'
 * summary_frame columns (mean, mean_se, mean_ci_lower, ...) as arrays, one
 * entry per new point, and the data's fitted values and residuals when asked.
 */
import type { Prediction } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { documented, finiteNumbers, resultNumber } from '../schema';
import { type FitResult, toFitResponse } from './fit';

const confidenceLevel = documented(
  v.optional(v.pipe(v.number(), v.gtValue(0), v.ltValue(1)), 0.95),
  'Coverage of both intervals, strictly between 0 and 1 (statsmodels alpha = 1 - confidence_level).',
);

const fitted = documented(
  v.optional(v.boolean(), false),
  "Also return the data's fitted values and residuals (statsmodels fittedvalues, resid).",
);

/** `predict` of linregress and polyfit: new x values. */
export const predictX = documented(
  v.optional(
    v.strictObject({
      x: documented(v.optional(finiteNumbers(), []), 'x values to predict at (may be empty).'),
      confidence_level: confidenceLevel,
      fitted,
    }),
  ),
  'Optional: predict at new x with the confidence interval of the mean and the prediction interval of a new observation.',
);

/** `predict` of ols: new rows, one entry per column of X (no intercept entry). */
export const predictRows = documented(
  v.optional(
    v.strictObject({
      X: documented(
        v.optional(v.array(finiteNumbers()), []),
        'Rows to predict at, one entry per column of X (the intercept is added as for the fit).',
      ),
      confidence_level: confidenceLevel,
      fitted,
    }),
  ),
  'Optional: predict at new rows with the confidence interval of the mean and the prediction interval of a new observation.',
);

/** The core's prediction options (confidenceLevel, fitted) from a `predict` request. */
export function predictionOptions(p: { confidence_level: number; fitted: boolean }) {
  return { confidenceLevel: p.confidence_level, fitted: p.fitted };
}

const perPoint = (description: string) => documented(v.array(resultNumber), description);

/** The `prediction` field of a response (built on demand, as every response schema). */
export const predictionResponse = () =>
  documented(
    v.optional(
      v.object({
        confidence_level: documented(resultNumber, 'Coverage of the intervals.'),
        mean: perPoint('Fitted mean at each new point.'),
        mean_se: perPoint('Standard error of the fitted mean.'),
        mean_ci_lower: perPoint('Lower end of the confidence interval of the mean.'),
        mean_ci_upper: perPoint('Upper end of the confidence interval of the mean.'),
        obs_ci_lower: perPoint('Lower end of the prediction interval of a new observation.'),
        obs_ci_upper: perPoint('Upper end of the prediction interval of a new observation.'),
        fittedvalues: documented(
          v.optional(v.array(resultNumber)),
          'Fitted value of each observation (when predict.fitted is true).',
        ),
        resid: documented(
          v.optional(v.array(resultNumber)),
          'Residual y - fitted of each observation (when predict.fitted is true).',
        ),
      }),
    ),
    'Present when the request had `predict`: statsmodels get_prediction(...).summary_frame(alpha), column by column.',
  );

export type PredictionResponse = v.InferInput<ReturnType<typeof predictionResponse>>;

const finite = (vs: number[]) => vs.map((x) => (Number.isFinite(x) ? x : null));

export function toPredictionResponse(p: Prediction): NonNullable<PredictionResponse> {
  return {
    confidence_level: p.confidenceLevel,
    mean: finite(p.mean),
    mean_se: finite(p.meanSe),
    mean_ci_lower: finite(p.meanCiLower),
    mean_ci_upper: finite(p.meanCiUpper),
    obs_ci_lower: finite(p.obsCiLower),
    obs_ci_upper: finite(p.obsCiUpper),
    ...(p.fittedValues ? { fittedvalues: finite(p.fittedValues) } : {}),
    ...(p.residuals ? { resid: finite(p.residuals) } : {}),
  };
}

/** An ols or polyfit body: the fit, and the prediction when the request asked for one. */
export function toFitWithPrediction(r: FitResult, n: number, prediction: Prediction | undefined) {
  const body = toFitResponse(r, n);
  return prediction ? { ...body, prediction: toPredictionResponse(prediction) } : body;
}
