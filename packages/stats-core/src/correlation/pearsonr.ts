import { StatsInputError } from '../errors';
import {
  centreOf,
  checkedSum,
  DecimalShift,
  EXACT_INTEGERS,
  INTEGER_BLOCK,
  integerCross,
  integerMoments,
  isArrayInput,
  obviousOffset,
  onOffset,
  passOut,
  primeKernel,
  quickChoice,
  sampleScale,
} from '../internal/fastMoments';
import { noteLane } from '../internal/lanes';
import { centralSums } from '../internal/moments';
import { addExact, sumError } from '../internal/twoSum';
import {
  type Alternative,
  checkAlternative,
  checkOptions,
  checkPairedSamples,
  isConstant,
  type Sample,
} from '../internal/validate';
import { ALTERNATIVES } from '../options';
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
  const fast = fastPearsonr(x, y, options);
  if (fast) return fast;
  const fn = 'pearsonr';
  const [a, b] = checkPairedSamples(fn, x, y);
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
    cxx += sumError(sxx, u2);
    sxx += u2;
    const v = (ym[i] as number) / yScale;
    const v2 = v * v;
    cyy += sumError(syy, v2);
    syy += v2;
  }
  const nx = xScale * Math.sqrt(sxx + cxx);
  const ny = yScale * Math.sqrt(syy + cyy);
  let r = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const p = ((xm[i] as number) / nx) * ((ym[i] as number) / ny);
    c += sumError(r, p);
    r += p;
  }
  return Math.min(1, Math.max(-1, r + c));
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
  if (!sx && !sy) primeKernel(plainCrossSums, n);
  if (!sx && !sy && plainCrossSums(x, y)) {
    const [mx, my, sxx, syy, sxy] = cross as unknown as [number, number, number, number, number];
    return finishCorrelation(n, mx, my, mx, my, sxx, syy, sxy, false, false);
  }
  if (sx && sy) primeKernel(primeExactCross, n, x);
  if (sx && sy && exactCrossSums(x, y, sx, sy)) {
    const [kx, ky, sxx, syy, sxy] = cross as unknown as [number, number, number, number, number];
    return finishCorrelation(n, kx / sx.s, ky / sy.s, kx, ky, sxx, syy, sxy, true, true);
  }
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
    cxx += sumError(sxx, v);
    sxx += v;
    v = dy * dy;
    cyy += sumError(syy, v);
    syy += v;
    v = dx * dy;
    cxy += sumError(sxy, v);
    sxy += v;
  }
  return finishCorrelation(n, mx, my, kx, ky, sxx + cxx, syy + cyy, sxy + cxy, !!sx, !!sy);
}

/**
 * r from the means and the sums of squared deviations and cross products,
 * with the checks that send a doubtful case to correlation(); kx and ky are
 * the means on the scale the sums were taken on (the shifted integers' for
 * an array taken as its exact decimal shift).
 */
function finishCorrelation(
  n: number,
  mx: number,
  my: number,
  kx: number,
  ky: number,
  sxx: number,
  syy: number,
  sxy: number,
  xShifted: boolean,
  yShifted: boolean,
): number | undefined {
  // Outside [1e-250, 1e250] the squares may have lost bits or overflowed.
  const ok = (ss: number) => ss > 1e-250 && ss < 1e250;
  if (!ok(sxx) || !ok(syy) || !Number.isFinite(sxy)) return undefined;
  // Nearly constant arrays: the general path's isConstant decides.
  const tiny = (ss: number, k: number) => !(ss > 64 * n * (Number.EPSILON * k) ** 2);
  if (tiny(sxx, kx) || tiny(syy, ky)) return undefined;
  // An offset the early test missed: the plain deviations lost digits.
  if ((!xShifted && onOffset(n, mx, sxx)) || (!yShifted && onOffset(n, my, syy))) return undefined;
  if (xShifted || yShifted) noteLane('decimal-shift');
  // One square root of the product (inside [1e-500, 1e500] by the checks
  // above, so no overflow): exactly 1 on exactly linear small integers.
  const p = sxx * syy;
  if (!(p > 1e-300 && p < 1e300)) return undefined;
  return Math.min(1, Math.max(-1, sxy / Math.sqrt(p)));
}

/** mean x, mean y, Sxx, Syy, Sxy from the last plainCrossSums. */
const cross = new Float64Array(5);

/**
 * The means and the sums of squared deviations and cross products of plain
 * data in ONE pass, into `cross`: as plainMeanAndSquares (fastMoments.ts)
 * with five sums, d = x - cx and e = y - cy about centres near the means,
 * four pairs at a time, each block's sums pairwise and added by TwoSum;
 * Sxx = Qxx - Sx^2 / n, Syy likewise, Sxy = Qxy - Sx Sy / n. Accepted when
 * each centre lies within half a standard deviation of its mean
 * (Sx^2 / n <= Qxx / 4, the same for y): then Sxx and Syy are within about
 * 14 u of themselves and Sxy within about 12 u sqrt(Sxx Syy), so r is within
 * about 30 u of the r of the data. false otherwise (an entry that is not a
 * number, NaN or infinite values, a centre too far): the two-pass form
 * answers. Measured 0.3x the three passes' time at n = 1e6.
 */
function plainCrossSums(x: Sample, y: Sample): boolean {
  const cx = centreOf(x);
  const cy = centreOf(y);
  if (Number.isNaN(cx) || Number.isNaN(cy)) return false;
  const n = x.length;
  let sx = 0;
  let sxLo = 0;
  let sy = 0;
  let syLo = 0;
  let qx = 0;
  let qxLo = 0;
  let qy = 0;
  let qyLo = 0;
  let qxy = 0;
  let qxyLo = 0;
  // The last block is padded with the centres (deviations of exactly 0).
  for (let i = 0; i < n; i += 4) {
    const x0 = x[i];
    const x1 = i + 1 < n ? x[i + 1] : cx;
    const x2 = i + 2 < n ? x[i + 2] : cx;
    const x3 = i + 3 < n ? x[i + 3] : cx;
    const y0 = y[i];
    const y1 = i + 1 < n ? y[i + 1] : cy;
    const y2 = i + 2 < n ? y[i + 2] : cy;
    const y3 = i + 3 < n ? y[i + 3] : cy;
    if (
      typeof x0 !== 'number' ||
      typeof x1 !== 'number' ||
      typeof x2 !== 'number' ||
      typeof x3 !== 'number' ||
      typeof y0 !== 'number' ||
      typeof y1 !== 'number' ||
      typeof y2 !== 'number' ||
      typeof y3 !== 'number'
    ) {
      return false;
    }
    const d0 = x0 - cx;
    const d1 = x1 - cx;
    const d2 = x2 - cx;
    const d3 = x3 - cx;
    const e0 = y0 - cy;
    const e1 = y1 - cy;
    const e2 = y2 - cy;
    const e3 = y3 - cy;
    let b = d0 + d1 + (d2 + d3);
    sxLo += sumError(sx, b);
    sx += b;
    b = e0 + e1 + (e2 + e3);
    syLo += sumError(sy, b);
    sy += b;
    b = d0 * d0 + d1 * d1 + (d2 * d2 + d3 * d3);
    qxLo += sumError(qx, b);
    qx += b;
    b = e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3);
    qyLo += sumError(qy, b);
    qy += b;
    b = d0 * e0 + d1 * e1 + (d2 * e2 + d3 * e3);
    qxyLo += sumError(qxy, b);
    qxy += b;
  }
  const sumX = sx + sxLo;
  const sumY = sy + syLo;
  const sqX = qx + qxLo;
  const sqY = qy + qyLo;
  const shiftX = (sumX * sumX) / n;
  const shiftY = (sumY * sumY) / n;
  if (!(Number.isFinite(sqX) && Number.isFinite(sqY) && shiftX <= sqX / 4 && shiftY <= sqY / 4)) {
    return false;
  }
  cross[0] = cx + sumX / n;
  cross[1] = cy + sumY / n;
  cross[2] = sqX - shiftX;
  cross[3] = sqY - shiftY;
  cross[4] = qxy + qxyLo - (sumX * sumY) / n;
  return true;
}

/**
 * Both arrays on an offset, in ONE pass (as DecimalShift.meanAndSquares):
 * the shifted integers K and L of every pair (each value checked as there),
 * K, L, K^2, L^2 and K L summed exactly in blocks of INTEGER_BLOCK whose
 * sums of squares stay below 2^52 (then every partial sum, the cross
 * products' included, is an exact integer: |sum K L| <= (sum K^2 + sum L^2) / 2),
 * the blocks added by TwoSum, the central sums formed in double-double
 * (integerMoments, integerCross). Into `cross` on the integers' scale:
 * mean K, mean L, Sxx, Syy, Sxy. false when a value does not qualify or a
 * block's squares leave the exact integers: the two-pass form answers.
 * Measured 0.3x the three passes' time at n = 1e6.
 */
function exactCrossSums(x: Sample, y: Sample, sx: DecimalShift, sy: DecimalShift): boolean {
  const n = x.length;
  const { s: xs, limit: xl, r: xr } = sx;
  const { s: ys, limit: yl, r: yr } = sy;
  const acc = new Float64Array(10);
  for (let start = 0; start < n; start += INTEGER_BLOCK) {
    const end = Math.min(start + INTEGER_BLOCK, n);
    let bk = 0;
    let bl = 0;
    let bkk = 0;
    let bll = 0;
    let bkl = 0;
    for (let i = start; i < end; i++) {
      const xi = x[i] as number;
      const yi = y[i] as number;
      const mx = Math.floor(xi * xs + 0.5);
      const my = Math.floor(yi * ys + 0.5);
      if (!(Math.abs(xi) < xl && Math.abs(yi) < yl && mx / xs === xi && my / ys === yi)) {
        return false;
      }
      const k = mx - xr;
      const l = my - yr;
      bk += k;
      bl += l;
      bkk += k * k;
      bll += l * l;
      bkl += k * l;
    }
    if (!(bkk < EXACT_INTEGERS && bll < EXACT_INTEGERS)) return false;
    addExact(acc, 0, bk);
    addExact(acc, 2, bl);
    addExact(acc, 4, bkk);
    addExact(acc, 6, bll);
    addExact(acc, 8, bkl);
  }
  const [kHi, kLo, lHi, lLo, kkHi, kkLo, llHi, llLo, klHi, klLo] = acc as unknown as number[];
  cross[0] = integerMoments(n, kHi as number, kLo as number, kkHi as number, kkLo as number);
  cross[2] = passOut[0] as number;
  cross[1] = integerMoments(n, lHi as number, lLo as number, llHi as number, llLo as number);
  cross[3] = passOut[0] as number;
  cross[4] = integerCross(
    n,
    kHi as number,
    kLo as number,
    lHi as number,
    lLo as number,
    klHi as number,
    klLo as number,
  );
  return true;
}

/** exactCrossSums on the prime values (two places), for primeKernel: unprimed, it deoptimised at its end on every call. */
const primeExactCross = (x: Sample, y: Sample): boolean =>
  exactCrossSums(x, y, new DecimalShift(2, x[0] as number), new DecimalShift(2, y[0] as number));

/** The exact decimal shift for an array that obviously sits on an offset, when its values allow one. */
function shiftFor(x: Sample): DecimalShift | undefined {
  if (!obviousOffset(x)) return undefined;
  const places = sampleScale([x]);
  return places === undefined ? undefined : new DecimalShift(places, x[0] as number);
}
