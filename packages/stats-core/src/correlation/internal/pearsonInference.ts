/**
 * Inference on Pearson's r shared by the one-shot `pearsonr` and the
 * partial `pearsonrFinalize` (which differ only in how they compute r): the
 * p-value from r's exact null distribution and the Fisher-z interval.
 */
import { incompleteBeta } from '../../distributions/internal/incompleteBeta';
import { normalQuantile } from '../../distributions/normal';
import type { Alternative } from '../../internal/validate';

/** p-value from r ~ Beta(n/2 - 1, n/2 - 1) on (-1, 1) under the null. */
export function pearsonPvalue(r: number, n: number, alternative: Alternative): number {
  if (Number.isNaN(r)) return Number.NaN;
  const ab = n / 2 - 1;
  // P(R > r): the upper tail of the beta at (1 + r) / 2, written so that the
  // argument is exact near r = +-1.
  const sf = (v: number) =>
    v >= 0 ? incompleteBeta((1 - v) / 2, ab, ab) : incompleteBeta((1 + v) / 2, ab, ab, true);
  if (alternative === 'greater') return sf(r);
  if (alternative === 'less') return sf(-r);
  return Math.min(1, 2 * sf(Math.abs(r)));
}

/** The Fisher-z confidence interval of r (scipy's default method), at the given level. */
export function fisherInterval(
  r: number,
  n: number,
  level: number,
  alternative: Alternative,
): { low: number; high: number } {
  if (n <= 3) return { low: -1, high: 1 };
  const zr = Math.atanh(r);
  const se = Math.sqrt(1 / (n - 3));
  if (alternative === 'two-sided') {
    const h = normalQuantile(0.5 + level / 2);
    return { low: Math.tanh(zr - h * se), high: Math.tanh(zr + h * se) };
  }
  const h = normalQuantile(level);
  if (alternative === 'less') return { low: -1, high: Math.tanh(zr + h * se) };
  return { low: Math.tanh(zr - h * se), high: 1 };
}
