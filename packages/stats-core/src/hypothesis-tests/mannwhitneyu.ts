import { normalSf } from '../distributions/normal';
import { StatsInputError } from '../errors';
import { ratioToNumber } from '../internal/exactDecimal';
import { primeOnce } from '../internal/prime';
import { sortedSample } from '../internal/sortedSample';
import {
  type Alternative,
  checkAlternative,
  checkBoolean,
  checkChoice,
  checkOptions,
  type Sample,
} from '../internal/validate';
import { MANNWHITNEYU_METHODS, type MannwhitneyuMethod } from '../options';

export interface MannwhitneyuOptions {
  /** Continuity correction (0.5) in the normal approximation; default true. */
  useContinuity?: boolean;
  /** 'two-sided' (default), 'less' or 'greater' (x stochastically greater than y). */
  alternative?: Alternative;
  /** 'auto' (default: exact when there are no ties and n1 <= 8 or n2 <= 8), 'exact' or 'asymptotic'. */
  method?: MannwhitneyuMethod;
}

export interface MannwhitneyuResult {
  /** U1, the Mann-Whitney U statistic of x: R1 - n1(n1+1)/2. */
  statistic: number;
  pvalue: number;
}

/**
 * Mann-Whitney U rank test, as scipy.stats.mannwhitneyu (scipy 1.17).
 * U1 = R1 - n1(n1+1)/2 from average ranks of the pooled sample. p-value:
 * exact null distribution of U (the coefficients of the Gaussian binomial
 * [n1+n2 choose n1]_q, counted exactly in BigInt) when 'auto' picks it (no
 * ties and min(n1, n2) <= 8), else the normal approximation with tie
 * correction sigma^2 = n1 n2 / 12 ((n+1) - sum(t^3 - t) / (n(n-1))) and
 * optional continuity correction. Two-sided uses max(U1, U2) and doubles.
 *
 * @param x - first sample (a NaN anywhere gives NaN results, as scipy)
 * @param y - second sample
 * @param options - `{ useContinuity = true, alternative = 'two-sided', method = 'auto' }`
 * @returns `{ statistic, pvalue }`
 * @throws StatsInputError for an empty sample, non-numbers, bad options, or
 *   method 'exact' with n1 n2 > 5e7 (too large to tabulate)
 * @example mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12]) // { statistic: 17, pvalue: 0.1111111111111111 }
 */
export function mannwhitneyu(
  x: Sample,
  y: Sample,
  options?: MannwhitneyuOptions,
): MannwhitneyuResult {
  const fn = 'mannwhitneyu';
  // Each sample sorted on its own (values only, no indices); undefined: a NaN.
  const a = sortedSample(fn, 'x', x, 0, 1);
  const b = sortedSample(fn, 'y', y, 1, 1);
  const opts = checkOptions(fn, options);
  const alternative = checkAlternative(fn, opts.alternative);
  const useContinuity = checkBoolean(fn, 'useContinuity', opts.useContinuity, true);
  let method = checkChoice(fn, 'method', opts.method, MANNWHITNEYU_METHODS);
  // scipy's nan_policy='propagate' answers NaN before its own NaN check.
  if (a === undefined || b === undefined) return { statistic: Number.NaN, pvalue: Number.NaN };
  const n1 = a.length;
  const n2 = b.length;
  primeOnce(rankSum, primeRankSum);
  const { r1, ties } = rankSum(a, b);
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  const factor = alternative === 'two-sided' ? 2 : 1;
  if (method === 'auto') method = (n1 > 8 && n2 > 8) || ties.length > 0 ? 'asymptotic' : 'exact';
  let p: number;
  if (method === 'exact') {
    if (n1 * n2 > 5e7) {
      throw new StatsInputError(
        fn,
        `cannot use method 'exact' for samples of ${n1} and ${n2} (the null distribution has ${n1 * n2 + 1} points); use 'asymptotic' or 'auto'`,
      );
    }
    // With ties U can be a half-integer; scipy casts it to int64 (truncates).
    p = exactUSf(Math.trunc(u), n1, n2);
  } else {
    const n = n1 + n2;
    const tieTerm = ties.reduce((s, t) => s + t ** 3 - t, 0);
    const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = (u - (n1 * n2) / 2 - (useContinuity ? 0.5 : 0)) / s;
    p = normalSf(z);
  }
  return { statistic: u1, pvalue: Math.min(1, Math.max(0, p * factor)) };
}

/**
 * R1, the sum of x's average ranks in the pooled sample, and the sizes of
 * the tie groups of two or more, in value order, from the two samples
 * sorted (ascending, no NaN): they are merged one group of
 * equal values at a time: a group of t values, c of them from x, starting
 * after `below` smaller ones, adds c (below + (t + 1) / 2). Every term is
 * a half-integer product under 2^53, so R1 is exact, as summing the ranks is.
 */
function rankSum(a: Float64Array, b: Float64Array): { r1: number; ties: number[] } {
  const n1 = a.length;
  const n2 = b.length;
  const ties: number[] = [];
  let r1 = 0;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const v = j === n2 || (i < n1 && (a[i] as number) <= (b[j] as number)) ? a[i] : b[j];
    const i0 = i;
    const j0 = j;
    while (i < n1 && a[i] === v) i++;
    while (j < n2 && b[j] === v) j++;
    const t = i - i0 + (j - j0);
    r1 += (i - i0) * (i0 + j0 + (t + 1) / 2);
    if (t > 1) ties.push(t);
  }
  return { r1, ties };
}

/**
 * rankSum on two short sorted samples tying within and across them, each
 * one ending the merge, for primeOnce: unprimed, a process's first call on
 * 1e5 values compiled the merge's loop on-stack before a tie group had
 * been met, and the tie's push deoptimised three times a call on
 * full-precision data, where ties are rare (--trace-deopt, 2026-12-07).
 */
function primeRankSum(): void {
  rankSum(PRIME_SORTED_X, PRIME_SORTED_Y);
  rankSum(PRIME_SORTED_Y, PRIME_SORTED_X);
}
const PRIME_SORTED_X = Float64Array.of(-0.5, 0.75, 1.25, 2, 3, 3);
const PRIME_SORTED_Y = Float64Array.of(0.75, 1, 3, 4.5);

/**
 * P(U >= u) under the null for sample sizes m and n: the frequencies of U are
 * the coefficients of prod_{i=1..m} (1 - q^{n+i}) / (1 - q^i), exact in BigInt.
 */
function exactUSf(u: number, m: number, n: number): number {
  if (m > n) [m, n] = [n, m];
  const degree = m * n;
  const c = new Array<bigint>(degree + 1).fill(0n);
  c[0] = 1n;
  let top = 0;
  for (let i = 1; i <= m; i++) {
    const shift = n + i;
    top += n;
    for (let k = top; k >= shift; k--) c[k] = (c[k] as bigint) - (c[k - shift] as bigint);
    for (let k = i; k <= top; k++) c[k] = (c[k] as bigint) + (c[k - i] as bigint);
  }
  let total = 0n;
  let tail = 0n;
  for (let k = 0; k <= degree; k++) {
    total += c[k] as bigint;
    if (k >= u) tail += c[k] as bigint;
  }
  return ratioToNumber(tail, total);
}
