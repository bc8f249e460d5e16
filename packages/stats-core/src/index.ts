export { type FOnewayOptions, type FOnewayResult, fOneway } from './anova/fOneway';
export {
  type KendalltauOptions,
  type KendalltauResult,
  kendalltau,
} from './correlation/kendalltau';
export { type PearsonrOptions, type PearsonrResult, pearsonr } from './correlation/pearsonr';
export { type SpearmanrOptions, type SpearmanrResult, spearmanr } from './correlation/spearmanr';
export { autocorrelationLag1 } from './descriptive/autocorrelationLag1';
export { type DescribeOptions, type DescribeResult, describe } from './descriptive/describe';
export { chiSquaredSf } from './distributions/chiSquared';
export { fisherFSf } from './distributions/fisherF';
export { kolmogorovSf, kolmogorovTwoSidedSf } from './distributions/kolmogorov';
export { normalCdf, normalQuantile, normalSf } from './distributions/normal';
export { studentTCdf, studentTSf } from './distributions/studentT';
export { StatsInputError } from './errors';
export * from './partial/index';
export {
  type Alternative,
  type LinregressOptions,
  type LinregressResult,
  linregress,
} from './regression/linregress';
export { type OlsOptions, type OlsResult, ols } from './regression/ols';
export { type PolyfitOptions, polyfit } from './regression/polyfit';
export {
  type Chi2ContingencyOptions,
  type Chi2ContingencyResult,
  chi2Contingency,
} from './tests/chi2Contingency';
export { type Ks2sampOptions, type Ks2sampResult, ks2samp } from './tests/ks2samp';
export {
  type MannwhitneyuOptions,
  type MannwhitneyuResult,
  mannwhitneyu,
} from './tests/mannwhitneyu';
export { type ShapiroResult, shapiro } from './tests/shapiro';
export { ttest1samp } from './tests/ttest1samp';
export { type TtestIndOptions, ttestInd } from './tests/ttestInd';
export { ttestRel } from './tests/ttestRel';
export type { TtestOptions, TtestResult } from './tests/ttestResult';
