/**
 * The response shared by the least-squares fits (ols, polyfit): the core's
 * camelCase result in statsmodels-style snake_case names, NaN as null.
 */
import { FIT_METHODS, type ols } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { documented, finiteOrNull, finiteOrNullAll, resultNumber, wholeNumber } from '../schema';

export type FitResult = ReturnType<typeof ols>;

const perCoefficient = (description: string) => documented(v.array(resultNumber), description);

export const fitResponse = () =>
  v.object({
    coefficients: perCoefficient('Estimated coefficients, intercept first when fitted.'),
    standard_errors: perCoefficient('Standard error of each coefficient.'),
    t_values: perCoefficient('t statistic of each coefficient (coefficient / standard error).'),
    p_values: perCoefficient('Two-sided p-value of each t statistic.'),
    residual_sd: documented(resultNumber, 'Residual standard deviation, sqrt(SSR / df_resid).'),
    rsquared: resultNumber,
    rsquared_adj: resultNumber,
    f_statistic: documented(resultNumber, 'F statistic of the regression.'),
    f_pvalue: resultNumber,
    df_model: resultNumber,
    df_resid: resultNumber,
    condition_number: documented(resultNumber, 'Condition number of the design matrix.'),
    n: documented(wholeNumber(), 'Number of observations.'),
    method: documented(
      v.picklist(FIT_METHODS),
      "Arithmetic that answered: float64 (QR), or exact sums solved in mathjs BigNumber when float64's error bound was too loose.",
    ),
  });

export type FitResponse = v.InferInput<ReturnType<typeof fitResponse>>;

export function toFitResponse(r: FitResult, n: number): FitResponse {
  return {
    coefficients: finiteOrNullAll(r.coefficients),
    standard_errors: finiteOrNullAll(r.standardErrors),
    t_values: finiteOrNullAll(r.tValues),
    p_values: finiteOrNullAll(r.pValues),
    residual_sd: finiteOrNull(r.residualStandardDeviation),
    rsquared: finiteOrNull(r.rSquared),
    rsquared_adj: finiteOrNull(r.adjustedRSquared),
    f_statistic: finiteOrNull(r.fStatistic),
    f_pvalue: finiteOrNull(r.fPvalue),
    df_model: finiteOrNull(r.dfModel),
    df_resid: finiteOrNull(r.dfResidual),
    condition_number: finiteOrNull(r.conditionNumber),
    n,
    method: r.method,
  };
}
