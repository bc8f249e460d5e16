/**
 * The allowed values of every choice-valued option, defined once: the core
 * checks its inputs against these lists and the handler schemas offer the
 * same lists (OpenAPI enums). The first value of each list is scipy's default.
 */

/** scipy's `alternative`: the alternative hypothesis. */
export const ALTERNATIVES = ['two-sided', 'less', 'greater'] as const;
export type Alternative = (typeof ALTERNATIVES)[number];

/** `kendalltau(variant=)`: tau-b (adjusted for ties) or Stuart's tau-c. */
export const KENDALLTAU_VARIANTS = ['b', 'c'] as const;
export type KendalltauVariant = (typeof KENDALLTAU_VARIANTS)[number];

/** `kendalltau(method=)`: how the p-value is computed. */
export const KENDALLTAU_METHODS = ['auto', 'exact', 'asymptotic'] as const;
export type KendalltauMethod = (typeof KENDALLTAU_METHODS)[number];

/** `mannwhitneyu(method=)`: how the p-value is computed. */
export const MANNWHITNEYU_METHODS = ['auto', 'exact', 'asymptotic'] as const;
export type MannwhitneyuMethod = (typeof MANNWHITNEYU_METHODS)[number];

/** `ks_2samp(method=)`: scipy spells the asymptotic method 'asymp' here. */
export const KS_2SAMP_METHODS = ['auto', 'exact', 'asymp'] as const;
export type Ks2sampMethod = (typeof KS_2SAMP_METHODS)[number];

/** `polyfit(degree=)`: the highest degree (beyond 20 the monomial basis is hopeless even at 64 digits). */
export const POLYFIT_MAX_DEGREE = 20;

/** The arithmetic a fit reports having used (`ols`, `polyfit`, `linregress`). */
export const FIT_METHODS = ['float64', 'bignumber'] as const;

/** scipy's `nan_policy` as the core takes it (`nanPolicy`): what a NaN in the input does. */
export const NAN_POLICIES = ['propagate', 'omit', 'raise'] as const;
export type NanPolicy = (typeof NAN_POLICIES)[number];

/** `iqr(interpolation=)`: how a percentile between two data points is taken (numpy's names). */
export const IQR_INTERPOLATIONS = ['linear', 'lower', 'higher', 'midpoint', 'nearest'] as const;
export type Interpolation = (typeof IQR_INTERPOLATIONS)[number];

/** `theilslopes(method=)`: how the intercept is computed. */
export const THEILSLOPES_METHODS = ['separate', 'joint'] as const;
export type TheilslopesMethod = (typeof THEILSLOPES_METHODS)[number];

/** `siegelslopes(method=)`: how the intercept is computed. */
export const SIEGELSLOPES_METHODS = ['hierarchical', 'separate'] as const;
export type SiegelslopesMethod = (typeof SIEGELSLOPES_METHODS)[number];

/** The scale a modified z-score reports having used (`modifiedZscore`). */
export const MODIFIED_ZSCORE_SCALES = ['mad', 'meanAbsoluteDeviation', 'none'] as const;

/** `exponentialSmoothing(trend=)`: the trend components (none is null, the default). */
export const SMOOTHING_TRENDS = ['add'] as const;

/** `exponentialSmoothing(seasonal=)`: the seasonal components (none is null, the default). */
export const SMOOTHING_SEASONALS = ['add', 'mul'] as const;
