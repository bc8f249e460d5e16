import { tPvalue } from '../internal/pvalue';
import { averageRanks } from '../internal/rank';
import {
  type Alternative,
  checkAlternative,
  checkEqualLength,
  checkOptions,
  checkSample,
  hasNaN,
  isConstant,
  type Sample,
} from '../internal/validate';

export interface SpearmanrOptions {
  /** 'two-sided' (default), 'less' or 'greater'. */
  alternative?: Alternative;
}

export interface SpearmanrResult {
  /** Spearman's rho. */
  statistic: number;
  pvalue: number;
}

/**
 * Spearman rank-order correlation, as scipy.stats.spearmanr (scipy 1.17) for
 * two variables: Pearson's r of the average ranks (ties share the mean rank),
 * p-value from t = rho sqrt((n - 2) / ((1 + rho)(1 - rho))) on n - 2 df.
 *
 * @param a - first variable
 * @param b - second variable, same length
 * @param options - `{ alternative = 'two-sided' }`
 * @returns `{ statistic, pvalue }`; NaN for n <= 1, a constant input, or any NaN value
 * @throws StatsInputError for unequal lengths, non-numbers or a bad alternative
 * @example spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).statistic // 0.8207826816681233
 */
export function spearmanr(a: Sample, b: Sample, options?: SpearmanrOptions): SpearmanrResult {
  const fn = 'spearmanr';
  const x = checkSample(fn, 'a', a);
  const y = checkSample(fn, 'b', b);
  checkEqualLength(fn, x, y);
  const alternative = checkAlternative(fn, checkOptions(fn, options).alternative);
  const n = x.length;
  const nan = { statistic: Number.NaN, pvalue: Number.NaN };
  if (n <= 1 || hasNaN(x) || hasNaN(y)) return nan;
  if (isConstant(x) || isConstant(y)) return nan;
  const rs = rankCorrelation(averageRanks(x).ranks, averageRanks(y).ranks);
  const dof = n - 2;
  const t = rs * Math.sqrt(Math.max(0, dof / ((rs + 1) * (1 - rs))));
  return { statistic: rs, pvalue: tPvalue(t, dof, alternative) };
}

/**
 * Pearson's r of two rank vectors. Doubled centred ranks 2r - (n + 1) are
 * integers, so the sums are exact (for n up to about 1000) and a perfect
 * monotone relation gives exactly +-1, as scipy's corrcoef does.
 */
function rankCorrelation(rx: Float64Array, ry: Float64Array): number {
  const n = rx.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = 2 * (rx[i] as number) - (n + 1);
    const dy = 2 * (ry[i] as number) - (n + 1);
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return Math.min(1, Math.max(-1, sxy / Math.sqrt(sxx * syy)));
}
