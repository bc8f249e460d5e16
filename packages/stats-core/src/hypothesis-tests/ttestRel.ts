import {
  DecimalShift,
  EXACT_INTEGERS,
  INTEGER_BLOCK,
  integerMoments,
  isArrayInput,
  onOffset,
  passOut,
  primeKernel,
  quickChoice,
  sampleScale,
} from '../internal/fastMoments';
import { noteLane } from '../internal/lanes';
import { pairedDifferences } from '../internal/moments';
import { tPvalue } from '../internal/pvalue';
import { sumError } from '../internal/twoSum';
import {
  checkAlternative,
  checkOptions,
  checkPairedSamples,
  type Sample,
} from '../internal/validate';
import { ALTERNATIVES } from '../options';
import { oneSampleT } from './ttest1samp';
import type { TtestOptions, TtestResult } from './ttestResult';

/**
 * Paired-sample t-test, as scipy.stats.ttest_rel (scipy 1.17): the one-sample
 * t-test of the differences a - b against 0, df = n - 1 (differences of
 * values large against them are taken exactly from the decimals written).
 *
 * @param a - first measurements
 * @param b - paired second measurements, same length as a
 * @param options - `{ alternative = 'two-sided' }` ('less': mean(a - b) < 0)
 * @returns `{ statistic, pvalue, df }`, with the edge cases of {@link ttest1samp}
 * @throws StatsInputError for unequal lengths, non-numeric input or a bad alternative
 * @example ttestRel([1, 2, 3, 4], [1.5, 2.1, 3.9, 4.2]).df // 3
 */
export function ttestRel(a: Sample, b: Sample, options?: TtestOptions): TtestResult {
  const fast = fastTtestRel(a, b, options);
  if (fast) return fast;
  const fn = 'ttestRel';
  const [x, y] = checkPairedSamples(fn, a, b, ['a', 'b']);
  const alternative = checkAlternative(fn, checkOptions(fn, options).alternative);
  return oneSampleT(pairedDifferences(x, y), 0, alternative);
}

/**
 * ttestRel straight from the caller's arrays, the differences never stored
 * (see fastMoments.ts). Pass one sums d = a - b (Neumaier) and checks every
 * entry is a number; when the values are large against their differences
 * (as pairedDifferences decides), d is taken instead as the exact difference
 * of the decimals written, summed as the exact integers M_a - M_b scaled by
 * 10^P (see DecimalShift). Pass two sums (d - mean)^2. undefined when the general path
 * must answer (bad input or options, NaN, infinities, n < 2, decimals the
 * scaled integers cannot hold, or differences themselves on an offset).
 */
function fastTtestRel(a: unknown, b: unknown, options: unknown): TtestResult | undefined {
  if (!isArrayInput(a) || !isArrayInput(b) || a.length !== b.length || a.length < 2) {
    return undefined;
  }
  const alternative = quickChoice(options, 'alternative', ALTERNATIVES);
  if (alternative === undefined) return undefined;
  const n = a.length;
  // Values far larger than their differences in the first pairs: the exact
  // route at once (pass one then checks every pair itself).
  let sums: PairedSums | 'two passes' = obviousOffset(a, b) ? exactRoute(a, b) : 'not decimals';
  if (sums === 'not decimals') {
    primeKernel(primeOnePass, n);
    sums = onePassPairedSums(a, b);
  }
  if (sums === 'two passes') sums = plainPairedSums(a, b);
  if (sums === 'not decimals') sums = exactRoute(a, b);
  if (sums === undefined || sums === 'not decimals') return undefined;
  const { mean, ss } = sums;
  if (!Number.isFinite(ss) || onOffset(n, mean, ss)) return undefined;
  const df = n - 1;
  const statistic = mean / Math.sqrt(ss / df / n);
  return { statistic, pvalue: tPvalue(statistic, df, alternative), df };
}

type PairedSums = { mean: number; ss: number } | undefined | 'not decimals';

/** max(|a|, |b|) more than 1000 times max |a - b| over the first 64 pairs. */
function obviousOffset(a: Sample, b: Sample): boolean {
  const m = Math.min(a.length, 64);
  let big = 0;
  let small = 0;
  for (let i = 0; i < m; i++) {
    const ai = a[i] as number;
    const bi = b[i] as number;
    big = Math.max(big, Math.abs(ai), Math.abs(bi));
    small = Math.max(small, Math.abs(ai - bi));
  }
  return big > 1000 * small;
}

/**
 * plainMeanAndSquares (fastMoments.ts) on d = a - b, the differences never
 * stored: the same centre (the mean of 64 differences spread over the
 * pairs), the same blocks of four, the same acceptance rule, so the result
 * is the double ttest1samp gives on the differences. Tracks big and small
 * as plainPairedSums does. 'two passes' when that form must answer.
 */
function onePassPairedSums(a: Sample, b: Sample): PairedSums | 'two passes' {
  const n = a.length;
  const m = Math.min(n, 64);
  const step = Math.floor(n / m);
  let centre = 0;
  for (let k = 0; k < m; k++) {
    const ak = a[k * step];
    const bk = b[k * step];
    if (typeof ak !== 'number' || typeof bk !== 'number') return 'two passes';
    centre += ak - bk;
  }
  const c = centre / m;
  if (!Number.isFinite(c)) return 'two passes';
  let s = 0;
  let sLo = 0;
  let q = 0;
  let qLo = 0;
  let big = 0;
  let small = 0;
  for (let i = 0; i < n; i += 4) {
    const a0 = a[i];
    // The last block is padded with pairs (c, 0): differences of exactly c,
    // deviations of exactly 0, as plainMeanAndSquares pads with c; |c| is at
    // most the largest |d|, so big and small do not change.
    const a1 = i + 1 < n ? a[i + 1] : c;
    const a2 = i + 2 < n ? a[i + 2] : c;
    const a3 = i + 3 < n ? a[i + 3] : c;
    const b0 = b[i];
    const b1 = i + 1 < n ? b[i + 1] : 0;
    const b2 = i + 2 < n ? b[i + 2] : 0;
    const b3 = i + 3 < n ? b[i + 3] : 0;
    if (
      typeof a0 !== 'number' ||
      typeof a1 !== 'number' ||
      typeof a2 !== 'number' ||
      typeof a3 !== 'number' ||
      typeof b0 !== 'number' ||
      typeof b1 !== 'number' ||
      typeof b2 !== 'number' ||
      typeof b3 !== 'number'
    ) {
      return 'two passes';
    }
    const d0 = a0 - b0;
    const d1 = a1 - b1;
    const d2 = a2 - b2;
    const d3 = a3 - b3;
    // big and small as plainPairedSums tracks them, one compare each per value.
    const m0 = Math.abs(a0) + Math.abs(b0);
    const m1 = Math.abs(a1) + Math.abs(b1);
    const m2 = Math.abs(a2) + Math.abs(b2);
    const m3 = Math.abs(a3) + Math.abs(b3);
    if (m0 > big) big = m0;
    if (m1 > big) big = m1;
    if (m2 > big) big = m2;
    if (m3 > big) big = m3;
    const s0 = Math.abs(d0);
    const s1 = Math.abs(d1);
    const s2 = Math.abs(d2);
    const s3 = Math.abs(d3);
    if (s0 > small) small = s0;
    if (s1 > small) small = s1;
    if (s2 > small) small = s2;
    if (s3 > small) small = s3;
    const e0 = d0 - c;
    const e1 = d1 - c;
    const e2 = d2 - c;
    const e3 = d3 - c;
    const bs = e0 + e1 + (e2 + e3);
    const bq = e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3);
    sLo += sumError(s, bs);
    s += bs;
    qLo += sumError(q, bq);
    q += bq;
  }
  const sum = s + sLo;
  const sq = q + qLo;
  const shift = (sum * sum) / n;
  if (!(Number.isFinite(sq) && shift <= sq / 4)) return 'two passes';
  // NaN in a pair makes sq NaN (refused above); big is then finite too.
  if (big > 16 * small) return 'not decimals';
  return { mean: c + sum / n, ss: sq - shift };
}

/**
 * Mean and sum of squared deviations of d = a - b in float64 (Neumaier, as
 * pairedDifferences and twoPass), checking every entry is a number;
 * 'not decimals' when the values are large against their differences (as
 * pairedDifferences decides, or a little more often: see big below), so the
 * exact route must answer.
 */
function plainPairedSums(a: Sample, b: Sample): PairedSums {
  const n = a.length;
  let sum = 0;
  let c = 0;
  // big = max (|a| + |b|), at least pairedDifferences' max(|a|, |b|), so
  // the exact route is taken whenever that rule takes it (and a little more
  // often). |a| + |b| rather than max(|a|, |b|): comparing two random
  // magnitudes mispredicts a branch every other value (measured 2.4x slower).
  let big = 0;
  let small = 0;
  for (let i = 0; i < n; i++) {
    const ai = a[i];
    const bi = b[i];
    if (typeof ai !== 'number' || typeof bi !== 'number') return undefined;
    const v = ai - bi;
    c += sumError(sum, v);
    sum += v;
    const m = Math.abs(ai) + Math.abs(bi);
    if (m > big) big = m;
    const ad = Math.abs(v);
    if (ad > small) small = ad;
  }
  if (!Number.isFinite(sum)) return undefined;
  if (big > 16 * small) return 'not decimals';
  const mean = (sum + c) / n;
  let ss = 0;
  c = 0;
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number) - mean;
    const v = d * d;
    c += sumError(ss, v);
    ss += v;
  }
  return { mean, ss: ss + c };
}

/**
 * The pairs primeKernel's calls of the paired kernels use: two-place
 * decimals whose differences are near 1000 (onePassPairedSums reaches its
 * answer, its sums and their rounding errors are fractions), and the same
 * moved up by 2^31 for exactPairedSums (the scaled values beyond 32-bit
 * integers, as on offset data, and D^2 too). primeKernel's own values
 * paired with themselves (differences 0) ended both kernels before their
 * answer ('not decimals') with small-integer feedback in their sums, so a
 * process could keep on-stack code that deoptimised after the loop on
 * every call: --trace-deopt at n = 1e5 (2026-12-07 20:50 UTC),
 * onePassPairedSums "Insufficient type feedback" at the answer's object and
 * "not a Smi" at its sum, exactPairedSums "overflow" and "lost precision
 * or NaN" on the offset shape, 8 deopts in 8 calls.
 */
export const PAIRED_PRIMING = {
  a: Float64Array.of(1000.31, 1001.57, 999.73, 1002.29, 998.51, 1000.77, 1003.23, 997.59, 1001.13),
  b: Float64Array.of(0.53, 3.27, 1.79, 2.51, 4.23, 0.71, 2.29, 1.57, 3.71),
  /** Added to both for exactPairedSums. */
  exactShift: 2 ** 31,
} as const;
const primedPairs = <T>(kernel: (a: Sample, b: Sample) => T, shift: number) => {
  const a = PAIRED_PRIMING.a.map((v) => v + shift);
  const b = PAIRED_PRIMING.b.map((v) => v + shift);
  const aArray = Array.from(a);
  const bArray = Array.from(b);
  /** primeKernel's call, on the pairs of the kind it was given. */
  return (like: Sample): T =>
    like instanceof Float64Array ? kernel(a, b) : kernel(aArray, bArray);
};
const primeOnePass = primedPairs(onePassPairedSums, 0);
const primeExact = primedPairs(exactPairedSums, PAIRED_PRIMING.exactShift);
/** The priming calls, for tests: each must reach its kernel's answer. */
export const pairedPrimers = { onePass: primeOnePass, exact: primeExact };

/**
 * exactPairedSums, primed (unprimed, it deoptimised at its end on every call
 * on 1e6 offset pairs), and its lane noted when it answers.
 */
function exactRoute(a: Sample, b: Sample): PairedSums {
  primeKernel(primeExact, a.length, a);
  const sums = exactPairedSums(a, b);
  if (sums !== undefined && sums !== 'not decimals') noteLane('decimal-shift');
  return sums;
}

/**
 * Mean and sum of squared deviations of the exact decimal differences: the
 * integers D = M_a - M_b at scale 10^P (see DecimalShift, which also says
 * why M = floor(x 10^P + 0.5)): D and D^2 summed exactly in one pass
 * (blocks of exact integer sums, integerMoments), scaled back once; two
 * passes only when the differences are too spread for exact squares.
 * Every pair is checked (a non-number or NaN fails M / s === x);
 * 'not decimals' when no scale fits the first values, undefined when a later
 * value does not fit it.
 */
function exactPairedSums(a: Sample, b: Sample): PairedSums {
  const places = sampleScale([a, b]);
  if (places === undefined) return 'not decimals';
  const { s, limit } = new DecimalShift(places, 0);
  const n = a.length;
  // One pass: D and D^2 summed exactly in blocks (see DecimalShift.meanAndSquares).
  let sum = 0;
  let sumLo = 0;
  let sq = 0;
  let sqLo = 0;
  for (let start = 0; start < n; start += INTEGER_BLOCK) {
    const end = Math.min(start + INTEGER_BLOCK, n);
    let bd = 0;
    let bdd = 0;
    for (let i = start; i < end; i++) {
      const ai = a[i] as number;
      const bi = b[i] as number;
      const ma = Math.floor(ai * s + 0.5);
      const mb = Math.floor(bi * s + 0.5);
      if (!(Math.abs(ai) < limit && Math.abs(bi) < limit && ma / s === ai && mb / s === bi)) {
        return undefined;
      }
      const d = ma - mb;
      bd += d;
      bdd += d * d;
    }
    if (!(bdd < EXACT_INTEGERS)) return twoPassPairedSums(a, b, s);
    sumLo += sumError(sum, bd);
    sum += bd;
    sqLo += sumError(sq, bdd);
    sq += bdd;
  }
  const meanD = integerMoments(n, sum, sumLo, sq, sqLo);
  return { mean: meanD / s, ss: (passOut[0] as number) / (s * s) };
}

/**
 * The two-pass form for differences too spread for exact squares in a
 * block (beyond about 2^20 units of the last place): the exact integer
 * differences' mean by TwoSum, then sum (D - mean)^2 compensated. The
 * one-pass attempt stopped at the block that overflowed, so pass one here
 * checks every pair again.
 */
function twoPassPairedSums(a: Sample, b: Sample, s: number): PairedSums {
  const limit = 2 ** 50 / s;
  const n = a.length;
  let sum = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const ai = a[i] as number;
    const bi = b[i] as number;
    const ma = Math.floor(ai * s + 0.5);
    const mb = Math.floor(bi * s + 0.5);
    if (!(Math.abs(ai) < limit && Math.abs(bi) < limit && ma / s === ai && mb / s === bi)) {
      return undefined;
    }
    const v = ma - mb;
    c += sumError(sum, v);
    sum += v;
  }
  const meanD = (sum + c) / n;
  let ss = 0;
  c = 0;
  for (let i = 0; i < n; i++) {
    const ma = Math.floor((a[i] as number) * s + 0.5);
    const d = ma - Math.floor((b[i] as number) * s + 0.5) - meanD;
    const v = d * d;
    c += sumError(ss, v);
    ss += v;
  }
  return { mean: meanD / s, ss: (ss + c) / (s * s) };
}
