/**
 * The moment sums of the t-tests, describe and f_oneway read straight from
 * the caller's array (a `JSON.parse` array or a Float64Array): no copy into a
 * new Float64Array, the element check folded into the first pass, and the
 * exact decimal shift of data on a large offset folded into the passes
 * instead of materialised. Writing a fresh 8 MB array costs more than two
 * passes over the data (the pages are touched for the first time), which is
 * what made these functions slower than scipy at n = 1e6.
 *
 * On ordinary data the arithmetic is that of `moments.ts` (Neumaier sums,
 * the same two-pass order), so a result is the same double the general path
 * gives. On an offset the values are the exact decimal shift of
 * `exactDecimal.ts`, summed as scaled integers (see DecimalShift): as exact
 * as that path, without its copies. Every function here returns NaN,
 * or undefined, whenever the general path must answer instead: an entry that
 * is not a number, a NaN or infinite value (scipy's propagate rules and the
 * error messages live there), or data on an offset whose decimals the fast
 * shift cannot take exactly (more than 15 places, or beyond 2^50 units).
 */
import { productError } from '../regression/internal/doubleDouble';
import { noteLane } from './lanes';
import { PRIME_MIN_SIZE, primeOnce } from './prime';
import { sumError } from './twoSum';
import type { Sample } from './validate';

/** Sums of one pass, kept in a reused buffer instead of a fresh object per call. */
export const passOut = new Float64Array(4);

/**
 * Neumaier sum of x (its error terms by branch-free TwoSum, the same
 * values as the branching Fast2Sum form), checking each entry is a number; NaN when one is not or
 * the sum is not finite (so some value is NaN or infinite). With `minMax`,
 * passOut[0..1] receive the minimum and maximum.
 */
export function checkedSum(x: Sample, minMax = false): number {
  const n = x.length;
  let sum = 0;
  let c = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (typeof v !== 'number') return Number.NaN;
    // TwoSum written out: sumError here measured 1.2-1.6x this loop's
    // time (same-process, primed, n = 1e4 and 1e6), unlike the other loops.
    const t = sum + v;
    const zc = t - sum;
    c += sum - (t - zc) + (v - zc);
    sum = t;
    if (minMax) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  passOut[0] = min;
  passOut[1] = max;
  return Number.isFinite(sum) ? sum + c : Number.NaN;
}

/**
 * sum (x - m)^2 into passOut[0], and with `higher` the third and fourth
 * powers into passOut[1..2], each Neumaier-compensated. (One loop for
 * both, branching on `higher` or writing the deviations out as well,
 * measured 1.10-1.16x describe's time.)
 */
export function deviationSums(x: Sample, m: number, higher: boolean): void {
  const n = x.length;
  let ss = 0;
  let c2 = 0;
  if (!higher) {
    for (let i = 0; i < n; i++) {
      const d = (x[i] as number) - m;
      const d2 = d * d;
      c2 += sumError(ss, d2);
      ss += d2;
    }
    passOut[0] = Number.isFinite(ss) ? ss + c2 : ss;
    return;
  }
  let s3 = 0;
  let s4 = 0;
  let c3 = 0;
  let c4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - m;
    const d2 = d * d;
    c2 += sumError(ss, d2);
    ss += d2;
    const d3 = d2 * d;
    c3 += sumError(s3, d3);
    s3 += d3;
    const d4 = d2 * d2;
    c4 += sumError(s4, d4);
    s4 += d4;
  }
  const fin = (s: number, c: number) => (Number.isFinite(s) ? s + c : s);
  passOut[0] = fin(ss, c2);
  passOut[1] = fin(s3, c3);
  passOut[2] = fin(s4, c4);
}

/**
 * A centre near the mean for the one-pass sums: the mean of up to 64 values
 * spread evenly over x (so sorted or trending data get a centre inside
 * their range too). NaN when one of them is not a finite number.
 */
export function centreOf(x: Sample): number {
  const n = x.length;
  const m = Math.min(n, 64);
  const step = Math.floor(n / m);
  let sum = 0;
  for (let k = 0; k < m; k++) {
    const v = x[k * step];
    if (typeof v !== 'number') return Number.NaN;
    sum += v;
  }
  const c = sum / m;
  return Number.isFinite(c) ? c : Number.NaN;
}

/**
 * Mean and sum of squared deviations of plain data in ONE pass (two
 * passes were bound by the dependent chain of a TwoSum per value): with
 * d = x - c for a centre c near the mean (centreOf),
 * S = sum d and Q = sum d^2, the values taken four at a time, each block's
 * four d and four d^2 summed pairwise and the block sums added by TwoSum.
 * Returns the mean c + S / n and leaves Q - S^2 / n in passOut[0].
 *
 * Error: each d carries one rounding (u |x - c|), a block sum two more, a
 * block of squares three; the TwoSum accumulation adds about 2 u of the
 * total. So S is within about 3 u sum |x - c| of the exact sum of x - c,
 * and Q within 5 u Q. Accepted only when S^2 / n <= Q / 4 (the centre lies
 * within half a standard deviation of the mean, so Q <= 4/3 of the sum of
 * squared deviations): then the sum of squared deviations is within about
 * 14 u of itself, and the mean within 4 u sd of the exact mean. NaN
 * otherwise (an entry that is not a number, a NaN or infinite value or
 * sum, a centre too far from the mean): the two-pass form answers. Four
 * independent values per step and one TwoSum per four values for each sum
 * instead of one per value: measured 0.35x the two passes' time at n = 1e6.
 */
export function plainMeanAndSquares(x: Sample): number {
  const c = centreOf(x);
  if (Number.isNaN(c)) return Number.NaN;
  const n = x.length;
  let s = 0;
  let sLo = 0;
  let q = 0;
  let qLo = 0;
  // The last block is padded with the centre (deviations of exactly 0): no
  // separate tail loop, whose code would have no type feedback when n is a
  // multiple of four, and V8 then deoptimised at it on every call.
  for (let i = 0; i < n; i += 4) {
    const a = x[i];
    const b = i + 1 < n ? x[i + 1] : c;
    const e = i + 2 < n ? x[i + 2] : c;
    const f = i + 3 < n ? x[i + 3] : c;
    if (
      typeof a !== 'number' ||
      typeof b !== 'number' ||
      typeof e !== 'number' ||
      typeof f !== 'number'
    ) {
      return Number.NaN;
    }
    const da = a - c;
    const db = b - c;
    const de = e - c;
    const df = f - c;
    const bs = da + db + (de + df);
    const bq = da * da + db * db + (de * de + df * df);
    // TwoSum written out: sumError (internal/twoSum.ts) here measured 1.09-1.12x
    // ttest_ind's time at n = 1e4 on Float64Arrays (V8 then stops inlining
    // this kernel into onePassCentral).
    let t = s + bs;
    let z = t - s;
    sLo += s - (t - z) + (bs - z);
    s = t;
    t = q + bq;
    z = t - q;
    qLo += q - (t - z) + (bq - z);
    q = t;
  }
  const sum = s + sLo;
  const sq = q + qLo;
  const shift = (sum * sum) / n;
  if (!(Number.isFinite(sq) && shift <= sq / 4)) return Number.NaN;
  passOut[0] = sq - shift;
  return c + sum / n;
}

/** Nine values of each array kind the fast paths read, for primeKernel. */
/** Nine decimals of two places (each the double nearest it, so the exact shifts take them all). */
const PRIME_F64 = Float64Array.from({ length: 9 }, (_, i) => (100 + 37 * i) / 100);
const PRIME_ARRAY = Array.from(PRIME_F64);
const primedKernels = new Set<unknown>();

/**
 * Before a kernel's first large input (n > PRIME_MIN_SIZE, prime.ts), calls it a dozen times on
 * nine values of each array kind, once per process. Why: V8 (Node 20) gives
 * a function its feedback vector only after several calls, so a process
 * whose first calls are large (a Lambda serving big requests) compiled the
 * kernel's loop on-stack before the code around it had any type feedback;
 * that code deoptimised at the end of every call and the loop ran
 * interpreted up to its next on-stack compile. Measured at n = 1e6 in a
 * fresh process: pearsonr 6.3-7.3 ms a call for good without priming,
 * 2.8-2.9 ms from the third call with it; ttest_1samp 3.6 ms against 0.9 ms.
 * Priming costs a few microseconds once. Call it before the kernel: it
 * overwrites the kernel's output buffers. With `like`, only that array kind
 * is primed: priming both made linregress 1.07-1.19x slower on Float64Arrays
 * at n = 1e6 (and 0.82-1.01x on arrays), the kernels' element loads
 * polymorphic from the start.
 */
export function primeKernel(
  kernel: (a: Sample, b: Sample) => unknown,
  n: number,
  like?: ArrayLike<number>,
): void {
  if (n <= PRIME_MIN_SIZE || primedKernels.has(kernel)) return;
  primedKernels.add(kernel);
  primeOnce(integerMoments, primeIntegerSums);
  for (let k = 0; k < 12; k++) {
    if (like === undefined || like instanceof Float64Array) kernel(PRIME_F64, PRIME_F64);
    if (like === undefined || !(like instanceof Float64Array)) kernel(PRIME_ARRAY, PRIME_ARRAY);
  }
}

/**
 * integerMoments and integerCross on sums with fractions, so each of their
 * operations has floating-point feedback before a kernel that inlines them
 * is compiled. Their arguments are integers held in doubles; a process
 * whose first sums were small integers had only small-integer feedback in
 * them, and a kernel's on-stack code with them inlined deoptimised after
 * its loop ("lost precision or NaN" at the sum of the low parts) on every
 * call on offset data (ttest_rel, n = 1e5, --trace-deopt-verbose,
 * 2026-12-07).
 */
function primeIntegerSums(): void {
  integerMoments(9, 1234.5, 0.25, 98765.5, 0.75);
  integerCross(9, 1234.5, 0.25, 4321.5, -0.25, 55555.5, 0.5);
}

/** True when a sample's mean sits on an offset large against its spread (as in moments.ts). */
export const onOffset = (n: number, mean: number, ss: number): boolean =>
  n > 1 && Number.isFinite(mean) && Math.abs(mean) > 10 * Math.sqrt(ss / n);

/** 10^p for p = 0..15, each exact in float64. */
const POW10 = Array.from({ length: 16 }, (_, p) => 10 ** p);

/** Fewest places p <= 15 with round(x 10^p) / 10^p === x, or -1. */
function placesOf(x: number): number {
  for (let p = 0; p < POW10.length; p++) {
    const s = POW10[p] as number;
    if (Math.round(x * s) / s === x) return p;
  }
  return -1;
}

/**
 * A decimal scale for an exact shift: the most places among the first 64
 * values of each sample and the extras. Values beyond them are checked in
 * the passes (a value needing more places fails there). undefined when some
 * sampled value has more than 15 places.
 */
export function sampleScale(
  samples: readonly Sample[],
  extras: readonly number[] = [],
): number | undefined {
  let places = 0;
  const take = (x: number) => {
    const p = placesOf(x);
    if (p < 0) return false;
    if (p > places) places = p;
    return true;
  };
  for (const s of samples) {
    const m = Math.min(s.length, 64);
    for (let i = 0; i < m; i++) if (!take(s[i] as number)) return undefined;
  }
  for (const e of extras) if (!take(e)) return undefined;
  return places;
}

/**
 * The exact shift of exactDecimal.ts's shiftInFloat64, one value at a time,
 * on scaled integers: with s = 10^P, a value x qualifies when |x| s < 2^50
 * (so 2 |x| eps < 1/s too: the P-place decimal rounding to x is unique,
 * hence the one String(x) writes, and x s rounds to its integer M exactly)
 * and M / s === x. Its shifted value is K = M - R, an exact integer
 * (|K| < 2^51). The sums are taken on K and scaled back by s at the end, so
 * every deviation is one rounding of K - mean(K): no division per value.
 *
 * M is computed as floor(x s + 0.5), a third cheaper than Math.round in V8.
 * It differs from round(x s) only when x s + 0.5 is inexact (|x s| < 1/2
 * with many bits): then M / s === x fails and the general path answers, so
 * every M used is the one integer whose P-place decimal rounds to x, and the
 * deviation pass (which repeats the same formula unchecked) sees the same M.
 */
export class DecimalShift {
  // `declare`: no class-field definitions, so the fields first appear as the
  // constructor's numbers. Defined fields start as undefined (ES2022 class
  // fields), V8 then keeps them tagged, and the passes that read them ran
  // 1.5x their time (ttest_1samp on 1e6 offset values: 3.2 ms against
  // 2.1 ms, same-process A/B).
  declare readonly s: number;
  declare readonly limit: number;
  declare readonly r: number;
  /** Mean of K from the last call of mean(). */
  meanK = Number.NaN;
  constructor(places: number, reference: number) {
    this.s = POW10[places] as number;
    this.limit = 2 ** 50 / this.s;
    this.r = Math.floor(reference * this.s + 0.5);
  }

  /** M = round(x s) when x qualifies, else NaN. */
  scaled(x: number): number {
    const m = Math.floor(x * this.s + 0.5);
    return Math.abs(x) < this.limit && m / this.s === x ? m : Number.NaN;
  }

  /** Minimum and maximum of x from the last mean() call with `minMax`. */
  min = Number.NaN;
  max = Number.NaN;

  /**
   * Mean of the shifted values K / s (exact sum of the integers K by TwoSum,
   * one division); NaN when some value does not qualify. With `minMax`, the
   * smallest and largest x land in `min` and `max`.
   */
  mean(x: Sample, minMax = false): number {
    const { s, limit, r } = this;
    const n = x.length;
    let sum = 0;
    let c = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const m = Math.floor(xi * s + 0.5);
      if (!(Math.abs(xi) < limit && m / s === xi)) return Number.NaN;
      const v = m - r;
      c += sumError(sum, v);
      sum += v;
      if (minMax) {
        if (xi < lo) lo = xi;
        if (xi > hi) hi = xi;
      }
    }
    this.min = lo;
    this.max = hi;
    this.meanK = (sum + c) / n;
    return this.meanK / s;
  }

  /**
   * Mean and sum of squared deviations in ONE pass: the integers K and K^2
   * summed exactly (in blocks of INTEGER_BLOCK whose sums of squares stay
   * below 2^52, so every partial sum is an exact integer; the blocks added
   * by TwoSum), then S_KK - S_K^2 / n in double-double (integerMoments).
   * Sets meanK, returns the mean of K / s and leaves sum (K - mean K)^2 / s^2
   * in passOut[0]. NaN when some value does not qualify (the general path
   * answers); 'range' when a block's squares leave the exact integers (a
   * spread beyond about 2^20 units of the last place: the two-pass mean()
   * and deviationSums() answer instead).
   */
  meanAndSquares(x: Sample): number | 'range' {
    const { s, limit, r } = this;
    const n = x.length;
    let sum = 0;
    let sumLo = 0;
    let sq = 0;
    let sqLo = 0;
    for (let start = 0; start < n; start += INTEGER_BLOCK) {
      const end = Math.min(start + INTEGER_BLOCK, n);
      let bk = 0;
      let bkk = 0;
      for (let i = start; i < end; i++) {
        const xi = x[i] as number;
        const m = Math.floor(xi * s + 0.5);
        if (!(Math.abs(xi) < limit && m / s === xi)) return Number.NaN;
        const k = m - r;
        bk += k;
        bkk += k * k;
      }
      if (!(bkk < EXACT_INTEGERS)) return 'range';
      sumLo += sumError(sum, bk);
      sum += bk;
      sqLo += sumError(sq, bkk);
      sq += bkk;
    }
    this.meanK = integerMoments(n, sum, sumLo, sq, sqLo);
    passOut[0] = (passOut[0] as number) / (s * s);
    return this.meanK / s;
  }

  /**
   * deviationSums of the shifted values about the mean of the last mean()
   * call, taken as sum (K - mean(K))^k / s^k, each sum compensated.
   */
  deviationSums(x: Sample, higher: boolean): void {
    const { s, r } = this;
    const mk = this.meanK;
    const n = x.length;
    const s2 = s * s;
    let ss = 0;
    let s3 = 0;
    let s4 = 0;
    let c2 = 0;
    let c3 = 0;
    let c4 = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.floor((x[i] as number) * s + 0.5) - r - mk;
      const d2 = d * d;
      c2 += sumError(ss, d2);
      ss += d2;
      if (higher) {
        const d3 = d2 * d;
        c3 += sumError(s3, d3);
        s3 += d3;
        const d4 = d2 * d2;
        c4 += sumError(s4, d4);
        s4 += d4;
      }
    }
    passOut[0] = (ss + c2) / s2;
    passOut[1] = (s3 + c3) / s2 / s;
    passOut[2] = (s4 + c4) / s2 / s2;
  }
}

/**
 * One DecimalShift alive as long as the process, its fields all doubles
 * (10^15 and 5 10^14 are beyond the small integers, so its hidden class is
 * the most general one, which every later shift shares whatever its scale
 * and reference). Shifts are made per call and die with it: when none was
 * alive at a full garbage collection, V8 freed their hidden class and
 * cleared the type feedback naming it, and mean()'s loop, compiled on-stack
 * and kept for later calls, deoptimised after the loop on every call, the
 * rest of the call interpreted. Measured: describe on 1e6 offset values
 * (Float64Array) 14-24 ms a call in a process where that collection came
 * during the first calls, 7 ms with this (docs/precision-lanes.md).
 */
const _keptShift = new DecimalShift(15, 0.5);

/**
 * DecimalShift's passes on the prime values (two places), for primeKernel:
 * unprimed, ttest_ind on two offset samples of 1e6 values deoptimised at
 * the end of meanAndSquares on every call.
 */
function shiftPasses(x: Sample): void {
  const shift = new DecimalShift(2, x[0] as number);
  shift.meanAndSquares(x);
  shift.mean(x, true);
  shift.deviationSums(x, true);
  shift.deviationSums(x, false);
}

/** primeKernel for DecimalShift's passes, before data of n values. */
export const primeShift = (n: number, like: Sample): void => primeKernel(shiftPasses, n, like);

/** Values per block of the one-pass integer sums. */
export const INTEGER_BLOCK = 64;
/** A block's sum of squared integers below this: every partial sum (and |sum K| <= sum K^2) is exact. */
export const EXACT_INTEGERS = 2 ** 52;

/**
 * From exact integer sums S = sum K (sumHi + sumLo) and Q = sum K^2
 * (sqHi + sqLo) of n values: returns the mean S / n and leaves
 * Q - S^2 / n, the sum of squared deviations, in passOut[0]. S^2 / n is
 * formed in double-double (Dekker's product, the division's remainder) and
 * subtracted by TwoSum, so the result is within a few u of the exact sum of
 * squared deviations of the integers, however far the mean of K lies from 0.
 */
export function integerMoments(
  n: number,
  sumHi: number,
  sumLo: number,
  sqHi: number,
  sqLo: number,
): number {
  const hi = sumHi + sumLo;
  const lo = sumLo - (hi - sumHi);
  const p = hi * hi;
  const pLo = productError(hi, hi, p) + 2 * hi * lo;
  const q = p / n;
  const qn = q * n;
  const qLo = (p - qn - productError(q, n, qn) + pLo) / n;
  // (sqHi - q) by TwoSum, so a large mean of K against the spread costs nothing.
  const d = sqHi - q;
  passOut[0] = d + (sumError(sqHi, -q) + sqLo - qLo);
  return (hi + lo) / n;
}

/**
 * integerMoments' cross term: from exact integer sums A = sum K (aHi + aLo),
 * B = sum L (bHi + bLo) and Q = sum K L (qHi + qLo) of n pairs, returns
 * Q - A B / n, the sum of cross products of the deviations, within a few u
 * (A B / n in double-double, subtracted by TwoSum, as integerMoments).
 */
export function integerCross(
  n: number,
  aHi: number,
  aLo: number,
  bHi: number,
  bLo: number,
  qHi: number,
  qLo: number,
): number {
  const a = aHi + aLo;
  const aL = aLo - (a - aHi);
  const b = bHi + bLo;
  const bL = bLo - (b - bHi);
  const p = a * b;
  const pLo = productError(a, b, p) + a * bL + aL * b;
  const q = p / n;
  const qn = q * n;
  const qL = (p - qn - productError(q, n, qn) + pLo) / n;
  return qHi - q + (sumError(qHi, -q) + qLo - qL);
}

/** Mean and central sums of one sample, relative to `reference` when shifted. */
export interface FastCentral {
  n: number;
  /** Mean (relative to the shift's reference when `shift` is set). */
  mean: number;
  ss: number;
  s3: number;
  s4: number;
}

/**
 * Central sums of several samples compared by their means (t-tests, f_oneway),
 * as sharedCentralSums: plain two-pass sums, and when any sample sits on an
 * offset, all of them shifted by one exact decimal reference (the first value
 * of the first sample), the extras too. undefined: the general path answers.
 * `sums[0]` of `passOut`-style values are returned as fresh objects (k small).
 */
export function fastSharedCentral(
  samples: readonly Sample[],
  extras: readonly number[] = [],
  higher = false,
): { sums: FastCentral[]; extras: number[]; shifted: boolean } | undefined {
  if (samples.some(obviousOffset)) {
    const shifted = shiftedCentral(samples, extras, higher);
    if (shifted !== 'not decimals') return shifted;
  }
  if (!higher) {
    const one = onePassCentral(samples, extras);
    if (one !== undefined) return one;
  }
  const sums: FastCentral[] = [];
  const means: number[] = [];
  for (const x of samples) {
    const n = x.length;
    if (n === 0) return undefined;
    const total = checkedSum(x);
    if (Number.isNaN(total)) return undefined;
    means.push(total / n);
  }
  let offset = false;
  for (const [k, x] of samples.entries()) {
    const n = x.length;
    const mean = means[k] as number;
    deviationSums(x, mean, higher);
    const c = {
      n,
      mean,
      ss: passOut[0] as number,
      s3: passOut[1] as number,
      s4: passOut[2] as number,
    };
    if (!Number.isFinite(c.ss)) return undefined;
    if (onOffset(n, mean, c.ss)) offset = true;
    sums.push(c);
  }
  if (!higher) for (const c of sums) c.s3 = c.s4 = Number.NaN;
  if (!offset) return { sums, extras: [...extras], shifted: false };
  const shifted = shiftedCentral(samples, extras, higher);
  return shifted === 'not decimals' ? undefined : shifted;
}

/**
 * The plain route of fastSharedCentral in one pass per sample
 * (plainMeanAndSquares); undefined when a sample needs the two passes
 * (or the general path), or sits on an offset (then fastSharedCentral's
 * two-pass route finds it and shifts).
 */
function onePassCentral(
  samples: readonly Sample[],
  extras: readonly number[],
): { sums: FastCentral[]; extras: number[]; shifted: boolean } | undefined {
  const sums: FastCentral[] = [];
  for (const x of samples) {
    const n = x.length;
    if (n < 2) return undefined;
    primeKernel(plainMeanAndSquares, n);
    const mean = plainMeanAndSquares(x);
    if (Number.isNaN(mean)) return undefined;
    const ss = passOut[0] as number;
    if (onOffset(n, mean, ss)) return undefined;
    sums.push({ n, mean, ss, s3: Number.NaN, s4: Number.NaN });
  }
  return { sums, extras: [...extras], shifted: false };
}

/**
 * A cheap early sign that a sample sits on an offset: its first 64 values
 * all lie more than 1000 times their spread away from 0. Then the plain
 * passes are skipped and the exact shift tried at once (its first pass checks
 * every value). Only a choice of route: the shifted sums are exact whether
 * or not the data need them, and the plain route follows when the values are
 * not short decimals.
 */
export function obviousOffset(x: Sample): boolean {
  const m = Math.min(x.length, 64);
  let lo = x[0] as number;
  let hi = lo;
  for (let i = 1; i < m; i++) {
    const v = x[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const spread = 1000 * (hi - lo);
  return spread > 0 && (lo > spread || -hi > spread);
}

/** The shifted route of fastSharedCentral ('not decimals' when no scale fits the first values). */
function shiftedCentral(
  samples: readonly Sample[],
  extras: readonly number[],
  higher: boolean,
): { sums: FastCentral[]; extras: number[]; shifted: boolean } | undefined | 'not decimals' {
  if (samples.some((x) => x.length === 0)) return undefined;
  const places = sampleScale(samples, extras);
  if (places === undefined) return 'not decimals';
  primeShift(Math.max(...samples.map((x) => x.length)), samples[0] as Sample);
  const shift = new DecimalShift(places, samples[0]?.[0] as number);
  const shiftedExtras: number[] = [];
  for (const e of extras) {
    const m = shift.scaled(e);
    if (Number.isNaN(m)) return undefined;
    shiftedExtras.push((m - shift.r) / shift.s);
  }
  const out: FastCentral[] = [];
  for (const x of samples) {
    const n = x.length;
    let mean = higher ? 'range' : shift.meanAndSquares(x);
    if (mean === 'range') {
      mean = shift.mean(x);
      if (!Number.isNaN(mean)) shift.deviationSums(x, higher);
    }
    if (Number.isNaN(mean)) return undefined;
    out.push({
      n,
      mean,
      ss: passOut[0] as number,
      s3: higher ? (passOut[1] as number) : Number.NaN,
      s4: higher ? (passOut[2] as number) : Number.NaN,
    });
  }
  noteLane('decimal-shift');
  return { sums: out, extras: shiftedExtras, shifted: true };
}

/** True for the two array kinds the fast paths read directly. */
export const isArrayInput = (x: unknown): x is Sample =>
  x instanceof Float64Array || Array.isArray(x);

/**
 * Option `key` of a plain options object (the first of `allowed` when
 * absent), or undefined when it is not one of `allowed` or the options are
 * not an object: then the general path validates and throws its message.
 */
export function quickChoice<T extends string | boolean>(
  options: unknown,
  key: string,
  allowed: readonly T[],
): T | undefined {
  if (options === undefined) return allowed[0];
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return undefined;
  const v = (options as Record<string, unknown>)[key];
  if (v === undefined) return allowed[0];
  return (allowed as readonly unknown[]).includes(v) ? (v as T) : undefined;
}
