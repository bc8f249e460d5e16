import { digitStarts, levelDigits, MAX_DIGIT_BITS } from '../../internal/keyDigits';
import { primeOnce } from '../../internal/prime';
import { insertionSort } from '../../internal/sortMsd';
import { Slot, workI32 } from '../../internal/workspace';

/**
 * The strict inversions of v (pairs i < j with v[i] > v[j]; equal values,
 * -0 and 0 included, are no inversion) and v sorted ascending: `sorted` is v
 * or `work` (same length, scratch), whichever holds it. `meanRun` is the
 * mean length of the runs already ascending that v is made of (kendalltau:
 * y is sorted within each group of equal x, so n over x's distinct values).
 * Runs of RUN_MIN or more take the merge sort ({@link mergeCountingInversions}),
 * whose leaves and first merges find them in order; otherwise the MSD radix
 * sort ({@link sortCountingInversions}), which has no comparison branch to
 * mispredict on values in random order.
 */
export function sortedInversions(
  v: Float64Array,
  work: Float64Array,
  meanRun: number,
): { count: number; sorted: Float64Array } {
  primeOnce(sortedInversions, primeInversions, v.length);
  if (meanRun >= RUN_MIN) return mergeCountingInversions(v, work);
  return { count: sortCountingInversions(v, work), sorted: v };
}

/**
 * Both counts on PRIME_N doubles, for primeOnce: the radix count on values
 * spread over a range (buckets finished by one insertion sort) and on two
 * clusters (buckets recursed into), the merge on sorted runs of 40 (runs
 * copied and merged). Unprimed, a process whose first kendalltau call had
 * 1e4 values compiled a level's scatter loop on-stack, and the code after
 * it (the copy back, the recursion) deoptimised on every later call until
 * the level was optimised again (--trace-deopt: up to 150 deopts in a
 * fresh process's first 60 calls, 2026-12-07).
 */
function primeInversions(): void {
  const v = new Float64Array(PRIME_N);
  const work = new Float64Array(PRIME_N);
  for (const layout of PRIME_LAYOUTS) {
    for (let i = 0; i < PRIME_N; i++) v[i] = layout(i);
    sortCountingInversions(v, work);
  }
  for (let i = 0; i < PRIME_N; i++) v[i] = (i % 40) * 0.25 - (i % 3);
  mergeCountingInversions(v, work);
}
const PRIME_N = 200;
/** Spread over both signs (small buckets); two clusters of 100 (buckets over INSERTION_MAX). */
const PRIME_LAYOUTS: ((i: number) => number)[] = [
  (i) => Math.sin(i * 12.9898) * 43758.5453,
  (i) => (i % 2) * 1024 + Math.sin(i * 78.233),
];

/**
 * 8: on the warm request's data at n = 1e5 (runs of about 10) the radix
 * count took 1.32-1.45x the merge's time, on full-precision data 0.74-0.95x
 * at n = 1e4-1e6 (same-process A/B, 2026-12-07).
 */
const RUN_MIN = 8;

/**
 * Sorts v ascending (-0 written as 0) and returns its strict inversions, by an MSD
 * radix sort that counts them. A pair whose keys (the bit patterns made to
 * order as the numbers do, as in sortMsd.ts) first differ in a level's digit
 * is an inversion exactly when the earlier value's digit is the larger, so
 * each level adds, for every value, how many earlier values of its range
 * have a larger digit ({@link countLargerBefore}); a pair whose digits agree
 * lands in one bucket and is counted at a deeper level, or by the insertion
 * sort that finishes a small bucket (its moves are its inversions). Unlike a
 * merge, no step branches on the comparison of two values, which random data
 * mispredicts half the time. `work` (same length as v) is scratch. No NaN.
 */
export function sortCountingInversions(v: Float64Array, work: Float64Array): number {
  const n = v.length;
  // -0 becomes 0, so that keys agree wherever the values are equal.
  for (let i = 0; i < n; i++) v[i] = (v[i] as number) + 0;
  const bits = new Uint32Array(v.buffer, v.byteOffset, 2 * n);
  tree ??= new Int32Array(TREE_SLOTS);
  return level(v, bits, work, workI32(Slot.inversionsA, n), tree, 0, 0, n);
}

/**
 * Ranges up to this size are finished by insertion sort (48: against main
 * 0.74-0.95x on none, strong and warm at 1e4-1e6 with 48, 0.78-1.07x with
 * 32, one A/B each at load 10-16, so at best a small gain).
 */
const INSERTION_MAX = 48;
/**
 * One tree block (2 << 11 counts) per recursion depth. Every level but a
 * range's last resolves at least 4 key bits (its digit is cut short only by
 * the lowest differing bit, after which each bucket holds equal keys and
 * returns before using a block; see levelDigits): 16 depths.
 */
const BLOCK = 2 << MAX_DIGIT_BITS;
const MAX_DEPTH = 16;
const TREE_SLOTS = MAX_DEPTH * BLOCK;
/**
 * The per-depth count trees (256 KiB, allocated on first use and kept, as
 * sortMsd.ts keeps its counts). Each level zeroes the part it uses; the
 * tree's level 0 (the digits' histogram) becomes the bucket boundaries its
 * recursion walks.
 */
let tree: Int32Array | undefined;

/** One MSD level over v[s..e) at `depth`: sorts the range, returns its inversions. */
function level(
  v: Float64Array,
  bits: Uint32Array,
  tmp: Float64Array,
  digit: Int32Array,
  tree: Int32Array,
  depth: number,
  s: number,
  e: number,
): number {
  const m = e - s;
  const w = levelDigits(bits, digit, s, e);
  if (w === 0) return 0;
  const base = depth * BLOCK;
  const buckets = 1 << w;
  let inversions = countLargerBefore(digit, m, tree, base, w);
  // tree[base + d] holds digit d's count: make it the bucket's start, scatter.
  const largest = digitStarts(tree, base, buckets, s);
  for (let i = 0; i < m; i++) {
    const b = base + (digit[i] as number);
    const p = tree[b] as number;
    tree[b] = p + 1;
    tmp[p] = v[s + i] as number;
  }
  v.set(tmp.subarray(s, e), s);
  if (largest <= INSERTION_MAX) return inversions + insertionSort(v, s, e);
  // tree[base + d] is now the end of bucket d.
  let start = s;
  for (let d = 0; d < buckets; d++) {
    const end = tree[base + d] as number;
    const size = end - start;
    if (size > INSERTION_MAX) inversions += level(v, bits, tmp, digit, tree, depth + 1, start, end);
    else if (size > 1) inversions += insertionSort(v, start, end);
    start = end;
  }
  return inversions;
}

/**
 * Sum over i of the number of j < i with digit[j] > digit[i] (digits of w
 * bits), by a count tree: level b counts the earlier digits by their top
 * w - b bits (d >> b), so the earlier digits larger than d that agree with
 * it above bit b and have bit b set where d has it clear are the count of
 * (d >> b) + 1 when d >> b is even. w steps a value, none of them a branch
 * on the data. Leaves level 0 (tree[base + d]) as the digits' histogram.
 */
function countLargerBefore(
  digit: Int32Array,
  m: number,
  tree: Int32Array,
  base: number,
  w: number,
): number {
  const end = base + (2 << w);
  for (let k = base; k < end; k++) tree[k] = 0;
  let total = 0;
  for (let i = 0; i < m; i++) {
    let t = digit[i] as number;
    let offset = base;
    let size = 1 << w;
    let larger = 0;
    for (let b = 0; b < w; b++) {
      const k = offset + t;
      larger += (tree[k ^ 1] as number) & ((t & 1) - 1);
      tree[k] = (tree[k] as number) + 1;
      offset += size;
      size >>= 1;
      t >>= 1;
    }
    total += larger;
  }
  return total;
}

/**
 * The strict inversions of v by a bottom-up merge sort that counts, at
 * each merge, the left values each right value jumps over, after an
 * insertion sort of blocks of LEAF (in cache, five merge levels fewer). Two
 * runs already in order are copied without comparing. v and `work` (same
 * length) alternate as buffers; `sorted` is whichever holds v sorted.
 */
function mergeCountingInversions(
  v: Float64Array,
  work: Float64Array,
): { count: number; sorted: Float64Array } {
  const n = v.length;
  let count = 0;
  for (let lo = 0; lo < n; lo += LEAF) count += insertionSort(v, lo, Math.min(lo + LEAF, n));
  let src = v;
  let dst = work;
  for (let width = LEAF; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      if (mid === hi || (src[mid - 1] as number) <= (src[mid] as number)) {
        dst.set(src.subarray(lo, hi), lo);
        continue;
      }
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
  return { count, sorted: src };
}

/** 32: A/B 0.94-1.01x the time with 16, n = 1e4-1e6; 64 was 1.0-1.04x (2026-12-06). */
const LEAF = 32;
