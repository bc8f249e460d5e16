import { fisherFSf } from '../../distributions/fisherF';
import { tPvalue } from '../../internal/pvalue';
import type { FitCore, OlsResult } from './fit';

/**
 * Adds the t statistics (coefficient / standard error), their two-sided
 * p-values (Student's t, dfResidual), and the F test's p-value to a fit.
 */
export function finishFit(
  core: FitCore,
  dfModel: number,
  dfResidual: number,
  conditionNumber: number,
  method: OlsResult['method'],
): OlsResult {
  const tValues = core.coefficients.map((b, j) => {
    const se = core.standardErrors[j] as number;
    if (se === 0) return b === 0 ? Number.NaN : b > 0 ? Infinity : -Infinity;
    return b / se;
  });
  return {
    ...core,
    tValues,
    pValues: tValues.map((t) => tPvalue(t, dfResidual, 'two-sided')),
    fPvalue: dfModel > 0 ? fisherFSf(core.fStatistic, dfModel, dfResidual) : Number.NaN,
    dfModel,
    dfResidual,
    conditionNumber,
    method,
  };
}
