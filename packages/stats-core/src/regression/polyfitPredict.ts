import { StatsInputError } from '../errors';
import { checkFinite, checkNumericArray, type NumericArray } from '../internal/validate';
import { big } from './internal/bigNumber';
import { exactPowerColumns } from './internal/polyfitFloat';
import type { OlsPredictResult } from './olsPredict';
import { type PolyfitOptions, polyfit } from './polyfit';
import {
  checkConfidenceLevel,
  type Prediction,
  type PredictionOptions,
  predictionIntervals,
} from './prediction/intervals';

const FN = 'polyfitPredict';

/**
 * Fits {@link polyfit} and predicts at new x: the fitted curve, the
 * confidence interval of its mean and the prediction interval of a new
 * observation at each, as statsmodels' `get_prediction(...).summary_frame(alpha)`
 * on the design [1, x, ..., x^d] (see `olsPredict` for the formulas and the
 * accuracy). The new rows' powers are formed in float64 for the float64
 * path and from the decimal x at 64 digits for the exact one.
 *
 * @param x - predictor
 * @param y - responses, same length
 * @param degree - integer from 1 to 20
 * @param newX - x values to predict at (may be empty)
 * @param options - `intercept` (default true), `confidenceLevel` (default
 *   0.95), `fitted` (default false)
 * @returns `{ fit, prediction }`: the `polyfit` result and a {@link Prediction}
 * @throws StatsInputError for anything `polyfit` rejects, a non-finite new
 *   x, or a confidenceLevel outside (0, 1)
 * @example
 * polyfitPredict([0, 1, 2, 3, 4], [1, 3.1, 8.9, 19.2, 33], 2, [5]).prediction.obsCiUpper;
 * // [~53.9]
 */
export function polyfitPredict(
  x: NumericArray,
  y: NumericArray,
  degree: number,
  newX: NumericArray,
  options: PolyfitOptions & PredictionOptions = {},
): OlsPredictResult {
  const level = checkConfidenceLevel(FN, options.confidenceLevel);
  const hasIntercept = options.intercept ?? true;
  const fit = polyfit(x, y, degree, { intercept: hasIntercept });
  const news = checkNumericArray(FN, 'newX', newX);
  checkFinite(FN, 'newX', news);
  const first = hasIntercept ? 0 : 1;
  const powers = Array.from({ length: degree + 1 - first }, (_, j) => j + first);
  const columns = powers.map((k) => Float64Array.from(x, (v) => v ** k));
  const row = (v: number) => powers.map((k) => v ** k);
  if (news.length > 0 && columns.length === 0) throw new StatsInputError(FN, 'has no columns');
  const prediction = predictionIntervals(
    {
      columns,
      exactColumns: () => exactPowerColumns(x, powers),
      rows: Array.from(news, row),
      exactRows: () => Array.from(news, (v) => powers.map((k) => big(v).pow(k))),
    },
    fit,
    level,
    { y, fitted: options.fitted ?? false },
  );
  return { fit, prediction };
}
