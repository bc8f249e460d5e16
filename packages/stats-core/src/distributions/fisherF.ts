import { incompleteBeta } from './internal/incompleteBeta';

/**
 * Upper tail P(F > f) of the F distribution with (dfn, dfd) degrees of
 * freedom, computed directly (never 1 - cdf):
 * sf = I_{dfd / (dfd + dfn f)}(dfd/2, dfn/2).
 *
 * @param f - the statistic; f <= 0 gives 1, +Infinity gives 0, NaN gives NaN
 * @param dfn - numerator degrees of freedom, > 0
 * @param dfd - denominator degrees of freedom, > 0
 * @example fisherFSf(3.5, 2, 20) // 0.04974...
 */
export function fisherFSf(f: number, dfn: number, dfd: number): number {
  if (Number.isNaN(f) || !(dfn > 0) || !(dfd > 0)) return Number.NaN;
  if (f <= 0) return 1;
  if (f === Number.POSITIVE_INFINITY) return 0;
  const x = dfd / (dfd + dfn * f);
  // When x is close to 1 the complement is the accurate argument.
  if (x > 0.5) return incompleteBeta((dfn * f) / (dfd + dfn * f), dfn / 2, dfd / 2, true);
  return incompleteBeta(x, dfd / 2, dfn / 2);
}
