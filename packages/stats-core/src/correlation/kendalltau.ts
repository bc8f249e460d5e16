import { StatsInputError } from '../errors';
import { ratioToNumber } from '../internal/exactDecimal';
import { PRIME_F64, primeOnce } from '../internal/prime';
import { zPvalue } from '../internal/pvalue';
import { insertionSort, sortRangeMsd } from '../internal/sortMsd';
import { sortPairs } from '../internal/sortPairs';
import {
  type Alternative,
  checkAlternative,
  checkChoice,
  checkEqualLength,
  checkOptions,
  checkSampleValues,
  hasNaN,
  type Sample,
} from '../internal/validate';
import { Slot, workF64 } from '../internal/workspace';
import {
  KENDALLTAU_METHODS,
  KENDALLTAU_VARIANTS,
  type KendalltauMethod,
  type KendalltauVariant,
} from '../options';
import { sortedInversions } from './internal/kendallInversions';

export interface KendalltauOptions {
  /** 'two-sided' (default), 'less' or 'greater'. */
  alternative?: Alternative;
  /** 'auto' (default: exact when there are no ties and n <= 33 or min(dis, con) <= 1), 'exact' or 'asymptotic'. */
  method?: KendalltauMethod;
  /** 'b' (default): tau-b, adjusted for ties; 'c': Stuart's tau-c for rectangular tables. */
  variant?: KendalltauVariant;
}

export interface KendalltauResult {
  /** Kendall's tau-b. */
  statistic: number;
  pvalue: number;
}

/**
 * Kendall's tau-b rank correlation, as scipy.stats.kendalltau (scipy 1.17):
 * tau_b = (C - D) / sqrt((P - T_x)(P - T_y)), P = n(n-1)/2 pairs, T the tied
 * pairs (variant 'c': Stuart's tau-c = 2 (C - D) / (n^2 (m - 1) / m), m the
 * smaller number of distinct values). p-value: exact null distribution (Kendall 1970, counted exactly in
 * BigInt) when there are no ties and n <= 33 or min(D, P - D) <= 1; otherwise
 * the normal approximation with the tie-corrected variance.
 *
 * @param x - first variable
 * @param y - second variable, same length
 * @param options - `{ alternative = 'two-sided', method = 'auto', variant = 'b' }`
 * @returns `{ statistic, pvalue }`; NaN for empty input, a constant input, or NaN values
 * @throws StatsInputError for unequal lengths, non-numbers, bad options, or
 *   method 'exact' with ties
 * @example kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]).statistic // -0.4714045207910316
 */
export function kendalltau(x: Sample, y: Sample, options?: KendalltauOptions): KendalltauResult {
  const fn = 'kendalltau';
  const a = checkSampleValues(fn, 'x', x);
  const b = checkSampleValues(fn, 'y', y);
  checkEqualLength(fn, a, b);
  const opts = checkOptions(fn, options);
  const alternative = checkAlternative(fn, opts.alternative);
  const variant = checkChoice(fn, 'variant', opts.variant, KENDALLTAU_VARIANTS);
  const method = checkChoice(fn, 'method', opts.method, KENDALLTAU_METHODS);
  const nan = { statistic: Number.NaN, pvalue: Number.NaN };
  const size = a.length;
  if (size === 0 || hasNaN(a) || hasNaN(b)) return nan;

  // Sort the pairs by x (carrying y), then each group of equal x by y: the
  // strict inversions of y in that (x, y) order are exactly the discordant
  // pairs, counted by a sort that leaves y sorted for its own ties.
  const { keys: xs, carried: ys } = sortPairs(a, b);
  const work = workF64(Slot.inversionsB, size);
  const [xtie, x0, x1, xClasses, ntie] = sortTiedGroups(xs, ys, work);
  const inv = sortedInversions(ys, work, size / xClasses);
  const dis = inv.count;
  const [ytie, y0, y1, yClasses] = tieStatsOfSorted(inv.sorted);
  const tot = (size * (size - 1)) / 2;
  if (xtie === tot || ytie === tot) return nan;
  const conMinusDis = tot - xtie - ytie + ntie - 2 * dis;
  const minClasses = Math.min(xClasses, yClasses);
  const raw =
    variant === 'b'
      ? conMinusDis / Math.sqrt(tot - xtie) / Math.sqrt(tot - ytie)
      : (2 * conMinusDis) / ((size * size * (minClasses - 1)) / minClasses);
  const tau = Math.min(1, Math.max(-1, raw));
  const ties = xtie !== 0 || ytie !== 0;
  if (method === 'exact' && ties) {
    throw new StatsInputError(
      fn,
      "found ties, so method 'exact' cannot be used; use 'auto' or 'asymptotic'",
    );
  }
  const exact =
    method === 'exact' ||
    (method === 'auto' && !ties && (size <= 33 || Math.min(dis, tot - dis) <= 1));
  if (exact) return { statistic: tau, pvalue: kendallExactPvalue(size, tot - dis, alternative) };
  const m = size * (size - 1);
  const variance =
    (m * (2 * size + 5) - x1 - y1) / 18 + (2 * xtie * ytie) / m + (x0 * y0) / (9 * m * (size - 2));
  return { statistic: tau, pvalue: zPvalue(conMinusDis / Math.sqrt(variance), alternative) };
}

/** Adds a tie group of size t to [tied pairs, sum t(t-1)(t-2), sum t(t-1)(2t+5)]. */
function addTies(stats: number[], t: number): void {
  stats[0] = (stats[0] as number) + (t * (t - 1)) / 2;
  stats[1] = (stats[1] as number) + t * (t - 1) * (t - 2);
  stats[2] = (stats[2] as number) + t * (t - 1) * (2 * t + 5);
}

/**
 * x's tie statistics and number of distinct values ({@link tieStatsOfSorted}
 * of the sorted x), and, within each group of equal x, sorts the carried y
 * values (ascending, so no pair inside a group counts as an inversion) and
 * counts the pairs tied in both. Returns [tied pairs, sum t(t-1)(t-2),
 * sum t(t-1)(2t+5), distinct values, pairs tied in x and y].
 */
function sortTiedGroups(
  xs: Float64Array,
  ys: Float64Array,
  work: Float64Array,
): [number, number, number, number, number] {
  let both = 0;
  const [tied, t2, t5, classes] = tieStatsOfSorted(xs, (start, end) => {
    sortRange(ys, work, start, end);
    for (let i = start, j = start + 1; j <= end; j++) {
      if (j === end || ys[j] !== ys[i]) {
        both += ((j - i) * (j - i - 1)) / 2;
        i = j;
      }
    }
  });
  return [tied, t2, t5, classes, both];
}

/**
 * Sorts v[start..end) ascending: the MSD radix sort (work as scratch), whose
 * first level already finishes a group with few distinct y values (ties,
 * small integers); insertion sort for short ranges.
 */
function sortRange(v: Float64Array, work: Float64Array, start: number, end: number): void {
  if (end - start > 32) sortRangeMsd(v, work, start, end);
  else insertionSort(v, start, end);
}

/** Sorted priming values with a tie, for tieStatsOfSorted. */
const PRIME_SORTED = Float64Array.from(PRIME_F64).sort();

/**
 * [tied pairs, sum t(t-1)(t-2), sum t(t-1)(2t+5), distinct values] of
 * sorted values; `group(start, end)` is called for each run of two or more
 * equal values.
 */
function tieStatsOfSorted(
  v: Float64Array,
  group?: (start: number, end: number) => void,
): [number, number, number, number] {
  primeOnce(tieStatsOfSorted, () => tieStatsOfSorted(PRIME_SORTED));
  const n = v.length;
  const stats = [0, 0, 0];
  let classes = 0;
  let start = 0;
  while (start < n) {
    const value = v[start];
    let end = start + 1;
    while (end < n && v[end] === value) end++;
    classes++;
    if (end - start > 1) {
      addTies(stats, end - start);
      group?.(start, end);
    }
    start = end;
  }
  return [stats[0] as number, stats[1] as number, stats[2] as number, classes];
}

/**
 * Exact p-value of Kendall's statistic with c concordant pairs among n
 * (scipy's _kendall_p_exact), with the permutation counts kept exact in BigInt.
 */
function kendallExactPvalue(n: number, concordant: number, alternative: Alternative): number {
  const half = (n * (n - 1)) / 2;
  const inRightTail = concordant >= half - concordant;
  const c = Math.min(concordant, half - concordant);
  let prob: number;
  let massAtC = 0;
  if (n <= 2) {
    prob = 1;
    massAtC = n === 1 ? 1 : 0.5;
  } else if (4 * c === n * (n - 1) && alternative === 'two-sided') {
    prob = 1;
  } else if (n < 171) {
    // counts[k] = permutations of n with k inversions, for k <= c.
    let counts: bigint[] = new Array<bigint>(c + 1).fill(0n);
    counts[0] = 1n;
    if (c >= 1) counts[1] = 1n;
    for (let j = 3; j <= n; j++) {
      const cum = new Array<bigint>(c + 1);
      let run = 0n;
      for (let k = 0; k <= c; k++) {
        run += counts[k] as bigint;
        cum[k] = run;
      }
      if (j <= c) for (let k = c; k >= j; k--) cum[k] = (cum[k] as bigint) - (cum[k - j] as bigint);
      counts = cum;
    }
    let factorial = 1n;
    for (let j = 2n; j <= BigInt(n); j++) factorial *= j;
    let sum = 0n;
    for (const v of counts) sum += v;
    prob = ratioToNumber(2n * sum, factorial);
    massAtC = ratioToNumber(counts[c] as bigint, factorial);
  } else {
    // Beyond 170! the counts leave float64 and BigInt gets slow: scipy's
    // normalised float64 recurrence (only reached with method 'exact').
    let probs = new Float64Array(c + 1);
    probs[0] = 1;
    if (c >= 1) probs[1] = 1;
    for (let j = 3; j <= n; j++) {
      const cum = new Float64Array(c + 1);
      let run = 0;
      for (let k = 0; k <= c; k++) {
        run += probs[k] as number;
        cum[k] = run / j;
      }
      if (j <= c) for (let k = c; k >= j; k--) cum[k] = (cum[k] as number) - (cum[k - j] as number);
      probs = cum;
    }
    prob = probs.reduce((a, b) => a + b, 0);
    massAtC = (probs[c] as number) / 2;
  }
  if (alternative !== 'two-sided') {
    prob = inRightTail === (alternative === 'greater') ? prob / 2 : 1 - prob / 2 + massAtC;
  }
  return Math.min(1, Math.max(0, prob));
}
