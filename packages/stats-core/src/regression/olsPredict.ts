import { StatsInputError } from '../errors';
import { checkFinite, checkNumericArray, type NumericArray } from '../internal/validate';
import { big } from './internal/bigNumber';
import { toScaledIntegers } from './internal/decimal';
import { onesColumn } from './internal/design';
import { type OlsOptions, type OlsResult, ols } from './ols';
import {
  checkConfidenceLevel,
  type Prediction,
  type PredictionOptions,
  predictionIntervals,
} from './prediction/intervals';

export type { Prediction, PredictionOptions } from './prediction/intervals';

const FN = 'olsPredict';

/**
 * Fits {@link ols} and predicts at new rows: for each, the fitted mean, the
 * confidence interval of the mean and the prediction interval of a new
 * observation, as statsmodels'
 * `OLS(y, X).fit().get_prediction(newX).summary_frame(alpha)` with
 * alpha = 1 - confidenceLevel.
 *
 * mean = x0^T b; mean_se = s sqrt(h) with h = x0^T (X^T X)^-1 x0 and s the
 * residual standard deviation; the mean's interval is mean -+ t mean_se and
 * the observation's mean -+ t s sqrt(1 + h), t being Student's t quantile at
 * 1 - alpha / 2 with n - p degrees of freedom. h is refined in
 * double-double on well-conditioned designs and computed from the exact
 * decimal X^T X at 64 digits otherwise, so every value is within 1e-10 of
 * the exact answer (relative to the larger of the value and the interval's
 * half-width) on designs as ill-conditioned as NIST's Longley and Wampler.
 *
 * @param X - one row per observation (as for `ols`)
 * @param y - the responses
 * @param newX - rows to predict at, each with as many entries as X's rows
 *   (no intercept entry: it is added as for the fit); may be empty
 * @param options - `intercept` (default true), `confidenceLevel` (default
 *   0.95), `fitted` (default false: also return X b and y - X b)
 * @returns `{ fit, prediction }`: the `ols` result and a {@link Prediction}
 * @throws StatsInputError for anything `ols` rejects, a row of newX of the
 *   wrong length or with a non-finite value, or a confidenceLevel outside (0, 1)
 * @example
 * olsPredict([[1], [2], [3], [4]], [2.1, 3.9, 6.2, 7.8], [[5]]).prediction.mean;
 * // [9.85]
 */
export function olsPredict(
  X: NumericArray[],
  y: NumericArray,
  newX: NumericArray[],
  options: OlsOptions & PredictionOptions = {},
): OlsPredictResult {
  const level = checkConfidenceLevel(FN, options.confidenceLevel);
  const fit = ols(X, y, { intercept: options.intercept ?? true });
  const hasIntercept = options.intercept ?? true;
  const k = X[0]?.length ?? 0;
  if (!Array.isArray(newX)) {
    throw new StatsInputError(FN, 'requires newX to be an array of rows to predict at');
  }
  const newRows = newX.map((row, i) => {
    const values = checkNumericArray(FN, `newX[${i}]`, row);
    if (values.length !== k) {
      throw new StatsInputError(
        FN,
        `requires every row of newX to have ${k} entries, one per column of X (newX[${i}] has ${values.length})`,
      );
    }
    checkFinite(FN, `newX[${i}]`, values);
    return Array.from(values);
  });
  const n = y.length;
  const dataColumns = Array.from({ length: k }, (_, j) =>
    Float64Array.from(X, (row) => row[j] as number),
  );
  const columns = hasIntercept ? [new Float64Array(n).fill(1), ...dataColumns] : dataColumns;
  const withIntercept = (row: number[]) => (hasIntercept ? [1, ...row] : row);
  const prediction = predictionIntervals(
    {
      columns,
      exactColumns: () => [
        ...(hasIntercept ? [onesColumn(n)] : []),
        ...dataColumns.map((c) => toScaledIntegers(c)),
      ],
      rows: newRows.map(withIntercept),
      exactRows: () => newRows.map((row) => withIntercept(row).map((v) => big(v))),
    },
    fit,
    level,
    { y, fitted: options.fitted ?? false },
  );
  return { fit, prediction };
}

/** Result of `olsPredict` and `polyfitPredict`: the fit and its predictions. */
export interface OlsPredictResult {
  fit: OlsResult;
  prediction: Prediction;
}
