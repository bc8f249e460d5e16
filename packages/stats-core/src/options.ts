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

/** The arithmetic a fit reports having used (`ols`, `polyfit`, `linregress`). */
export const FIT_METHODS = ['float64', 'bignumber'] as const;
