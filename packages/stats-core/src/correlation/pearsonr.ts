import { StatsInputError } from '../errors';
import { centralSums } from '../internal/moments';
import {
  type Alternative,
  checkAlternative,
  checkEqualLength,
  checkOptions,
  checkSample,
  isConstant,
  type Sample,
} from '../internal/validate';
import { fisherInterval, pearsonPvalue } from './internal/pearsonInference';

export interface PearsonrOptions {
  /** 'two-sided' (default), 'less' (negative correlation) or 'greater'. */
  alternative?: Alternative;
  /** Confidence level of `confidenceInterval`, in (0, 1); default 0.95. */
  confidenceLevel?: number;
}

export interface PearsonrResult {
  /** Pearson's r. */
  statistic: number;
  pvalue: number;
  /** Fisher-z confidence interval for r (scipy's `confidence_interval()`), one-sided per alternative. */
  confidenceInterval: { low: number; high: number };
}

/**
 * Pearson correlation coefficient and test of no correlation, as
 * scipy.stats.pearsonr (scipy 1.17): r = sum(xm ym) / (|xm| |ym|) with
 * xm = x - mean(x); the p-value from the exact null distribution of r for
 * normal data, Beta(n/2 - 1, n/2 - 1) on (-1, 1); the confidence interval
 * tanh(atanh(r) -+ z / sqrt(n - 3)) with z the normal quantile of the
 * confidence level ((1 + level) / 2 two-sided), [-1, 1] when n <= 3.
 *
 * @param x - first variable
 * @param y - second variable, same length
 * @param options - `{ alternative = 'two-sided', confidenceLevel = 0.95 }`
 * @returns `{ statistic, pvalue, confidenceInterval: { low, high } }`; NaN for a
 *   constant input (as scipy, which warns); for n = 2, r is +-1 and p is 1
 * @throws StatsInputError for unequal lengths, fewer than 2 pairs, non-numbers
 *   or bad options
 * @example pearsonr([1, 2, 3, 4, 5], [10, 9, 2.5, 6, 4]).statistic // -0.7426106572325056
 */
export function pearsonr(x: Sample, y: Sample, options?: PearsonrOptions): PearsonrResult {
  const fn = 'pearsonr';
  const a = checkSample(fn, 'x', x);
  const b = checkSample(fn, 'y', y);
  checkEqualLength(fn, a, b);
  if (a.length < 2)
    throw new StatsInputError(fn, `requires x and y of length at least 2 (got ${a.length})`);
  const opts = checkOptions(fn, options);
  const alternative = checkAlternative(fn, opts.alternative);
  const level = opts.confidenceLevel ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new StatsInputError(
      fn,
      `requires confidenceLevel between 0 and 1 (got ${String(level)})`,
    );
  }
  const n = a.length;
  let r = correlation(a, b);
  let pvalue: number;
  if (n === 2) {
    r = Math.round(r);
    pvalue = Number.isNaN(r) ? Number.NaN : 1;
  } else {
    pvalue = pearsonPvalue(r, n, alternative);
  }
  return { statistic: r, pvalue, confidenceInterval: fisherInterval(r, n, level, alternative) };
}

/**
 * Pearson's r by two passes, NaN when either input is constant: the
 * deviations are scaled by their largest magnitude before squaring (no
 * overflow or underflow), and the sums of squares and of products are
 * Neumaier-compensated.
 */
function correlation(a: Float64Array, b: Float64Array): number {
  if (isConstant(a) || isConstant(b)) return Number.NaN;
  // Deviations from the mean; data on a large offset are shifted exactly as
  // the decimals written first (centralSums), so r keeps its digits there.
  const xm = centralSums(a).deviations;
  const ym = centralSums(b).deviations;
  const n = xm.length;
  let xScale = 0;
  let yScale = 0;
  for (let i = 0; i < n; i++) {
    xScale = Math.max(xScale, Math.abs(xm[i] as number));
    yScale = Math.max(yScale, Math.abs(ym[i] as number));
  }
  let sxx = 0;
  let cxx = 0;
  let syy = 0;
  let cyy = 0;
  for (let i = 0; i < n; i++) {
    const u = (xm[i] as number) / xScale;
    const u2 = u * u;
    let t = sxx + u2;
    cxx += sxx >= u2 ? sxx - t + u2 : u2 - t + sxx;
    sxx = t;
    const v = (ym[i] as number) / yScale;
    const v2 = v * v;
    t = syy + v2;
    cyy += syy >= v2 ? syy - t + v2 : v2 - t + syy;
    syy = t;
  }
  const nx = xScale * Math.sqrt(sxx + cxx);
  const ny = yScale * Math.sqrt(syy + cyy);
  let r = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const p = ((xm[i] as number) / nx) * ((ym[i] as number) / ny);
    const t = r + p;
    c += Math.abs(r) >= Math.abs(p) ? r - t + p : p - t + r;
    r = t;
  }
  return Math.min(1, Math.max(-1, r + c));
}
