import type { FIT_METHODS } from '../../options';
/** The estimates each solver (float64 or BigNumber) hands to {@link finishFit}. */
export interface FitCore {
  coefficients: number[];
  standardErrors: number[];
  residualStandardDeviation: number;
  rSquared: number;
  adjustedRSquared: number;
  fStatistic: number;
}

/** Result of `ols` and `polyfit` (see their doc comments for the definitions). */
export interface OlsResult extends FitCore {
  tValues: number[];
  pValues: number[];
  fPvalue: number;
  dfModel: number;
  dfResidual: number;
  conditionNumber: number;
  method: (typeof FIT_METHODS)[number];
}
