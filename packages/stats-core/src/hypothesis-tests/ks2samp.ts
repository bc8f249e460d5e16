import { kolmogorovTwoSidedSf } from '../distributions/kolmogorov';
import { primeOnce } from '../internal/prime';
import { sortedSample } from '../internal/sortedSample';
import {
  type Alternative,
  checkAlternative,
  checkChoice,
  checkOptions,
  type Sample,
} from '../internal/validate';
import { KS_2SAMP_METHODS, type Ks2sampMethod } from '../options';

export interface Ks2sampOptions {
  /** 'two-sided' (default), 'less' (the cdf of data1 is below that of data2 somewhere; statistic D-) or 'greater' (above; D+). */
  alternative?: Alternative;
  /** 'auto' (default: exact when max(n1, n2) <= 10000), 'exact' or 'asymp'. */
  method?: Ks2sampMethod;
}

export interface Ks2sampResult {
  /** D: the largest difference of the empirical cdfs in the tested direction. */
  statistic: number;
  pvalue: number;
  /** The value (from either sample) where the difference D is attained. */
  statisticLocation: number;
  /** +1 if cdf1 - cdf2 is largest there, -1 if cdf2 - cdf1 is. */
  statisticSign: number;
}

/**
 * Two-sample Kolmogorov-Smirnov test, as scipy.stats.ks_2samp (scipy 1.17).
 * D+ = max(F1 - F2), D- = max(F2 - F1) over the pooled data; 'greater' tests
 * D+, 'less' D-, 'two-sided' the larger. p-value 'exact' (auto when
 * max(n1, n2) <= 10000): P(D >= d) for d = h / lcm(n1, n2), from the
 * lattice-path count (closed forms for n1 = n2; otherwise the probability
 * that a uniformly random path leaves the band, accumulated directly so tiny
 * p-values keep their digits); as scipy, the one-sided unequal-size case
 * falls back to the asymptotic formula where binom(n1 + n2, n1) overflows.
 * 'asymp': two-sided uses the exact one-sample Kolmogorov distribution at
 * n = round(n1 n2 / (n1 + n2)); one-sided exp(-2 z^2 - 2 z (m + 2n) / sqrt(mn(m+n)) / 3).
 *
 * @param data1 - first sample
 * @param data2 - second sample
 * @param options - `{ alternative = 'two-sided', method = 'auto' }`
 * @returns `{ statistic, pvalue, statisticLocation, statisticSign }`
 * @throws StatsInputError for an empty sample, non-numbers or bad options
 * @example ks2samp([0.61, 0.29, 0.06, 0.59, -1.73], [-0.62, 1.2, 0.5, 3.1, 2.4, 2.9]).pvalue // 0.10822510822510821
 */
export function ks2samp(data1: Sample, data2: Sample, options?: Ks2sampOptions): Ks2sampResult {
  const fn = 'ks2samp';
  // Each sample sorted on its own (values only); undefined: it holds a NaN.
  const a = sortedSample(fn, 'data1', data1, 0, 1);
  const b = sortedSample(fn, 'data2', data2, 1, 1);
  const opts = checkOptions(fn, options);
  const alternative = checkAlternative(fn, opts.alternative);
  let method = checkChoice(fn, 'method', opts.method, KS_2SAMP_METHODS);
  if (a === undefined || b === undefined) {
    return {
      statistic: Number.NaN,
      pvalue: Number.NaN,
      statisticLocation: Number.NaN,
      statisticSign: Number.NaN,
    };
  }
  primeOnce(cdfDifferences, primeCdfDifferences);
  const { minDiff, minAt, maxDiff, maxAt } = cdfDifferences(a, b);
  const minS = Math.min(1, Math.max(0, -minDiff));
  const maxS = maxDiff;
  let d: number;
  let location: number;
  let sign: number;
  if (alternative === 'less' || (alternative === 'two-sided' && minS > maxS)) {
    d = minS;
    location = minAt;
    sign = -1;
  } else {
    d = maxS;
    location = maxAt;
    sign = 1;
  }
  const n1 = a.length;
  const n2 = b.length;
  const g = gcd(n1, n2);
  if (method === 'auto') method = Math.max(n1, n2) <= 10000 ? 'exact' : 'asymp';
  else if (method === 'exact' && n1 / g >= 2147483647 / (n2 / g)) method = 'asymp';
  let prob = Number.NaN;
  if (method === 'exact') {
    const exact = exactKs(n1, n2, g, d, alternative);
    if (exact === undefined) method = 'asymp';
    else [d, prob] = exact;
  }
  if (method === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    if (alternative === 'two-sided') {
      prob = kolmogorovTwoSidedSf(d, roundHalfEven(en));
    } else {
      const z = Math.sqrt(en) * d;
      prob = Math.exp(-2 * z * z - (2 * z * (m + 2 * n)) / Math.sqrt(m * n * (m + n)) / 3);
    }
  }
  return {
    statistic: d,
    pvalue: Math.min(1, Math.max(0, prob)),
    statisticLocation: location,
    statisticSign: sign,
  };
}

/**
 * The extremes of cdf1(v) - cdf2(v) over the pooled values v, where they
 * are attained, as scipy finds them: scipy evaluates the difference at
 * data1's values then data2's (np.concatenate), counting the values <= v
 * (searchsorted side='right'), and takes the first extreme in that order.
 * One merge of the two sorted samples visits each distinct value once; the
 * extremes over values from data1 and over values from data2 are kept apart
 * (the first, smallest, value of each), and a tie between them goes to
 * data1's.
 */
function cdfDifferences(
  a: Float64Array,
  b: Float64Array,
): { minDiff: number; minAt: number; maxDiff: number; maxAt: number } {
  const n1 = a.length;
  const n2 = b.length;
  let minA = Number.POSITIVE_INFINITY;
  let maxA = Number.NEGATIVE_INFINITY;
  let minB = Number.POSITIVE_INFINITY;
  let maxB = Number.NEGATIVE_INFINITY;
  let minAtA = Number.NaN;
  let maxAtA = Number.NaN;
  let minAtB = Number.NaN;
  let maxAtB = Number.NaN;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const i0 = i;
    const j0 = j;
    // the next distinct value, and every value of either sample equal to it
    const v =
      j >= n2 || (i < n1 && (a[i] as number) <= (b[j] as number))
        ? (a[i] as number)
        : (b[j] as number);
    while (i < n1 && (a[i] as number) <= v) i++;
    while (j < n2 && (b[j] as number) <= v) j++;
    const diff = i / n1 - j / n2;
    if (i > i0) {
      if (diff < minA) {
        minA = diff;
        minAtA = a[i0] as number;
      }
      if (diff > maxA) {
        maxA = diff;
        maxAtA = a[i0] as number;
      }
    }
    if (j > j0) {
      if (diff < minB) {
        minB = diff;
        minAtB = b[j0] as number;
      }
      if (diff > maxB) {
        maxB = diff;
        maxAtB = b[j0] as number;
      }
    }
  }
  return {
    minDiff: Math.min(minA, minB),
    minAt: minA <= minB ? minAtA : minAtB,
    maxDiff: Math.max(maxA, maxB),
    maxAt: maxA >= maxB ? maxAtA : maxAtB,
  };
}

/**
 * cdfDifferences on two short samples of doubles tying across them, for
 * primeOnce: unprimed, the merge's loop was compiled on-stack in a
 * process's first large call, and the code after it deoptimised on every
 * later call (--trace-deopt, 2026-12-07).
 */
function primeCdfDifferences(): void {
  cdfDifferences(PRIME_DATA1, PRIME_DATA2);
  cdfDifferences(PRIME_DATA2, PRIME_DATA1);
}
const PRIME_DATA1 = Float64Array.of(-1.5, 0.25, 0.25, 1.125, 2.75, 3.5);
const PRIME_DATA2 = Float64Array.of(-2.5, 0.25, 1.0625, 2.75, 4.5);

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** numpy's round: halves to even. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** [d, p] from the exact distribution, or undefined where scipy gives up (overflow). */
function exactKs(
  n1: number,
  n2: number,
  g: number,
  d: number,
  alternative: Alternative,
): [number, number] | undefined {
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const dExact = h / lcm;
  if (h === 0) return [dExact, 1];
  if (alternative === 'two-sided') {
    return [dExact, n1 === n2 ? probOutsideSquare(n1, h) : probLeavingBand(n1, n2, h * g, true)];
  }
  if (n1 === n2) {
    let p = 1;
    for (let j = 0; j < h; j++) p *= (n1 - j) / (n1 + j + 1);
    return [dExact, p];
  }
  // scipy counts paths in float64 and falls back to 'asymp' once binom(n1 + n2, n1) overflows.
  if (logBinomial(n1 + n2, n1) > Math.log(Number.MAX_VALUE)) return undefined;
  return [dExact, probLeavingBand(n1, n2, h * g, false)];
}

function logBinomial(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

/** P(D_{n,n} >= h/n) by scipy's Horner form of the alternating binomial sum. */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/**
 * Probability that a uniformly random monotone lattice path from (0, 0) to
 * (m, n) reaches |i n - j m| >= bound (two-sided) or i n - j m >= bound
 * (one-sided): the mass of the paths still inside is carried forward with
 * the path's own transition probabilities, and the mass that steps out is
 * summed (only additions of positive terms, so small p-values stay accurate).
 */
function probLeavingBand(m: number, n: number, bound: number, twoSided: boolean): number {
  // Row j holds the mass at (i, j) for the i inside the band:
  // i n - j m < bound and, two-sided, i n - j m > -bound (exact integers).
  const lowest = (j: number) => (twoSided ? Math.max(0, Math.floor((j * m - bound) / n) + 1) : 0);
  const highest = (j: number) => Math.min(m, Math.ceil((j * m + bound) / n) - 1);
  let row = new Float64Array(m + 2);
  let next = new Float64Array(m + 2);
  row[0] = 1;
  let out = 0;
  for (let j = 0; j <= n; j++) {
    const lo = lowest(j);
    const hi = highest(j);
    const nextLo = j < n ? lowest(j + 1) : 0;
    const nextHi = j < n ? highest(j + 1) : -1;
    next.fill(0, Math.max(0, nextLo), Math.max(0, nextHi + 1));
    for (let i = lo; i <= hi; i++) {
      const q = row[i] as number;
      if (q === 0) continue;
      const left = m - i + n - j;
      if (left === 0) continue;
      if (i < m) {
        const step = (q * (m - i)) / left;
        if (i + 1 > hi) out += step;
        else row[i + 1] = (row[i + 1] as number) + step;
      }
      if (j < n) {
        const step = (q * (n - j)) / left;
        if (i < nextLo || i > nextHi) out += step;
        else next[i] = (next[i] as number) + step;
      }
    }
    row.fill(0, lo, hi + 1);
    [row, next] = [next, row];
  }
  return out;
}
