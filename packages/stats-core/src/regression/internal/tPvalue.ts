import { studentTCdf, studentTSf } from '../../distributions/studentT';

/** Which side of the null hypothesis a test looks at, as in scipy. */
export type Alternative = 'two-sided' | 'less' | 'greater';

/**
 * The p-value of a t statistic with `df` degrees of freedom for the given
 * alternative; tails are computed directly, so tiny p keep their digits.
 * t = +-Infinity (a perfect fit) gives the exact limits 0 or 1.
 */
export function tPvalue(t: number, df: number, alternative: Alternative): number {
  if (alternative === 'less') return studentTCdf(t, df);
  if (alternative === 'greater') return studentTSf(t, df);
  return Math.min(1, 2 * studentTSf(Math.abs(t), df));
}
