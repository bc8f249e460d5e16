import { PRIME_F64, primeLike, primeOnce } from '../internal/prime';
import { tPvalue } from '../internal/pvalue';
import { averageRanks } from '../internal/rank';
import { sortOrder } from '../internal/sortOrder';
import {
  type Alternative,
  checkAlternative,
  checkEqualLength,
  checkOptions,
  checkSampleValues,
  hasNaN,
  isConstant,
  type Sample,
} from '../internal/validate';
import { Slot, workF64 } from '../internal/workspace';

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
  const x = checkSampleValues(fn, 'a', a);
  const y = checkSampleValues(fn, 'b', b);
  checkEqualLength(fn, x, y);
  const alternative = checkAlternative(fn, checkOptions(fn, options).alternative);
  const n = x.length;
  const nan = { statistic: Number.NaN, pvalue: Number.NaN };
  if (n <= 1 || hasNaN(x) || hasNaN(y)) return nan;
  if (isConstant(x) || isConstant(y)) return nan;
  const rs = rankCorrelation(averageRanks(x, workF64(Slot.ranks, n)).ranks, y);
  const dof = n - 2;
  const t = rs * Math.sqrt(Math.max(0, dof / ((rs + 1) * (1 - rs))));
  return { statistic: rs, pvalue: tPvalue(t, dof, alternative) };
}

/**
 * Pearson's r of x's ranks and y's. Doubled centred ranks 2r - (n + 1) are
 * integers below 2^26 in size, so each product is exact; the sums (up to
 * n^3 / 3, past 2^53 from n of about 200,000) are compensated (TwoSum,
 * Neumaier), so they are the exact integers rounded once whatever the order,
 * and a perfect monotone relation gives exactly +-1, as scipy's corrcoef
 * does. y's ranks are not stored: its sort order is walked one tie group at
 * a time, each observation's x rank read where it sits (one array of ranks
 * instead of two, and one pass less).
 */
function rankCorrelation(rx: Float64Array, y: Sample): number {
  primeOnce(rankCorrelation, () => rankCorrelation(PRIME_F64, primeLike(y) as Sample));
  const n = rx.length;
  const { order, sorted } = sortOrder(y, 0);
  let sxy = 0;
  let cxy = 0;
  let sxx = 0;
  let cxx = 0;
  let syy = 0;
  let cyy = 0;
  let start = 0;
  while (start < n) {
    const value = sorted[start];
    let end = start + 1;
    while (end < n && sorted[end] === value) end++;
    // Doubled centred average rank of the group: start + 1 + end - (n + 1).
    const dy = start + end - n;
    const pyy = dy * dy;
    for (let k = start; k < end; k++) {
      const dx = 2 * (rx[order[k] as number] as number) - (n + 1);
      const pxy = dx * dy;
      const txy = sxy + pxy;
      const bxy = txy - sxy;
      cxy += sxy - (txy - bxy) + (pxy - bxy);
      sxy = txy;
      const pxx = dx * dx;
      const txx = sxx + pxx;
      const bxx = txx - sxx;
      cxx += sxx - (txx - bxx) + (pxx - bxx);
      sxx = txx;
      const tyy = syy + pyy;
      const byy = tyy - syy;
      cyy += syy - (tyy - byy) + (pyy - byy);
      syy = tyy;
    }
    start = end;
  }
  sxy += cxy;
  sxx += cxx;
  syy += cyy;
  return Math.min(1, Math.max(-1, sxy / Math.sqrt(sxx * syy)));
}
