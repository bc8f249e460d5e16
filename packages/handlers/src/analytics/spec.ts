/**
 * What an analytics function is told about its analysis: the contract lives
 * in lambda-kit (infra writes it, these functions read it).
 */

export type {
  AnalysisMethod,
  AnalysisSpec,
  HoltWintersMethod,
  RobustScoreMethod,
} from '@lambda-stats/lambda-kit/analysis-spec';

/** The whole run cannot go on (a file without the configured columns, no input at all): not retried. */
export class AnalysisInputError extends Error {
  override name = 'AnalysisInputError';
}
