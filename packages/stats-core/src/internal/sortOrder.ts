import { sortOrderOnGrid } from './sortGrid';
import { differingBits } from './sortMsd';
import { sortSpread } from './sortSpread';
import { Slot, workF64, workU32 } from './workspace';

/**
 * The stable ascending order of `x`: indices `order` with x[order[0]] <=
 * x[order[1]] <= ..., equal values keeping their input order. An LSD radix
 * sort on the float64 bit patterns, 11 bits per pass (at most six passes,
 * fewer when a digit is the same for every value), several times faster at
 * large n than Array.prototype.sort with a comparator (and than
 * Float64Array.prototype.sort, which carries no indices). The bit patterns are
 * made to sort as the numbers do (negative: all bits flipped; otherwise the
 * sign bit set), so -0 sorts just before 0, as Float64Array.prototype.sort
 * puts it. Returns the order and the values in it, `sorted[k] = x[order[k]]`
 * (moved with the indices, so read in sequence rather than gathered). The
 * input must hold no NaN.
 */
export function sortOrder(
  x: ArrayLike<number>,
  workspace?: Workspace,
): { order: Uint32Array; sorted: Float64Array } {
  if (x.length < RADIX_MIN) return comparisonSort(x, true);
  if (workspace === undefined) return radixSort(x, true);
  // decimals on a grid sort as integers; otherwise x is already copied
  return sortOrderOnGrid(x, workspace) ?? radixSort(x, true, workspace, true);
}

/**
 * Where a sort of at least RADIX_MIN values works: undefined, fresh arrays
 * the caller may keep; 0 or 1, the reusable buffers of internal/workspace.ts,
 * so the result is valid only until the next sort in the same workspace
 * (two sorts whose results are read together take different workspaces).
 */
export type Workspace = 0 | 1 | undefined;

/**
 * The values of `x` in ascending order (a new array; -0 before 0), by the
 * same radix sort as sortOrder without carrying the indices. No NaN allowed.
 */
export function sortedCopy(x: ArrayLike<number>, workspace?: Workspace): Float64Array {
  const n = x.length;
  if (n < RADIX_MIN) return comparisonSort(x, false).sorted;
  if (workspace === undefined) return radixSort(x, false).sorted;
  const src = workF64(4 * workspace + Slot.sortValuesA, n);
  src.set(x);
  const [dh, dl] = differingBits(new Uint32Array(src.buffer, 0, 2 * n), n);
  return sortLoaded(src, dh, dl, workspace);
}

/**
 * Sorts `src`, the workspace's first values buffer holding the values
 * (at least RADIX_MIN of them), given the bits in which they differ
 * (differingBits); returns the buffer holding the result. Which 11-bit
 * digits vary decides the sort: data on a grid or with a common offset (at
 * most LSD_MAX_DIGITS varying digits) take the LSD passes over those digits
 * only; full-precision values the spread sort (sortSpread.ts: buckets by
 * position between sample quantiles, then the MSD sort where needed).
 */
export function sortLoaded(
  src: Float64Array,
  dh: number,
  dl: number,
  workspace: 0 | 1,
): Float64Array {
  const n = src.length;
  let varying = 0;
  for (const [high, shift, width] of DIGITS) {
    if ((((high ? dh : dl) >>> shift) & ((1 << width) - 1)) !== 0) varying++;
  }
  if (varying <= (n <= MSD_OFFSET_MAX ? LSD_MAX_DIGITS - 1 : LSD_MAX_DIGITS)) {
    return radixSort(src, false, workspace, true, dl === 0).sorted;
  }
  sortSpread(src, workF64(4 * workspace + Slot.sortValuesB, n), dh, dl);
  return src;
}

/**
 * sortedCopy's choice, measured at n = 1e4 to 1e6 (same process,
 * 2026-12-06): the MSD sort took 0.65-0.9x the LSD sort's time on
 * full-precision doubles (six varying digits) and 1.1-1.5x on the ties,
 * small-integer and offset shapes (two to four).
 */
const LSD_MAX_DIGITS = 4;

/**
 * Up to this many values, four varying digits (the offset shape: values
 * near 1e9 with three decimals) take the MSD sort too: since its levels of
 * small buckets end in one insertion sort, it took 0.90-0.99x the LSD
 * passes' time in shapiro and mannwhitneyu at n = 1e4, about 1.0x at 1e5
 * and 1.04-1.12x at 1e6 (same process, 2026-12-07).
 */
const MSD_OFFSET_MAX = 65536;

/**
 * Below this many values a comparison sort is used: the radix sort walks
 * 6 x 2048 buckets whatever n is, and on a Lambda cold start (interpreted
 * code) its loops cost a small request more than a comparison sort.
 */
export const RADIX_MIN = 4096;

/** The same order by a comparison sort of the indices (ties by index: stable). */
export function comparisonSort(
  x: ArrayLike<number>,
  withOrder: boolean,
): { order: Uint32Array; sorted: Float64Array } {
  const n = x.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => {
    const v = x[i] as number;
    const w = x[j] as number;
    if (v < w) return -1;
    if (v > w) return 1;
    const negativeZero = Number(Object.is(w, -0)) - Number(Object.is(v, -0));
    return negativeZero !== 0 ? negativeZero : i - j;
  });
  const sorted = new Float64Array(n);
  for (let k = 0; k < n; k++) sorted[k] = x[order[k] as number] as number;
  return { order: withOrder ? order : new Uint32Array(0), sorted };
}

/**
 * The digits, least significant first: [which 32-bit half of the key (true:
 * high), shift, width]. Six digits of 11 (or 10) bits, 2048 buckets each:
 * against four 16-bit digits, the scatter writes land in 2048 places instead
 * of 65,536 (measured 1.6-1.8x faster at n = 1e6 on this machine's caches).
 */
const DIGITS = [
  [false, 0, 11],
  [false, 11, 11],
  [false, 22, 10],
  [true, 0, 11],
  [true, 11, 11],
  [true, 22, 10],
] as const;
export const BUCKETS = 2048;

/**
 * The six digits' bucket sizes of the keys of n values (`bits`: their
 * little-endian 32-bit halves, bits[2i] low, bits[2i + 1] high), in one
 * pass: counts[pass * BUCKETS + digit]. With `lowShared` (every low half
 * the same, as sortedCopy found) only the high digits are counted and the
 * low ones marked shared (one bucket holding all n).
 */
export function countDigits(bits: Uint32Array, n: number, lowShared = false): Uint32Array {
  const counts = new Uint32Array(DIGITS.length * BUCKETS);
  if (lowShared) {
    counts[0] = n;
    counts[BUCKETS] = n;
    counts[2 * BUCKETS] = n;
    for (let i = 0; i < n; i++) {
      const h = bits[2 * i + 1] as number;
      const kh = h ^ ((h >> 31) | 0x80000000);
      const d3 = 3 * BUCKETS + (kh & 0x7ff);
      const d4 = 4 * BUCKETS + ((kh >>> 11) & 0x7ff);
      const d5 = 5 * BUCKETS + (kh >>> 22);
      counts[d3] = (counts[d3] as number) + 1;
      counts[d4] = (counts[d4] as number) + 1;
      counts[d5] = (counts[d5] as number) + 1;
    }
    return counts;
  }
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1] as number;
    const m = h >> 31;
    const kh = h ^ (m | 0x80000000);
    const kl = (bits[2 * i] as number) ^ m;
    const d0 = kl & 0x7ff;
    const d1 = BUCKETS + ((kl >>> 11) & 0x7ff);
    const d2 = 2 * BUCKETS + (kl >>> 22);
    const d3 = 3 * BUCKETS + (kh & 0x7ff);
    const d4 = 4 * BUCKETS + ((kh >>> 11) & 0x7ff);
    const d5 = 5 * BUCKETS + (kh >>> 22);
    counts[d0] = (counts[d0] as number) + 1;
    counts[d1] = (counts[d1] as number) + 1;
    counts[d2] = (counts[d2] as number) + 1;
    counts[d3] = (counts[d3] as number) + 1;
    counts[d4] = (counts[d4] as number) + 1;
    counts[d5] = (counts[d5] as number) + 1;
  }
  return counts;
}

/**
 * Turns one digit's bucket sizes (counts[base..base + mask]) into bucket
 * starts; false, leaving them, when one bucket holds all n values (a digit
 * every value shares: nothing to move).
 */
export function bucketStarts(counts: Uint32Array, base: number, mask: number, n: number): boolean {
  let sum = 0;
  for (let d = base; d <= base + mask; d++) {
    const c = counts[d] as number;
    if (c === n) return false;
    counts[d] = sum;
    sum += c;
  }
  return true;
}

/**
 * The LSD radix sort (exported for its tests; use sortOrder / sortedCopy).
 * Each value's bit pattern becomes an unsigned 64-bit key that sorts as the
 * numbers do (negative: all bits flipped; otherwise the sign bit set); one
 * pass counts all six digits, and a digit every value shares (the low bits
 * of small integers or of a coarse grid) costs no pass. The passes move the
 * float64 values themselves (and the indices), reading the digit from the
 * value's two 32-bit halves, so the sorted values come out as they went in.
 */
export function radixSort(
  x: ArrayLike<number>,
  withOrder: boolean,
  workspace?: Workspace,
  copied = false,
  lowShared = false,
): { order: Uint32Array; sorted: Float64Array } {
  const n = x.length;
  const w = workspace === undefined ? -1 : 4 * workspace;
  const f64 = (slot: number, size: number) =>
    w < 0 ? new Float64Array(size) : workF64(w + slot, size);
  const u32 = (slot: number, size: number) =>
    w < 0 ? new Uint32Array(size) : workU32(w + slot, size);
  let src: Float64Array = f64(Slot.sortValuesA, n);
  // copied: x already is the workspace's first buffer (sortedCopy).
  if (!copied) src.set(x);
  let dst: Float64Array = f64(Slot.sortValuesB, n);
  let order: Uint32Array = new Uint32Array(0);
  let orderNext: Uint32Array = withOrder ? u32(Slot.sortOrderA, n) : order;
  let bits: Uint32Array = new Uint32Array(src.buffer, 0, 2 * n);
  const counts = countDigits(bits, n, lowShared);
  let moved = false;
  for (let pass = 0; pass < DIGITS.length; pass++) {
    const [high, shift, width] = DIGITS[pass] as (typeof DIGITS)[number];
    const base = pass * BUCKETS;
    const mask = (1 << width) - 1;
    if (!bucketStarts(counts, base, mask, n)) continue;
    if (!withOrder) {
      for (let i = 0; i < n; i++) {
        const h = bits[2 * i + 1] as number;
        const m = h >> 31;
        const k = high ? h ^ (m | 0x80000000) : (bits[2 * i] as number) ^ m;
        const b = base + ((k >>> shift) & mask);
        const p = counts[b] as number;
        counts[b] = p + 1;
        dst[p] = src[i] as number;
      }
    } else {
      // the first pass that moves places index i; later ones carry order[i]
      for (let i = 0; i < n; i++) {
        const h = bits[2 * i + 1] as number;
        const m = h >> 31;
        const k = high ? h ^ (m | 0x80000000) : (bits[2 * i] as number) ^ m;
        const b = base + ((k >>> shift) & mask);
        const p = counts[b] as number;
        counts[b] = p + 1;
        dst[p] = src[i] as number;
        orderNext[p] = moved ? (order[i] as number) : i;
      }
      if (!moved) order = u32(Slot.sortOrderB, n);
    }
    moved = true;
    [src, dst] = [dst, src];
    [order, orderNext] = [orderNext, order];
    bits = new Uint32Array(src.buffer, 0, 2 * n);
  }
  if (withOrder && !moved) {
    // Every digit shared: the values are all the same bits, already in order.
    order = orderNext;
    for (let i = 0; i < n; i++) order[i] = i;
  }
  return { order, sorted: src };
}
