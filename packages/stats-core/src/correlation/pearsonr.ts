import { incompleteBeta } from '../distributions/internal/incompleteBeta';
import { normalQuantile } from '../distributions/normal';
import { StatsInputError } from '../errors';
import {
  checkedSum,
  DecimalShift,
  isArrayInput,
  obviousOffset,
  onOffset,
  quickChoice,
  sampleScale,
} from '../internal/fastMoments';
import { noteLane } from '../internal/lanes';
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
import { ALTERNATIVES } from '../options';

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
  const fast = fastPearsonr(x, y, options);
  if (fast) return fast;
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

/** p-value from r ~ Beta(n/2 - 1, n/2 - 1) on (-1, 1) under the null. */
function pearsonPvalue(r: number, n: number, alternative: Alternative): number {
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

function fisherInterval(
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

/**
 * pearsonr for n > 2 without copying the inputs, when its options need no
 * message (else undefined: the general path validates and answers).
 */
function fastPearsonr(x: unknown, y: unknown, options: unknown): PearsonrResult | undefined {
  if (!isArrayInput(x) || !isArrayInput(y) || x.length !== y.length || x.length < 3) {
    return undefined;
  }
  const alternative = quickChoice(options, 'alternative', ALTERNATIVES);
  if (alternative === undefined) return undefined;
  const level = (options as { confidenceLevel?: unknown } | undefined)?.confidenceLevel ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) return undefined;
  const r = fastCorrelation(x, y);
  if (r === undefined) return undefined;
  const n = x.length;
  return {
    statistic: r,
    pvalue: pearsonPvalue(r, n, alternative),
    confidenceInterval: fisherInterval(r, n, level, alternative),
  };
}

/**
 * r straight from the caller's arrays, no deviations stored (see
 * fastMoments.ts): the means by compensated sums, then one pass summing
 * dx^2, dy^2 and dx dy by TwoSum, r = Sxy / sqrt(Sxx Syy). Each sum
 * carries a relative error of a few u, and Sxy's absolute error is a few u
 * times sqrt(Sxx Syy), so r is within a few u of the r of the rounded
 * deviations, as the scaled three-pass form of correlation(). An array on a
 * large offset is taken as its exact decimal shift in scaled integers (r
 * does not depend on the scale). undefined when correlation() must answer:
 * NaN or infinities, sums that could overflow or underflow, a constant or
 * nearly constant array (its isConstant rule), or an offset the fast shift
 * cannot take; an entry that is not a number (checkedSum, or the shift's
 * check M / s === x, fails on it).
 */
function fastCorrelation(x: Sample, y: Sample): number | undefined {
  const n = x.length;
  const sx = shiftFor(x);
  const sy = shiftFor(y);
  const mx = sx ? sx.mean(x) : checkedSum(x) / n;
  const my = sy ? sy.mean(y) : checkedSum(y) / n;
  if (!Number.isFinite(mx) || !Number.isFinite(my)) return undefined;
  const kx = sx ? sx.meanK : mx;
  const ky = sy ? sy.meanK : my;
  const xs = sx ? sx.s : 1;
  const ys = sy ? sy.s : 1;
  const xr = sx ? sx.r : 0;
  const yr = sy ? sy.r : 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let cxx = 0;
  let cyy = 0;
  let cxy = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    const dx = sx ? Math.floor(xi * xs + 0.5) - xr - kx : xi - kx;
    const dy = sy ? Math.floor(yi * ys + 0.5) - yr - ky : yi - ky;
    let v = dx * dx;
    let t = sxx + v;
    let z = t - sxx;
    cxx += sxx - (t - z) + (v - z);
    sxx = t;
    v = dy * dy;
    t = syy + v;
    z = t - syy;
    cyy += syy - (t - z) + (v - z);
    syy = t;
    v = dx * dy;
    t = sxy + v;
    z = t - sxy;
    cxy += sxy - (t - z) + (v - z);
    sxy = t;
  }
  sxx += cxx;
  syy += cyy;
  sxy += cxy;
  // Outside [1e-250, 1e250] the squares may have lost bits or overflowed.
  const ok = (ss: number) => ss > 1e-250 && ss < 1e250;
  if (!ok(sxx) || !ok(syy) || !Number.isFinite(sxy)) return undefined;
  // Nearly constant arrays: the general path's isConstant decides.
  const tiny = (ss: number, k: number) => !(ss > 64 * n * (Number.EPSILON * k) ** 2);
  if (tiny(sxx, kx) || tiny(syy, ky)) return undefined;
  // An offset the early test missed: the plain deviations lost digits.
  if ((!sx && onOffset(n, mx, sxx)) || (!sy && onOffset(n, my, syy))) return undefined;
  if (sx || sy) noteLane('decimal-shift');
  // One square root of the product (inside [1e-500, 1e500] by the checks
  // above, so no overflow): exactly 1 on exactly linear small integers.
  const p = sxx * syy;
  if (!(p > 1e-300 && p < 1e300)) return undefined;
  return Math.min(1, Math.max(-1, sxy / Math.sqrt(p)));
}

/** The exact decimal shift for an array that obviously sits on an offset, when its values allow one. */
function shiftFor(x: Sample): DecimalShift | undefined {
  if (!obviousOffset(x)) return undefined;
  const places = sampleScale([x]);
  return places === undefined ? undefined : new DecimalShift(places, x[0] as number);
}
