import { normalQuantile } from '../distributions/normal';
import { StatsInputError } from '../errors';
import { checkChoice, type Sample } from '../internal/validate';
import { THEILSLOPES_METHODS, type TheilslopesMethod } from '../options';
import type { NanPolicy } from './internal/nanPolicy';
import { checkSlopeInput, requireDistinctX } from './internal/pairs';
import { roundHalfEven } from './internal/percentile';
import { medianInPlace, selectRanks } from './internal/select';

export interface TheilslopesOptions {
  /** Confidence degree of the slope interval, in (0, 1); default 0.95 (as scipy, alpha and 1 - alpha give the same interval). */
  alpha?: number;
  /** 'separate' (default): median(y) - slope median(x); 'joint': median(y - slope x). */
  method?: TheilslopesMethod;
  /** What a NaN does: 'propagate' (default: every field NaN), 'omit' (drop the pair) or 'raise'. */
  nanPolicy?: NanPolicy;
}

export interface TheilslopesResult {
  /** Theil-Sen slope: the median of the pairwise slopes. */
  slope: number;
  intercept: number;
  /** Lower bound of the confidence interval of the slope (NaN where Sen's variance is undefined). */
  lowSlope: number;
  /** Upper bound of the confidence interval of the slope. */
  highSlope: number;
}

/**
 * The Theil-Sen estimator, as scipy.stats.theilslopes (scipy 1.17): the
 * median of the slopes (y_i - y_j) / (x_i - x_j) over the pairs with
 * x_i > x_j (Theil 1950, Sen 1968), the intercept by `method`, and Sen's
 * (1968, eq. 2.6) confidence interval: with N slopes, z = Phi^-1(alpha / 2)
 * for the smaller of alpha and 1 - alpha, and
 * sigma^2 = (n(n-1)(2n+5) - sum over tie groups in x and in y of t(t-1)(2t+5)) / 18,
 * the bounds are the sorted slopes at max(round((N + z sigma) / 2) - 1, 0)
 * and min(round((N - z sigma) / 2), N - 1) (round half to even, as numpy).
 * The O(n^2) slopes are kept in one Float64Array (n = 1e4: 5e7 slopes,
 * 400 MB) and the order statistics found by selection, not by sorting.
 *
 * @param y - the responses (at least 2)
 * @param x - the abscissae, same length as y (default 0, 1, ..., n - 1)
 * @param options - `{ alpha = 0.95, method = 'separate', nanPolicy = 'propagate' }`
 * @returns `{ slope, intercept, lowSlope, highSlope }`
 * @throws StatsInputError for fewer than 2 points, x and y of different
 *   lengths, every x equal (scipy warns and returns NaN), alpha outside
 *   (0, 1), an unknown method, or a NaN under nanPolicy 'raise'
 * @example theilslopes([1, 3, 2], [0, 1, 2]) // { slope: 0.5, intercept: 1.5, lowSlope: -1, highSlope: 2 }
 */
export function theilslopes(
  y: Sample,
  x?: Sample | null,
  options?: TheilslopesOptions,
): TheilslopesResult {
  const fn = 'theilslopes';
  const { x: xs, y: ys, nan, opts } = checkSlopeInput(fn, y, x, options);
  let alpha = (opts.alpha ?? 0.95) as number;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
    throw new StatsInputError(fn, `requires alpha strictly between 0 and 1 (got ${String(alpha)})`);
  }
  const method = checkChoice(fn, 'method', opts.method, THEILSLOPES_METHODS);
  if (nan) {
    return {
      slope: Number.NaN,
      intercept: Number.NaN,
      lowSlope: Number.NaN,
      highSlope: Number.NaN,
    };
  }
  requireDistinctX(fn, xs);
  const n = xs.length;
  // the pairs with different x, each oriented as scipy's deltax > 0 (larger x first)
  const count = (n * (n - 1)) / 2 - tiePairs(xs);
  const slopes = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const xi = xs[i] as number;
    const yi = ys[i] as number;
    for (let j = i + 1; j < n; j++) {
      const xj = xs[j] as number;
      if (xi > xj) slopes[k++] = (yi - (ys[j] as number)) / (xi - xj);
      else if (xj > xi) slopes[k++] = ((ys[j] as number) - yi) / (xj - xi);
    }
  }
  if (alpha > 0.5) alpha = 1 - alpha;
  const z = normalQuantile(alpha / 2);
  const sigsq = (n * (n - 1) * (2 * n + 5) - tieTerm(xs) - tieTerm(ys)) / 18;
  const sigma = Math.sqrt(sigsq);
  const nt = count;
  let rl = -1;
  let ru = -1;
  if (Number.isFinite(sigma)) {
    ru = Math.min(roundHalfEven((nt - z * sigma) / 2), nt - 1);
    rl = Math.max(roundHalfEven((nt + z * sigma) / 2) - 1, 0);
  }
  // select every order statistic needed rather than sorting the O(n^2) slopes
  const h = nt >> 1;
  selectRanks(slopes, [h, nt % 2 === 0 ? h - 1 : h, ...(rl >= 0 ? [rl, ru] : [])]);
  const slope =
    nt % 2 === 1 ? (slopes[h] as number) : ((slopes[h - 1] as number) + (slopes[h] as number)) / 2;
  let intercept: number;
  if (method === 'joint') {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = (ys[i] as number) - slope * (xs[i] as number);
    intercept = medianInPlace(r);
  } else {
    intercept = medianInPlace(Float64Array.from(ys)) - slope * medianInPlace(Float64Array.from(xs));
  }
  return {
    slope,
    intercept,
    lowSlope: rl >= 0 ? (slopes[rl] as number) : Number.NaN,
    highSlope: ru >= 0 ? (slopes[ru] as number) : Number.NaN,
  };
}

/** The sum of `term(t)` over the groups of t equal values of `v` (any order). */
function sumOverTies(v: Float64Array, term: (t: number) => number): number {
  const s = Float64Array.from(v).sort();
  let total = 0;
  let run = 1;
  for (let i = 1; i <= s.length; i++) {
    if (i < s.length && s[i] === s[i - 1]) run++;
    else {
      total += term(run);
      run = 1;
    }
  }
  return total;
}

/** The number of pairs with equal values: sum over tie groups of t(t - 1) / 2. */
const tiePairs = (v: Float64Array) => sumOverTies(v, (t) => (t * (t - 1)) / 2);

/** sum over groups of t equal values of t(t - 1)(2t + 5). */
const tieTerm = (v: Float64Array) => sumOverTies(v, (t) => t * (t - 1) * (2 * t + 5));
