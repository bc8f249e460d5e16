import { incompleteGamma } from './internal/incompleteGamma';

/**
 * Upper tail P(X > x) of the chi-squared distribution with `df` degrees of
 * freedom: the regularized upper incomplete gamma Q(df/2, x/2), computed
 * directly (never 1 - cdf).
 *
 * @param x - the statistic; x <= 0 gives 1, +Infinity gives 0
 * @param df - degrees of freedom, > 0
 * @example chiSquaredSf(3.84, 1) // 0.05004...
 */
export function chiSquaredSf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return incompleteGamma(x / 2, df / 2, true);
}
