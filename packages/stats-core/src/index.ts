// biome-ignore-all assist/source/organizeImports: `median` stands after `iqr`, out of path order: sorted first, it renamed the minified symbols of 13 endpoint bundles whose code did not change (every other export is in order)
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
export { studentTQuantile } from './distributions/studentTQuantile';
export { StatsInputError } from './errors';
export {
  type Chi2ContingencyOptions,
  type Chi2ContingencyResult,
  chi2Contingency,
} from './hypothesis-tests/chi2Contingency';
export { type Ks2sampOptions, type Ks2sampResult, ks2samp } from './hypothesis-tests/ks2samp';
export {
  type MannwhitneyuOptions,
  type MannwhitneyuResult,
  mannwhitneyu,
} from './hypothesis-tests/mannwhitneyu';
export { type ShapiroResult, shapiro } from './hypothesis-tests/shapiro';
export { ttest1samp } from './hypothesis-tests/ttest1samp';
export { type TtestIndOptions, ttestInd } from './hypothesis-tests/ttestInd';
export { ttestRel } from './hypothesis-tests/ttestRel';
export type { TtestOptions, TtestResult } from './hypothesis-tests/ttestResult';
export type { NanPolicy } from './options';
export {
  ALTERNATIVES,
  type Alternative,
  FIT_METHODS,
  IQR_INTERPOLATIONS,
  KENDALLTAU_METHODS,
  KENDALLTAU_VARIANTS,
  type KendalltauMethod,
  type KendalltauVariant,
  KS_2SAMP_METHODS,
  type Ks2sampMethod,
  MANNWHITNEYU_METHODS,
  type MannwhitneyuMethod,
  MODIFIED_ZSCORE_SCALES,
  NAN_POLICIES,
  POLYFIT_MAX_DEGREE,
  SIEGELSLOPES_METHODS,
  type SiegelslopesMethod,
  SMOOTHING_SEASONALS,
  SMOOTHING_TRENDS,
  THEILSLOPES_METHODS,
  type TheilslopesMethod,
} from './options';
export {
  type LinregressOptions,
  type LinregressResult,
  linregress,
} from './regression/linregress';
export {
  type LinregressPredictResult,
  linregressPredict,
} from './regression/linregressPredict';
export { type OlsOptions, type OlsResult, ols } from './regression/ols';
export { type OlsPredictResult, olsPredict } from './regression/olsPredict';
export { type PolyfitOptions, polyfit } from './regression/polyfit';
export { polyfitPredict } from './regression/polyfitPredict';
export type { Prediction, PredictionOptions } from './regression/prediction/intervals';
export { type Interpolation, type IqrOptions, iqr, NORMAL_IQR_SCALE } from './robust/iqr';
// numpy's median, beside the selection it uses (see the note at the top on its place)
export { median } from './robust/internal/select';
export {
  type MedianAbsDeviationOptions,
  medianAbsDeviation,
  NORMAL_MAD_SCALE,
} from './robust/medianAbsDeviation';
export {
  type ModifiedZscoreOptions,
  type ModifiedZscoreResult,
  modifiedZscore,
} from './robust/modifiedZscore';
export {
  type SiegelslopesOptions,
  type SiegelslopesResult,
  siegelslopes,
} from './robust/siegelslopes';
export {
  type TheilslopesOptions,
  type TheilslopesResult,
  theilslopes,
} from './robust/theilslopes';
export { type ZscoreOptions, zscore } from './robust/zscore';
export {
  type ExponentialSmoothingOptions,
  type ExponentialSmoothingResult,
  exponentialSmoothing,
} from './timeseries/exponentialSmoothing';
