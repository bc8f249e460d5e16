/**
 * What an analytics function is told about its analysis: infra bakes this
 * into each analysis's state machine definition (infra/src/constructs/analytics.ts,
 * analysisSpec), so the functions are shared by every analysis.
 */

export interface HoltWintersMethod {
  readonly kind: 'holt-winters';
  readonly seasonalPeriods: number;
  readonly seasonal: 'add' | 'mul';
  readonly trend: 'add' | null;
  readonly damped: boolean;
  readonly evaluatePeriods: number;
  readonly intervalLevel: number;
}

export interface RobustScoreMethod {
  readonly kind: 'modified-zscore';
  readonly seasonalPeriods: number;
  readonly evaluatePeriods: number;
}

export type AnalysisMethod = HoltWintersMethod | RobustScoreMethod;

export interface AnalysisSpec {
  readonly name: string;
  readonly bucket: string;
  readonly inputPrefix: string;
  readonly scratchPrefix: string;
  readonly columns: { readonly series: string; readonly timestamp: string; readonly value: string };
  readonly method: AnalysisMethod;
  readonly threshold: number;
  readonly resultTtlDays: number;
}

/** The whole run cannot go on (a file without the configured columns, no input at all): not retried. */
export class AnalysisInputError extends Error {
  override name = 'AnalysisInputError';
}
