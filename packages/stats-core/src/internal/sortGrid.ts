import { primeOnceLong } from './prime';
import { Slot, workF64, workU32 } from './workspace';

/**
 * Sorts `src` in place when every value is a decimal with at most
 * GRID_PLACES_MAX places whose integers k = x * 10^p span fewer than
 * GRID_RANGE_MAX (prices, meter readings, rounded measurements); returns
 * false, leaving `src` as it was, otherwise. The sort is on the integers:
 * a counting sort when their range is at most the sample's size, else two
 * or three LSD passes of 11-bit digits, against the MSD sort's two levels
 * over float64 bit patterns (which such data, spread over several binary
 * exponents, needs) or the LSD sort's four to six digits.
 *
 * Exact: a value is taken only when Math.round(x * s) / s === x (s = 10^p,
 * an exact double), that is when x is the double k / s rounds to, for the
 * integer k. So each sorted value written back as k / s is the input value
 * itself, bit for bit, and the order of the k is the order of the values
 * (division by s is correctly rounded, hence monotone, and equal k give
 * equal values). -0 is refused (its k is 0, and the sort must put it before
 * 0), as is anything whose k would leave the doubles' exact integers.
 * No NaN allowed (callers have checked). With `maxRange`, a grid whose
 * integers span maxRange or more is refused too (the read stops within
 * 1,024 values of finding the span that wide).
 */
export function sortOnGrid(
  src: Float64Array,
  workspace: 0 | 1,
  maxRange = GRID_RANGE_MAX,
): boolean {
  if (!readGrid(src, maxRange)) return false;
  sortReadGrid(src, scratchOf(workspace, src.length), undefined, undefined);
  return true;
}

/**
 * sortOnGrid with the stable sort order: `x` is copied to the workspace's
 * first values buffer and, when it lies on a grid, sorted there with its
 * order (sortOrder's result: sorted[k] = x[order[k]], equal values in input
 * order); undefined, and nothing sorted, otherwise. At least RADIX_MIN values.
 */
export function sortOrderOnGrid(
  x: ArrayLike<number>,
  workspace: 0 | 1,
): { order: Uint32Array; sorted: Float64Array } | undefined {
  const n = x.length;
  const src = workF64(4 * workspace + Slot.sortValuesA, n);
  src.set(x);
  if (!readGrid(src)) return undefined;
  const order = workU32(4 * workspace + Slot.sortOrderA, n);
  const orderScratch = workU32(4 * workspace + Slot.sortOrderB, n);
  sortReadGrid(src, scratchOf(workspace, n), orderScratch, order);
  return { order, sorted: src };
}

/** The workspace's second values buffer: the integer sorts' scratch. */
const scratchOf = (workspace: 0 | 1, n: number): ArrayBufferLike =>
  workF64(4 * workspace + Slot.sortValuesB, n).buffer;

/**
 * Sorts `src`, whose grid readGrid has just read, as integers (and with
 * `order`, also writes there the stable order), on `scratch` (8 bytes a
 * value) and `orderScratch` (with order only): a counting sort when the
 * integers' range is at most n, else LSD passes. Up to n, one placing pass
 * measured faster than two LSD passes: spearmanr 0.69-0.77x at 1e5 on the
 * warm request's data, 0.71-0.93x on ties and small integers at 1e4 (with
 * indices; between n and 2n no difference the A/B resolved, 0.91-1.15x);
 * without indices, beyond n two LSD passes measured faster (1.12-1.14x
 * shapiro's time at 1e5 on the two-decimal shape).
 */
function sortReadGrid(
  src: Float64Array,
  scratch: ArrayBufferLike,
  orderScratch: Uint32Array | undefined,
  order: Uint32Array | undefined,
): void {
  const range = grid.kHi - grid.kLo + 1;
  if (range <= src.length) countingSort(src, new Int32Array(scratch, 0, range + 1), order);
  else lsdPasses(src, scratch, orderScratch, range, order);
}

/**
 * A counting sort of src's integers k - kLo (range = counts.length - 1, at
 * most the length): the counts, then, with `order`,
 * a stable pass placing each index; the sorted values are written back
 * bucket by bucket as (kLo + b) / s.
 */
function countingSort(src: Float64Array, counts: Int32Array, order: Uint32Array | undefined): void {
  const n = src.length;
  const range = counts.length - 1;
  const { s, kLo } = grid;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.round((src[i] as number) * s) - kLo + 1;
    counts[b] = (counts[b] as number) + 1;
  }
  // counts[b]: where bucket b starts (and counts[b + 1] where it ends)
  for (let b = 1; b <= range; b++) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
  if (order !== undefined) {
    for (let i = 0; i < n; i++) {
      const b = Math.round((src[i] as number) * s) - kLo;
      const p = counts[b] as number;
      counts[b] = p + 1;
      order[p] = i;
    }
  }
  // after the placing pass counts[b] is where bucket b ends; before it, counts[b + 1]
  const end = order === undefined ? 1 : 0;
  let p = 0;
  for (let b = 0; b < range; b++) {
    const v = (kLo + b) / s;
    for (const stop = counts[b + end] as number; p < stop; p++) src[p] = v;
  }
}

/** readGrid's priming value off every grid. */
const PRIME_OFF_GRID = Float64Array.of(0.1 + 0.2);

/**
 * Why readGrid and the integer sorts are primed (primeOnceLong, once per
 * process, before the first real read): V8 (Node 20) compiled their loops
 * on-stack during a process's first large sort, before the code after each
 * loop had any type feedback, and that code then deoptimised at the end of
 * every later sort: --trace-deopt showed one deopt per request in every
 * warm request that reads a grid (shapiro, kendalltau, the medians), and
 * one per call in countingSort and lsdPasses (shapiro, mannwhitneyu,
 * ks_2samp, spearmanr at 1e5, 2026-12-07). Each grid below is read and
 * sorted, with the order where it says so.
 */
function primeReadGrid(): void {
  readGrid(PRIME_OFF_GRID);
  for (const [values, withOrder] of PRIME_GRIDS) {
    const n = values.length;
    const src = primeSrc.subarray(0, n);
    src.set(values);
    readGrid(src);
    const order = withOrder ? primeOrder.subarray(0, n) : undefined;
    sortReadGrid(src, primeScratch, primeOrderScratch, order);
  }
}

/** 64 integers of range 13 near 1e10: the counting sort, with and without the order. */
const PRIME_COUNTED = Float64Array.from({ length: 64 }, (_, i) => 1e10 + ((7 * i) % 13));

/**
 * The grids and whether the order is primed: the counting sort (both
 * ways); cents of range 4,351 near 1e10 (two LSD digits with the order:
 * the index moves start swapped, and the second pass carries the first's
 * indices). The offsets make the integers k beyond the small integers V8
 * otherwise specialised the arithmetic on (Smis, below 2^31): primed on
 * small ones only, the offset shape (values near 1e9, three decimals)
 * deoptimised in lsdPasses on every call ("not a Smi"). The LSD passes
 * without the order differ only inside a loop, where the real call's
 * first iterations give the feedback; each LSD run costs the 2,048
 * buckets' prefix sums a digit (the two runs, compiling the sorts
 * included, about 1 ms CPU once against
 * 0.15 ms for readGrid's own priming, 21:41 UTC, load 14-20).
 */
export const PRIME_GRIDS: [Float64Array, boolean][] = [
  [PRIME_COUNTED, false],
  [PRIME_COUNTED, true],
  [Float64Array.of(1.25, -40.5, 3, 0.75, 3, 2).map((v) => v + 1e10), true],
];
const primeSrc = new Float64Array(PRIME_COUNTED.length);
const primeScratch = new ArrayBuffer(8 * PRIME_COUNTED.length);
const primeOrder = new Uint32Array(PRIME_COUNTED.length);
const primeOrderScratch = new Uint32Array(PRIME_COUNTED.length);

/** What readGrid found: the scale 10^p and the integers of the extremes. */
const grid = { s: 1, kLo: 0, kHi: 0 };

/**
 * Whether every value of `src` lies on a decimal grid the integer sorts
 * take (see sortOnGrid); if so, the scale and extremes are left in `grid`.
 */
function readGrid(src: Float64Array, maxRange = GRID_RANGE_MAX): boolean {
  primeOnceLong(readGrid, primeReadGrid);
  const n = src.length;
  let places = 0;
  let s = 1;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = src[i] as number;
    // a value off the grid of 10^-places moves the grid down (every value
    // already read lies on the finer one too), up to GRID_PLACES_MAX
    while (Math.round(x * s) / s !== x) {
      if (places === GRID_PLACES_MAX) return false;
      places++;
      s *= 10;
    }
    if (x === 0 && 1 / x < 0) return false;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
    // a span already too wide ends the read early (full-precision data
    // leaves at the first value, off every grid)
    // (checked from the first value on, so the check has type feedback
    // before V8 compiles the loop on-stack)
    if ((i & 1023) === 0 && !((hi - lo) * s < maxRange)) return false;
  }
  const kLo = Math.round(lo * s);
  const kHi = Math.round(hi * s);
  // also refuses the infinities (their k span is not finite)
  if (!(kHi - kLo < Math.min(maxRange, GRID_RANGE_MAX)) || kLo < -EXACT_INT || kHi > EXACT_INT) {
    return false;
  }
  grid.s = s;
  grid.kLo = kLo;
  grid.kHi = kHi;
  return true;
}

/**
 * Stable LSD passes over 11-bit digits of keys[i] = k - kLo (as many as
 * `range` needs): src sorted, written back as (kLo + key) / s; with
 * `order`, also writes there the input index each came from. Scratch:
 * `scratch` (two key arrays) and, with order, `orderScratch`.
 */
function lsdPasses(
  src: Float64Array,
  scratch: ArrayBufferLike,
  orderScratch: Uint32Array | undefined,
  range: number,
  order: Uint32Array | undefined,
): void {
  const n = src.length;
  const { s, kLo } = grid;
  let keys = new Uint32Array(scratch, 0, n);
  let moved = new Uint32Array(scratch, 4 * n, n);
  let from = order === undefined ? undefined : orderScratch;
  let to = order;
  const digits = range <= DIGIT ? 1 : range <= DIGIT * DIGIT ? 2 : 3;
  const counts = new Int32Array(digits * (DIGIT + 1));
  for (let i = 0; i < n; i++) {
    const key = Math.round((src[i] as number) * s) - kLo;
    keys[i] = key;
    for (let d = 0; d < digits; d++) {
      const b = d * (DIGIT + 1) + 1 + ((key >>> (11 * d)) & (DIGIT - 1));
      counts[b] = (counts[b] as number) + 1;
    }
  }
  // the index moves ping-pong too: ending in `order` after an odd number of
  // passes means starting there, so the first pass's source is the other one
  if (from !== undefined && to !== undefined && digits % 2 === 0) [from, to] = [to, from];
  for (let d = 0; d < digits; d++) {
    const base = d * (DIGIT + 1);
    for (let b = 1; b <= DIGIT; b++) {
      counts[base + b] = (counts[base + b] as number) + (counts[base + b - 1] as number);
    }
    const shift = 11 * d;
    if (from === undefined || to === undefined) {
      for (let i = 0; i < n; i++) {
        const key = keys[i] as number;
        const b = base + ((key >>> shift) & (DIGIT - 1));
        const p = counts[b] as number;
        counts[b] = p + 1;
        moved[p] = key;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const key = keys[i] as number;
        const b = base + ((key >>> shift) & (DIGIT - 1));
        const p = counts[b] as number;
        counts[b] = p + 1;
        moved[p] = key;
        to[p] = d === 0 ? i : (from[i] as number);
      }
      [from, to] = [to, from];
    }
    [keys, moved] = [moved, keys];
  }
  for (let i = 0; i < n; i++) src[i] = (kLo + (keys[i] as number)) / s;
}

/** Up to 10^-6: two- and three-decimal data and finer readings. */
const GRID_PLACES_MAX = 6;
/**
 * 2^32: keys of three 11-bit digits at most (two below 2^22; a range up to
 * the sample's size takes the counting sort).
 */
const GRID_RANGE_MAX = 2 ** 32;
/**
 * |k| below 2^50: a value read on a coarser grid (x the double nearest k / s)
 * and scaled by a finer s' lands within |k s / s'| 2^-52 < 1/4 of its integer,
 * so Math.round finds it with the final scale too.
 */
const EXACT_INT = 2 ** 50;
/** Buckets of one 11-bit digit. */
const DIGIT = 2048;
