import { primeOnce } from './prime';

/**
 * An MSD radix sort of doubles in place: a[s..e) ascending (-0 just before
 * 0), stably, with `tmp` (same length) as scratch. The keys are the bit
 * patterns made to order as the numbers do (negative: all bits flipped;
 * otherwise the sign bit set). Each level finds the highest bit in which
 * the range's keys differ, scatters on the (up to) 11 bits from there down,
 * and recurses into each bucket; a bucket of equal keys is done, a small one
 * is finished by insertion sort. Against the LSD sort's six passes over
 * every digit, values spread over a range take one or two levels, and each
 * level below the first works on a bucket that fits in cache; a range of
 * few distinct values is done after one level. No NaN allowed.
 */
export function sortRangeMsd(a: Float64Array, tmp: Float64Array, s: number, e: number): void {
  primeOnce(scatter, primeMsd);
  const bits = new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
  counts ??= new Int32Array(COUNT_SLOTS);
  level(a, bits, tmp, counts, 0, s, e);
}

/**
 * sortRangeMsd over all of `a`, given the bits in which its values differ
 * (differingBits' [dh, dl], as a caller reading the values found them): the
 * first level skips its own pass finding them.
 */
export function sortMsdDiffering(a: Float64Array, tmp: Float64Array, dh: number, dl: number): void {
  primeOnce(scatter, primeMsd);
  const bits = new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
  counts ??= new Int32Array(COUNT_SLOTS);
  scatter(a, bits, tmp, counts, 0, 0, a.length, dh, dl);
}

/**
 * The sort on 200 doubles of each layout its levels branch on (the digit in
 * the high word, in the low word, straddling them), for primeOnce:
 * unprimed, a process whose first sort was of 1e5 values compiled the
 * levels' loops on-stack, and the code after them deoptimised on every
 * later call (--trace-deopt, shapiro and ks_2samp, 2026-12-07).
 */
function primeMsd(): void {
  const n = 200;
  const a = new Float64Array(n);
  const tmp = new Float64Array(n);
  for (const layout of PRIME_LAYOUTS) {
    for (let i = 0; i < n; i++) a[i] = layout(i);
    sortRangeMsd(a, tmp, 0, n);
  }
}

/** Full precision of both signs; differing below bit 32; around bit 32. */
const PRIME_LAYOUTS: ((i: number) => number)[] = [
  (i) => Math.sin(i * 12.9898) * 43758.5453,
  (i) => 1 + ((i * 2654435761) % 2 ** 31) * 2 ** -52,
  (i) => 1 + ((i * 40503) % 2 ** 14) * 2 ** -30,
];

/**
 * The bits in which the values' bit patterns differ from the first value's:
 * [high word, low word] (a digit whose bits are all clear here is one every
 * value shares). Same differences as the order-preserving keys', since every
 * key is its bits XOR a constant of the value's sign, and a differing sign
 * shows as the top bit.
 */
export function differingBits(bits: Uint32Array, n: number): [number, number] {
  if (n === 0) return [0, 0];
  const h0 = bits[1] as number;
  const l0 = bits[0] as number;
  let dh = 0;
  let dl = 0;
  for (let i = 1; i < n; i++) {
    dh |= (bits[2 * i + 1] as number) ^ h0;
    dl |= (bits[2 * i] as number) ^ l0;
  }
  return [dh, dl];
}

/** Ranges up to this size are finished by insertion sort. */
const INSERTION_MAX = 24;
/** Digits of at most 11 bits (2048 buckets) on ranges below WIDE_MIN values. */
const MAX_WIDTH = 11;
/**
 * From this many values on, digits of WIDE_WIDTH bits (8192 buckets): at
 * n = 1e5 the buckets then hold about 12 values and end in insertion
 * sorts, where 2048 buckets of about 50 took a second level each.
 */
const WIDE_MIN = 65536;
const WIDE_WIDTH = 13;
/** One counts block per recursion depth. */
const MAX_DEPTH = 16;
const BLOCK = (1 << WIDE_WIDTH) + 1;
const COUNT_SLOTS = MAX_DEPTH * BLOCK;
/**
 * The bucket counts, one block per depth (512 KiB, allocated on first use
 * and kept: a fresh one per call cost more than sorting a few hundred
 * values). Each level zeroes the part it uses; the code is synchronous, so
 * calls never share it.
 */
let counts: Int32Array | undefined;

function level(
  a: Float64Array,
  bits: Uint32Array,
  tmp: Float64Array,
  counts: Int32Array,
  depth: number,
  s: number,
  e: number,
): void {
  // Which key bits differ within the range (OR of each key XOR the first).
  const h0 = bits[2 * s + 1] as number;
  const l0 = bits[2 * s] as number;
  let dh = 0;
  let dl = 0;
  for (let i = s + 1; i < e; i++) {
    dh |= (bits[2 * i + 1] as number) ^ h0;
    dl |= (bits[2 * i] as number) ^ l0;
  }
  scatter(a, bits, tmp, counts, depth, s, e, dh, dl);
}

/** One level on a[s..e), whose keys differ in the bits dh (high word) and dl (low word). */
function scatter(
  a: Float64Array,
  bits: Uint32Array,
  tmp: Float64Array,
  counts: Int32Array,
  depth: number,
  s: number,
  e: number,
  dh: number,
  dl: number,
): void {
  // A differing sign bit shows as dh's top bit; a raw XOR works for the
  // position of the highest differing key bit as long as the signs agree
  // (then the flip is the same for every key); when they differ, the top
  // bit is the first digit's highest bit either way.
  if (dh === 0 && dl === 0) return;
  const m = e - s;
  let width = 32 - Math.clz32(m);
  if (width > MAX_WIDTH) width = m >= WIDE_MIN ? WIDE_WIDTH : MAX_WIDTH;
  if (width < 4) width = 4;
  // Highest differing bit, 0..63 (the high word's bits are 32..63).
  const top = dh !== 0 ? 63 - Math.clz32(dh) : 31 - Math.clz32(dl);
  const low = Math.max(top - width + 1, 0);
  const buckets = 1 << (top - low + 1);
  const base = depth * BLOCK;
  for (let b = 0; b <= buckets; b++) counts[base + b] = 0;
  // An upper bound on the largest bucket's size (below twice it).
  let largest: number;
  if (low >= 32) {
    const shift = low - 32;
    const mask = buckets - 1;
    for (let i = s; i < e; i++) {
      const h = bits[2 * i + 1] as number;
      const d = base + 1 + (((h ^ ((h >> 31) | 0x80000000)) >> shift) & mask);
      counts[d] = (counts[d] as number) + 1;
    }
    largest = prefix(counts, base, buckets, s);
    for (let i = s; i < e; i++) {
      const h = bits[2 * i + 1] as number;
      const d = base + (((h ^ ((h >> 31) | 0x80000000)) >> shift) & mask);
      const p = counts[d] as number;
      counts[d] = p + 1;
      tmp[p] = a[i] as number;
    }
  } else if (top < 32) {
    const shift = low;
    const mask = buckets - 1;
    for (let i = s; i < e; i++) {
      const k = (bits[2 * i] as number) ^ ((bits[2 * i + 1] as number) >> 31);
      const d = base + 1 + ((k >> shift) & mask);
      counts[d] = (counts[d] as number) + 1;
    }
    largest = prefix(counts, base, buckets, s);
    for (let i = s; i < e; i++) {
      const k = (bits[2 * i] as number) ^ ((bits[2 * i + 1] as number) >> 31);
      const d = base + ((k >> shift) & mask);
      const p = counts[d] as number;
      counts[d] = p + 1;
      tmp[p] = a[i] as number;
    }
  } else {
    // The digit straddles the halves: its top (top - 31) bits from the high
    // word, the rest from the top of the low word.
    const lowBits = 32 - low;
    const highMask = (1 << (top - 31)) - 1;
    const lowMask = (1 << lowBits) - 1;
    for (let i = s; i < e; i++) {
      const h = bits[2 * i + 1] as number;
      const sgn = h >> 31;
      const kh = h ^ (sgn | 0x80000000);
      const kl = (bits[2 * i] as number) ^ sgn;
      const d = base + 1 + (((kh & highMask) << lowBits) | ((kl >>> low) & lowMask));
      counts[d] = (counts[d] as number) + 1;
    }
    largest = prefix(counts, base, buckets, s);
    for (let i = s; i < e; i++) {
      const h = bits[2 * i + 1] as number;
      const sgn = h >> 31;
      const kh = h ^ (sgn | 0x80000000);
      const kl = (bits[2 * i] as number) ^ sgn;
      const d = base + (((kh & highMask) << lowBits) | ((kl >>> low) & lowMask));
      const p = counts[d] as number;
      counts[d] = p + 1;
      tmp[p] = a[i] as number;
    }
  }
  a.set(tmp.subarray(s, e), s);
  // Every bucket small (as at n = 1e4 on spread data, about 5 a bucket):
  // one insertion sort over the range finishes them all, moving values only
  // within their bucket, without a branch per bucket on its size.
  if (largest <= INSERTION_MAX) {
    insertionSort(a, s, e);
    return;
  }
  // counts[base + b] is now the end of bucket b (the start of b + 1).
  let start = s;
  for (let b = 0; b < buckets; b++) {
    const end = counts[base + b] as number;
    const size = end - start;
    if (size > INSERTION_MAX) level(a, bits, tmp, counts, depth + 1, start, end);
    else if (size > 1) insertionSort(a, start, end);
    start = end;
  }
}

/**
 * counts[base + 1 + b] holds bucket b's size: make counts[base + b] its
 * start. Returns the OR of the sizes, at least the largest and below twice it.
 */
function prefix(counts: Int32Array, base: number, buckets: number, s: number): number {
  counts[base] = s;
  let sizes = 0;
  for (let b = 1; b <= buckets; b++) {
    const size = counts[base + b] as number;
    sizes |= size;
    counts[base + b] = size + (counts[base + b - 1] as number);
  }
  return sizes;
}

/**
 * Stable insertion sort of a[s..e) by value (within an MSD bucket -0 and 0
 * never meet); returns the number of moves, which is the number of
 * inversions (pairs out of order) the range held.
 */
export function insertionSort(a: Float64Array, s: number, e: number): number {
  let moves = 0;
  for (let i = s + 1; i < e; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= s && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
    moves += i - 1 - j;
  }
  return moves;
}
