import { primeOnceLong } from './prime';
import { insertionSort, sortMsdDiffering, sortRangeMsd } from './sortMsd';

/**
 * Sorts all of `a` ascending (-0 just before 0), `tmp` (same length) as
 * scratch, for full-precision doubles whose bits differ in dh / dl
 * (differingBits). A first level buckets each value by its position
 * between two of its sample's quantiles (spreadLevel), which fills the
 * buckets evenly on smooth data, where the MSD sort's first digit (sign,
 * exponent and a few mantissa bits) put N(0, 1) values of n = 1e5 in 68 of
 * 8192 buckets (largest 9,398) and paid a second full level; the end
 * buckets and the buckets of more than 24 values are spread once more
 * between their own min and max (from 64 values) or sorted by the MSD sort
 * (sortMsd.ts), and what a second spread level leaves large goes to the
 * MSD sort too, so the time stays linear on any data. Falls back to the MSD sort below
 * SPREAD_MIN values and where the sample gives no finite positive scale
 * (mostly equal values, infinities, ranges beyond the doubles). No NaN allowed.
 */
export function sortSpread(a: Float64Array, tmp: Float64Array, dh: number, dl: number): void {
  const n = a.length;
  if (n >= SPREAD_MIN) primeOnceLong(spreadLevel, primeSpread);
  const range = n < SPREAD_MIN ? undefined : sampleRange(a);
  if (range === undefined || !spreadLevel(a, tmp, 0, 0, n, range[0], range[1], topWidth(n))) {
    sortMsdDiffering(a, tmp, dh, dl);
    return;
  }
  zerosInOrder(a);
}

/**
 * The spread levels on PRIME_N values of every layout they branch on, for
 * primeOnceLong: unprimed, a process's first sort of 1e5 values compiled
 * spreadLevel's loops on-stack before the code after them had type
 * feedback, and every later sort whose buckets were spread again entered
 * that code and deoptimised three times a level (--trace-deopt: 9 deopts a
 * call in shapiro and mannwhitneyu on correlated data, 2026-12-07).
 */
function primeSpread(): void {
  for (const layout of PRIME_SPREADS) {
    for (let i = 0; i < PRIME_N; i++) primeValues[i] = layout(i);
    spreadLevel(primeValues, primeTmp, 0, 0, PRIME_N, -1, 1, PRIME_WIDTH);
  }
}

export const PRIME_N = 320;
/** 16 buckets: a smooth layout leaves each middle one at most 24 values. */
export const PRIME_WIDTH = 4;
const primeValues = new Float64Array(PRIME_N);
const primeTmp = new Float64Array(PRIME_N);

/**
 * Even over [-1, 1) and 70 even values above (every middle bucket at most
 * 18 values: the one insertion sort, at both depths, the end bucket spread
 * again); clustered (a middle bucket of about 140 values spread again, the
 * other middle buckets about 9 values each, and an end bucket of 70 equal
 * values). Neither reaches the MSD sort: its own priming (sortMsd.ts) cost
 * a fresh process's first shapiro call at n = 1e4 more than the spread
 * levels' (which alone cost about 1 ms once).
 */
export const PRIME_SPREADS: ((i: number) => number)[] = [
  (i) => (i < 70 ? 2 + i * 0.01 : -1 + (2 * ((i * 137) % 250)) / 250),
  (i) => (i < 140 ? 0.005 + i * 1e-3 : i < 210 ? 1.5 : -1 + (i - 210) / 55),
];

/**
 * Fewer values go straight to the MSD sort: the sample's fixed cost (256
 * values read and insertion-sorted) outweighs the spread below about 1,200
 * values. Same process, interleaved, N(0, 1) data (2026-12-07 20:03 UTC,
 * load 0.7-5, median of 9 rounds, this sort's time over the MSD sort's):
 * 25x at n = 30, 6.2x at 100, 2.5x at 300, 1.18-1.19x at 1,000, 0.89x at
 * 1,500, 0.78x at 2,000, 0.65x at 10,000.
 */
const SPREAD_MIN = 1280;
/** Values in the sample the first level reads its range from (evenly strided). */
const SAMPLE = 256;
/** The sample's third and third-last values bound the range (about its 1% and 99% quantiles). */
const SAMPLE_END = 2;
/**
 * The range reaches at most this many interquartile ranges from the
 * sample's median: on Cauchy data the 1% quantiles lie at +-32 and the
 * middle buckets held 117 values each at n = 1e5 (1.10-1.15x the MSD
 * sort's time); at 2.5 IQR (+-5) 0.91-0.93x. Normal and uniform data keep
 * their 1% quantiles (inside 2.5 IQR).
 */
const IQR_REACH = 2.5;
const sample = new Float64Array(SAMPLE);

/** [lo, hi] for the first level, from a sample of a's values; undefined when they are not finite. */
function sampleRange(a: Float64Array): [number, number] | undefined {
  const n = a.length;
  for (let k = 0; k < SAMPLE; k++) sample[k] = a[Math.floor(((k + 0.5) * n) / SAMPLE)] as number;
  insertionSort(sample, 0, SAMPLE);
  const median = sample[SAMPLE >> 1] as number;
  const reach =
    IQR_REACH * ((sample[(3 * SAMPLE) >> 2] as number) - (sample[SAMPLE >> 2] as number));
  const lo = Math.max(sample[SAMPLE_END] as number, median - reach);
  const hi = Math.min(sample[SAMPLE - 1 - SAMPLE_END] as number, median + reach);
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : undefined;
}

/**
 * The first level's buckets (log2): about n / 2 up to 2^16 (at n = 1e5 one
 * or two values a bucket, most finished by insertion sort); from
 * BIG_MIN values on 2^13 and a second level in each: at n = 1e6 the
 * 2^16 buckets' scatter into 8 MB left the cache (1.16-1.24x the MSD
 * sort's time on uniform data), 2^13 then spreading each bucket 0.98-1.06x
 * there and 0.78-0.82x on normal data (same process, 2026-12-07).
 */
function topWidth(n: number): number {
  if (n > BIG_MIN) return BIG_WIDTH;
  return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, 31 - Math.clz32(n >>> 1)));
}
const MAX_WIDTH = 16;
const MIN_WIDTH = 4;
const BIG_MIN = 2 ** 18;
const BIG_WIDTH = 13;
/** Ranges up to this size are finished by insertion sort (as sortMsd's). */
const INSERTION_MAX = 24;
/** A bucket of more values is spread again (depth 1 only); smaller ones go to the MSD sort. */
const SPREAD_AGAIN_MIN = 64;
/** The levels spreadLevel may take (0 and 1) before the MSD sort: linear time on any data. */
const SPREAD_DEPTHS = 2;
const BLOCK = 1 << MAX_WIDTH;
/** One counts block per spread depth (512 KiB, allocated on first use and kept). */
let counts: Int32Array | undefined;

/**
 * One level on a[s..e): 2^width buckets, bucket = floor((v - lo') * scale)
 * clamped to [0, 2^width - 1], with lo' one bucket below lo so that values
 * below lo and above hi have the end buckets to themselves. Every step
 * (subtraction, product, clamp, truncation) is monotone in v, so the
 * buckets are in value order whatever rounding does; -0 and 0 share a
 * bucket (zerosInOrder puts them in order after). Then each bucket: insertion
 * sort if small, spread again or the MSD sort if not. False, nothing
 * moved, when the scale is not finite and positive.
 */
function spreadLevel(
  a: Float64Array,
  tmp: Float64Array,
  depth: number,
  s: number,
  e: number,
  lo: number,
  hi: number,
  width: number,
): boolean {
  const buckets = 1 << width;
  const scale = (buckets - 2) / (hi - lo);
  const below = lo - 1 / scale;
  if (!(scale > 0 && scale < Number.POSITIVE_INFINITY && Number.isFinite(below))) return false;
  counts ??= new Int32Array(SPREAD_DEPTHS * BLOCK);
  // A local: the hot loops then keep it in a register, not the module context.
  const c = counts;
  const base = depth * BLOCK;
  c.fill(0, base, base + buckets);
  const last = buckets - 1;
  for (let i = s; i < e; i++) {
    let t = ((a[i] as number) - below) * scale;
    t = Math.min(t, last);
    t = Math.max(t, 0);
    const b = base + (t | 0);
    c[b] = (c[b] as number) + 1;
  }
  // Bucket starts, and the OR of the middle buckets' sizes (at least the
  // largest, below twice it): the end buckets hold what lies beyond the
  // sample's range, often more than the insertion sort takes.
  let middle = 0;
  for (let b = 0, start = s; b < buckets; b++) {
    const size = c[base + b] as number;
    c[base + b] = start;
    start += size;
    if (b > 0 && b < last) middle |= size;
  }
  for (let i = s; i < e; i++) {
    const v = a[i] as number;
    let t = (v - below) * scale;
    t = Math.min(t, last);
    t = Math.max(t, 0);
    const b = base + (t | 0);
    const p = c[b] as number;
    c[b] = p + 1;
    tmp[p] = v;
  }
  a.set(tmp.subarray(s, e), s);
  // c[base + b] is now the end of bucket b. Every middle bucket small: one
  // insertion sort over them moves values only within theirs.
  if (middle <= INSERTION_MAX) {
    const firstEnd = c[base] as number;
    const lastStart = c[base + last - 1] as number;
    sortBucketOfAny(a, tmp, depth + 1, s, firstEnd);
    insertionSort(a, firstEnd, lastStart);
    sortBucketOfAny(a, tmp, depth + 1, lastStart, e);
    return true;
  }
  let start = s;
  for (let b = 0; b < buckets; b++) {
    const end = c[base + b] as number;
    sortBucketOfAny(a, tmp, depth + 1, start, end);
    start = end;
  }
  return true;
}

/** a[s..e), a bucket of any size: insertion sort when small, sortBucket otherwise. */
function sortBucketOfAny(
  a: Float64Array,
  tmp: Float64Array,
  depth: number,
  s: number,
  e: number,
): void {
  if (e - s > INSERTION_MAX) sortBucket(a, tmp, depth, s, e);
  else if (e - s > 1) insertionSort(a, s, e);
}

/**
 * A bucket of more than INSERTION_MAX values: spread between its own min
 * and max into about one bucket a value (depth 1, at least
 * SPREAD_AGAIN_MIN values), else the MSD sort. Done when every value is
 * equal (-0 and 0 included: zerosInOrder orders them).
 */
function sortBucket(a: Float64Array, tmp: Float64Array, depth: number, s: number, e: number): void {
  const m = e - s;
  if (depth < SPREAD_DEPTHS && m >= SPREAD_AGAIN_MIN) {
    let min = a[s] as number;
    let max = min;
    for (let i = s + 1; i < e; i++) {
      const v = a[i] as number;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min === max) return;
    const width = Math.min(MAX_WIDTH, 31 - Math.clz32(m));
    if (spreadLevel(a, tmp, depth, s, e, min, max, width)) return;
  }
  sortRangeMsd(a, tmp, s, e);
}

/**
 * The sorted a's zeros (one run, compared equal by the spread levels) made
 * -0 first, as many of each as there were.
 */
function zerosInOrder(a: Float64Array): void {
  let start = 0;
  let end = a.length;
  while (start < end) {
    const mid = (start + end) >>> 1;
    if ((a[mid] as number) < 0) start = mid + 1;
    else end = mid;
  }
  let negative = 0;
  end = start;
  while (end < a.length && a[end] === 0) {
    if (1 / (a[end] as number) < 0) negative++;
    end++;
  }
  a.fill(-0, start, start + negative);
  a.fill(0, start + negative, end);
}
