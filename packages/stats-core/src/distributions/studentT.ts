import { incompleteBeta } from './internal/incompleteBeta';

/**
 * Upper tail P(T > t) of Student's t distribution with `df` degrees of
 * freedom, computed directly from the regularized incomplete beta function
 * (never as 1 - cdf), so tails down to 1e-300 keep full relative precision.
 *
 * Uses I_x(df/2, 1/2) with x = df / (df + t^2) for |t| large. When t^2 < df,
 * x would round towards 1, so the argument is y = t^2 / (df + t^2) instead:
 * the tail is I^c_y(1/2, df/2) / 2, and while the lower integral I_y is
 * below 1/2 the tail is taken as 1/2 - I_y / 2, since the complement is
 * inaccurate at tiny y (scipy 1.17 loses 9 digits at t = 1e-8, df = 1; this
 * does not).
 *
 * @param t - the statistic; NaN gives NaN, +-Infinity gives 0 or 1
 * @param df - degrees of freedom, > 0 (NaN otherwise)
 * @example studentTSf(2.0, 10) // 0.03669760...
 */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 0;
  if (t === Number.NEGATIVE_INFINITY) return 1;
  const t2 = t * t;
  const tail =
    t2 < df ? smallTTail(t2 / (df + t2), df) : 0.5 * incompleteBeta(df / (df + t2), df / 2, 0.5);
  return t > 0 ? tail : 1 - tail;
}

/**
 * Lower tail P(T <= t) of Student's t distribution; see {@link studentTSf}.
 *
 * @example studentTCdf(-2.0, 10) // 0.03669760...
 */
export function studentTCdf(t: number, df: number): number {
  return studentTSf(-t, df);
}

function smallTTail(y: number, df: number): number {
  const lower = incompleteBeta(y, 0.5, df / 2);
  return lower < 0.5 ? 0.5 - 0.5 * lower : 0.5 * incompleteBeta(y, 0.5, df / 2, true);
}
