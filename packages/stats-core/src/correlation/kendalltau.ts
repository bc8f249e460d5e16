import { StatsInputError } from '../errors';
import { ratioToNumber } from '../internal/exactDecimal';
import { zPvalue } from '../internal/pvalue';
import { valueGroups } from '../internal/rank';
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
import { Slot, workI32, workU32 } from '../internal/workspace';
import {
  KENDALLTAU_METHODS,
  KENDALLTAU_VARIANTS,
  type KendalltauMethod,
  type KendalltauVariant,
} from '../options';

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

  // Sort pairs by x then y; ties in x are then ordered by y, so the strict
  // inversions of the y sequence are exactly the discordant pairs. The
  // values become dense ranks (which keep every order and tie); the pairs,
  // taken in y's sort order, are stably counting-sorted by x's rank, and
  // only their y ranks are kept: ys is the y rank sequence in (x, y) order.
  const xRanks = workU32(Slot.ranks, size);
  const xr = valueGroups(a, 1, xRanks);
  const yr = valueGroups(b, 0);
  const next = new Uint32Array(xr.tieSizes.length);
  for (let r = 1; r < next.length; r++)
    next[r] = (next[r - 1] as number) + (xr.tieSizes[r - 1] as number);
  const ys = workI32(Slot.inversionsA, size);
  for (let yRank = 0, k = 0; yRank < yr.tieSizes.length; yRank++) {
    for (const end = k + (yr.tieSizes[yRank] as number); k < end; k++) {
      const r = xRanks[yr.order[k] as number] as number;
      const p = next[r] as number;
      ys[p] = yRank;
      next[r] = p + 1;
    }
  }
  // Pairs tied in both: runs of equal y ranks within each group of equal x
  // (the groups lie in sequence, each sorted by y).
  let ntie = 0;
  let groupStart = 0;
  for (const groupSize of xr.tieSizes) {
    const groupEnd = groupStart + groupSize;
    for (let i = groupStart, j = groupStart + 1; j <= groupEnd; j++) {
      if (j === groupEnd || ys[j] !== ys[i]) {
        ntie += ((j - i) * (j - i - 1)) / 2;
        i = j;
      }
    }
    groupStart = groupEnd;
  }
  const dis = countInversions(ys, yr.tieSizes);
  const [xtie, x0, x1] = tieStats(xr.tieSizes);
  const [ytie, y0, y1] = tieStats(yr.tieSizes);
  const tot = (size * (size - 1)) / 2;
  if (xtie === tot || ytie === tot) return nan;
  const conMinusDis = tot - xtie - ytie + ntie - 2 * dis;
  const minClasses = Math.min(xr.tieSizes.length, yr.tieSizes.length);
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

/** [tied pairs, sum t(t-1)(t-2), sum t(t-1)(2t+5)] over tie groups of size t. */
function tieStats(tieSizes: readonly number[]): [number, number, number] {
  let pairs = 0;
  let s0 = 0;
  let s1 = 0;
  for (const t of tieSizes) {
    if (t < 2) continue;
    pairs += (t * (t - 1)) / 2;
    s0 += t * (t - 1) * (t - 2);
    s1 += t * (t - 1) * (2 * t + 5);
  }
  return [pairs, s0, s1];
}

/**
 * Number of pairs i < j with v[i] > v[j], for v holding the dense ranks
 * 0..m-1 with `groupSizes[r]` copies of rank r; v's contents are consumed.
 * With few distinct ranks (m < 2^12 and at least 16 values per rank on
 * average: ties, small integers), a bit partition: log2(m) stable passes,
 * each splitting every group of equal high bits on the next bit and counting
 * the ones each zero jumps over. Otherwise a bottom-up merge sort (O(n log n))
 * counting, at each merge, the left values each right value jumps over,
 * after an insertion sort of blocks of 16 (in cache, four merge levels fewer).
 * Either way the buffers alternate between v and one work array.
 */
function countInversions(v: Int32Array, groupSizes: readonly number[]): number {
  const n = v.length;
  const m = groupSizes.length;
  if (m <= 1 || n <= 1) return 0;
  const bits = 32 - Math.clz32(m - 1);
  if (bits < 12 && m * 16 <= n) return countInversionsByBits(v, groupSizes, bits);
  let count = 0;
  for (let lo = 0; lo < n; lo += LEAF) {
    const hi = Math.min(lo + LEAF, n);
    for (let i = lo + 1; i < hi; i++) {
      const x = v[i] as number;
      let j = i - 1;
      while (j >= lo && (v[j] as number) > x) {
        v[j + 1] = v[j] as number;
        j--;
      }
      v[j + 1] = x;
      count += i - 1 - j;
    }
  }
  let src = v;
  let dst = workI32(Slot.inversionsB, n);
  for (let width = LEAF; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const left = src[i] as number;
        const right = src[j] as number;
        if (right < left) {
          count += mid - i;
          dst[k++] = right;
          j++;
        } else {
          dst[k++] = left;
          i++;
        }
      }
      while (i < mid) dst[k++] = src[i++] as number;
      while (j < hi) dst[k++] = src[j++] as number;
    }
    [src, dst] = [dst, src];
  }
  return count;
}

const LEAF = 16;

/**
 * countInversions for few distinct ranks: at bit b (high to low) the values
 * lie grouped by their bits above b, in input order within a group; each
 * value moves to its place in the grouping by the bits down to b (a stable
 * counting scatter), and a value with bit b clear adds the values with the
 * bit set already placed in its group: exactly the pairs whose first
 * differing bit is b and that are out of order.
 */
function countInversionsByBits(v: Int32Array, groupSizes: readonly number[], bits: number): number {
  const n = v.length;
  const m = groupSizes.length;
  // below[r]: values with rank < r (r = 0..m, clamped above).
  const below = new Float64Array(m + 1);
  for (let r = 0; r < m; r++) below[r + 1] = (below[r] as number) + (groupSizes[r] as number);
  const buckets = ((m - 1) >>> 0) + 2;
  const start = new Int32Array(buckets);
  const pos = new Int32Array(buckets);
  let src = v;
  let dst = workI32(Slot.inversionsB, n);
  let count = 0;
  for (let b = bits - 1; b >= 0; b--) {
    const groups = ((m - 1) >>> b) + 2;
    for (let q = 0; q < groups; q++) {
      const s = below[Math.min(q * 2 ** b, m)] as number;
      start[q] = s;
      pos[q] = s;
    }
    for (let i = 0; i < n; i++) {
      const x = src[i] as number;
      const q = x >>> b;
      const p = pos[q] as number;
      pos[q] = p + 1;
      dst[p] = x;
      const one = q | 1;
      count += (1 - (q & 1)) * ((pos[one] as number) - (start[one] as number));
    }
    [src, dst] = [dst, src];
  }
  return count;
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
