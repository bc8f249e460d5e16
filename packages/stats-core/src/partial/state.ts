/**
 * The partial states of the mergeable statistics: plain JSON values (no
 * NaN, no Infinity, no BigInt: exact integers travel as decimal strings) that
 * cross Step Functions and S3 as JSON. Each carries `stat` (the scipy name)
 * and `v` (the state format's version) so a reducer can reject a state from
 * another statistic or another release with a clear error.
 *
 * Exact sums are {@link ExactDecimal} strings: the sums of the decimal
 * inputs (each number taken as the decimal its shortest round-trip string
 * writes, the core's decimal-exactness rule), so merging is exact integer
 * addition: associative and commutative to the last digit, and the state of
 * a set of rows does not depend on how the rows were split.
 */

/**
 * An exact decimal in canonical form: `"<integer>"` or `"<integer>e<exponent>"`
 * with no trailing zeros in the integer (`"0"`, `"-15e-1"`, `"12"`, `"3e4"`).
 */
export type ExactDecimal = string;

/** Format version of every state below. */
export const STATE_VERSION = 1;

/** Count and exact first and second power sums of one sample. */
export interface MomentSums {
  /** Number of values. */
  n: number;
  /** Exact sum of the values. */
  s1: ExactDecimal;
  /** Exact sum of the squared values. */
  s2: ExactDecimal;
}

/** State of `describe`. */
export interface DescribeState extends MomentSums {
  stat: 'describe';
  v: 1;
  /** A NaN was seen (scipy's nan_policy 'propagate': the result is NaN). */
  nan: boolean;
  /** Smallest and largest value; null while n = 0. */
  min: number | null;
  max: number | null;
  /**
   * Third and fourth central sums about this state's own mean, as
   * double-doubles [hi, lo] (Pebay's merge; the mean and the second central
   * sum come exactly from s1 and s2). null when they overflow float64
   * (values near 1e77 and beyond), which makes skewness and kurtosis NaN.
   */
  m3: [number, number] | null;
  m4: [number, number] | null;
}

/** State of `linregress` and `pearsonr`: exact sums of x, y, x^2, x y, y^2. */
export interface BivariateSums {
  n: number;
  sx: ExactDecimal;
  sy: ExactDecimal;
  sxx: ExactDecimal;
  sxy: ExactDecimal;
  syy: ExactDecimal;
}

export interface LinregressState extends BivariateSums {
  stat: 'linregress';
  v: 1;
}

export interface PearsonrState extends BivariateSums {
  stat: 'pearsonr';
  v: 1;
  /** A NaN was seen (the result is NaN, as scipy). */
  nan: boolean;
}

/** State of `ttest_1samp`: sums of the sample. */
export interface Ttest1sampState extends MomentSums {
  stat: 'ttest_1samp';
  v: 1;
  nan: boolean;
}

/** State of `ttest_rel`: sums of the paired differences a - b (exact). */
export interface TtestRelState extends MomentSums {
  stat: 'ttest_rel';
  v: 1;
  nan: boolean;
}

/** State of `ttest_ind`: sums of each sample. */
export interface TtestIndState {
  stat: 'ttest_ind';
  v: 1;
  nan: boolean;
  a: MomentSums;
  b: MomentSums;
}

/** State of `f_oneway`: sums per group, keyed by group label (keys sorted). */
export interface FOnewayState {
  stat: 'f_oneway';
  v: 1;
  nan: boolean;
  groups: Record<string, MomentSums>;
}

/** State of `chi2_contingency`: counts per row label, then per column label (keys sorted). */
export interface Chi2ContingencyState {
  stat: 'chi2_contingency';
  v: 1;
  counts: Record<string, Record<string, number>>;
}

/**
 * State of `ols`: n and the exact Gram matrix of the augmented design
 * [1, x1..xk, y], upper triangle packed row by row ((k + 2)(k + 3) / 2
 * entries; entry (0, 0) is n). Whether the fit has an intercept is an option
 * of the finalize, as of `ols` itself.
 */
export interface OlsState {
  stat: 'ols';
  v: 1;
  /** Number of predictor columns (X's row length). */
  k: number;
  n: number;
  gram: ExactDecimal[];
}

/**
 * State of `polyfit`: exact power sums of x (sum x^j for j = 0..2 degree),
 * sum x^j y (j = 0..degree) and sum y^2.
 */
export interface PolyfitState {
  stat: 'polyfit';
  v: 1;
  degree: number;
  n: number;
  /** sum x^j, j = 0..2 degree (entry 0 is n). */
  xPowers: ExactDecimal[];
  /** sum x^j y, j = 0..degree (entry 0 is sum y). */
  xPowersY: ExactDecimal[];
  syy: ExactDecimal;
}

/** Any partial state. */
export type PartialState =
  | DescribeState
  | LinregressState
  | PearsonrState
  | Ttest1sampState
  | TtestIndState
  | TtestRelState
  | FOnewayState
  | Chi2ContingencyState
  | OlsState
  | PolyfitState;

/** The scipy names of the statistics that have a partial form. */
export const PARTIAL_STATISTICS = [
  'describe',
  'linregress',
  'pearsonr',
  'ols',
  'polyfit',
  'ttest_1samp',
  'ttest_ind',
  'ttest_rel',
  'f_oneway',
  'chi2_contingency',
] as const satisfies readonly PartialState['stat'][];

/** Largest serialised state accepted (Step Functions' payload limit). */
export const MAX_STATE_BYTES = 256 * 1024;
