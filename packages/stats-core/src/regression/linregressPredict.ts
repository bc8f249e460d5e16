import { StatsInputError } from '../errors';
import { checkFinite, checkNumericArray, type NumericArray } from '../internal/validate';
import { type LinregressOptions, type LinregressResult, linregress } from './linregress';
import { olsPredict } from './olsPredict';
import type { Prediction, PredictionOptions } from './prediction/intervals';

const FN = 'linregressPredict';

/**
 * Fits {@link linregress} and predicts at new x: the fitted line, the
 * confidence interval of its mean and the prediction interval of a new
 * observation at each, as statsmodels'
 * `OLS(y, add_constant(x)).fit().get_prediction(...).summary_frame(alpha)`
 * (see `olsPredict` for the formulas and the accuracy; the intervals come
 * from that least-squares fit, whose line agrees with linregress's to
 * about 1e-13).
 *
 * @param x - predictor values
 * @param y - responses, same length
 * @param newX - x values to predict at (may be empty)
 * @param options - `alternative` (for the slope test), `confidenceLevel`
 *   (default 0.95), `fitted` (default false)
 * @returns `{ fit, prediction }`: the `linregress` result and a {@link Prediction}
 * @throws StatsInputError for anything `linregress` rejects, fewer than 3
 *   points (no residual degrees of freedom), a non-finite new x, or a
 *   confidenceLevel outside (0, 1)
 * @example
 * linregressPredict([1, 2, 3, 4], [2.1, 3.9, 6.2, 7.8], [5]).prediction.mean;
 * // [9.85]
 */
export function linregressPredict(
  x: NumericArray,
  y: NumericArray,
  newX: NumericArray,
  options: LinregressOptions & PredictionOptions = {},
): LinregressPredictResult {
  const fit = linregress(x, y, { alternative: options.alternative ?? 'two-sided' });
  if (x.length < 3) {
    throw new StatsInputError(
      FN,
      `requires at least 3 points for intervals (got ${x.length}: a line through 2 points leaves no residual degrees of freedom)`,
    );
  }
  const news = checkNumericArray(FN, 'newX', newX);
  checkFinite(FN, 'newX', news);
  const rows = Array.from(x, (v) => [v]);
  const newRows = Array.from(news, (v) => [v]);
  const { prediction } = olsPredict(rows, y, newRows, {
    confidenceLevel: options.confidenceLevel,
    fitted: options.fitted,
  });
  return { fit, prediction };
}

/** Result of `linregressPredict`: the linregress fit and its predictions. */
export interface LinregressPredictResult {
  fit: LinregressResult;
  prediction: Prediction;
}
