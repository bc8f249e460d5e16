import { StatsInputError } from '../errors';
import { toScaledIntegers } from '../regression/internal/decimal';
import { nearestInteger } from './round';
import {
  integerLimbs,
  type Limbs,
  limbDot,
  limbSum,
  POW10,
  scaleWide,
  WIDE,
  wideAt,
  wideDecimal,
  wideLimbs,
} from './wide';

/**
 * A column of decimal inputs as exact integers on one decimal scale:
 * value i is `ints[i] * 10^exponent`. `ints` is a Float64Array of integers
 * below 2^53 in magnitude (the fast route) or BigInts (values with many
 * digits, or integers beyond 2^53).
 */
export type IntegerColumn =
  | { kind: 'float'; ints: Float64Array; exponent: number; max: number }
  | {
      /** hi + lo exactly (up to 2^70), and the same as four 18-bit limbs. */
      kind: 'wide';
      hi: Float64Array;
      lo: Float64Array;
      limbs: Float64Array[];
      exponent: number;
    }
  | { kind: 'big'; ints: bigint[]; exponent: number };

/** The fast route tries up to 15 places (p = 0..15). */
const SHORT_PLACES = 16;
const LIMIT = 2 ** 53;

/**
 * The decimals the values write (the core's rule: a number means the decimal
 * its shortest round-trip string writes), as exact integers on the column's
 * finest scale. Fast route, no strings: for each x the fewest places p
 * (at most 15) with round(x 10^p) / 10^p === x, which is the decimal
 * `String(x)` writes when also ulp(x) < 10^-p / 2 (as in
 * shiftByDecimalReference); the scaled integers must stay below 2^53.
 * Otherwise the column goes through strings and BigInt (`toScaledIntegers`).
 *
 * @throws StatsInputError naming the first value that is NaN or infinite
 */
export function integerColumn(fn: string, name: string, x: ArrayLike<number>): IntegerColumn {
  const known = PLACES.get(x);
  if (known) {
    const c = columnAtPlaces(x, known);
    if (c) return c;
  }
  const n = x.length;
  const places = new Uint8Array(n);
  let scale = 0;
  let fast = true;
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    if (!Number.isFinite(v)) {
      throw new StatsInputError(
        fn,
        `requires finite values, but ${name}[${i}] is ${v}; remove or impute it`,
      );
    }
    if (!fast) continue;
    let p = 0;
    while (nearestInteger(v * (POW10[p] as number)) / (POW10[p] as number) !== v) {
      if (++p === SHORT_PLACES) break;
    }
    if (p === SHORT_PLACES || !(2 * Math.abs(v) * Number.EPSILON < 1 / (POW10[p] as number))) {
      fast = false;
      continue;
    }
    places[i] = p;
    if (p > scale) scale = p;
  }
  if (fast) {
    const ints = new Float64Array(n);
    let max = 0;
    for (let i = 0; i < n; i++) {
      const p = places[i] as number;
      const m =
        nearestInteger((x[i] as number) * (POW10[p] as number)) * (POW10[scale - p] as number);
      const a = Math.abs(m);
      if (!(a < LIMIT)) {
        fast = false;
        break;
      }
      if (a > max) max = a;
      ints[i] = m;
    }
    if (fast) return { kind: 'float', ints, exponent: -scale, max };
  }
  return wideColumn(x) ?? bigColumn(x);
}

/** {@link withDecimalPlaces}'s mark for a value whose places are not known. */
export const NO_PLACES = -128;

/** Decimal places declared by a reader of the values' text (see withDecimalPlaces). */
const PLACES = new WeakMap<ArrayLike<number>, Int8Array>();

/**
 * Declares, for the partial builders, each value's decimal places as a
 * reader of its text established them: `places[i]` is the number of places
 * p >= 0 of the decimal `String(values[i])` writes (exactly: not more, as
 * trailing zeros finer than the double's spacing would take the double's
 * digits), or {@link NO_PLACES} where unknown. The builders then
 * take each value's exact integer round(values[i] 10^p) directly instead
 * of searching for p (the cost on full-precision doubles). The declaration
 * is trusted: give places only for the shortest round-trip decimal (as
 * @lambda-stats/tabular's `decimalPlaces` does). Returns `values`.
 *
 * @throws StatsInputError when the lengths differ
 * @example linregressPartial(withDecimalPlaces(x, xPlaces), withDecimalPlaces(y, yPlaces))
 */
export function withDecimalPlaces<T extends ArrayLike<number>>(values: T, places: Int8Array): T {
  if (places.length !== values.length) {
    throw new StatsInputError(
      'withDecimalPlaces',
      `requires one place count per value (got ${places.length} for ${values.length} values)`,
    );
  }
  PLACES.set(values, places);
  return values;
}

/** The places declared for `values` by {@link withDecimalPlaces}, if any. */
export function declaredPlaces(values: ArrayLike<number>): Int8Array | undefined {
  return PLACES.get(values);
}

/**
 * The column from declared places: the shortest decimals' integers on the
 * finest scale, as a float column while they stay below 2^53, else wide;
 * null (the searching route decides, and names a bad value) when a place
 * is unknown, a value is not finite, or an integer would pass 2^70.
 */
function columnAtPlaces(x: ArrayLike<number>, places: Int8Array): IntegerColumn | null {
  const n = x.length;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    const p = places[i] as number;
    if (p < 0 || !Number.isFinite(x[i] as number)) return null;
    if (p > scale) scale = p;
  }
  let ints: Float64Array | null = new Float64Array(n);
  let max = 0;
  let hi: Float64Array | null = null;
  let lo: Float64Array | null = null;
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    const p = places[i] as number;
    const h = v * (POW10[p] as number);
    if (ints) {
      // below 2^51 one rounding of v 10^p is the integer (error under 1/2)
      if (h < 2 ** 51 && h > -(2 ** 51)) {
        const m = nearestInteger(h) * (POW10[scale - p] as number);
        const a = Math.abs(m);
        if (a < LIMIT) {
          if (a > max) max = a;
          ints[i] = m;
          continue;
        }
      }
      // from here on, two doubles per value
      hi = new Float64Array(n);
      lo = new Float64Array(n);
      hi.set(ints.subarray(0, i));
      ints = null;
    }
    wideAt(v, p);
    if (!scaleWide(WIDE.hi, WIDE.lo, scale - p)) return null;
    (hi as Float64Array)[i] = WIDE.hi;
    (lo as Float64Array)[i] = WIDE.lo;
  }
  if (ints) return { kind: 'float', ints, exponent: -scale, max };
  const h = hi as Float64Array;
  const l = lo as Float64Array;
  return { kind: 'wide', hi: h, lo: l, limbs: wideLimbs(h, l), exponent: -scale };
}

function bigColumn(x: ArrayLike<number>): IntegerColumn {
  const { integers, exponent } = toScaledIntegers(x);
  return { kind: 'big', ints: integers, exponent };
}

/**
 * The middle route, for full-precision doubles (up to 17 significant
 * digits, places up to 22): each value's exact decimal integer as two
 * doubles (see wide.ts), on the column's finest scale; null when a value
 * needs more (then BigInt).
 */
function wideColumn(x: ArrayLike<number>): IntegerColumn | null {
  const n = x.length;
  const places = new Uint8Array(n);
  const hi = new Float64Array(n);
  const lo = new Float64Array(n);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    if (!wideDecimal(x[i] as number)) return null;
    places[i] = WIDE.k;
    hi[i] = WIDE.hi;
    lo[i] = WIDE.lo;
    if (WIDE.k > scale) scale = WIDE.k;
  }
  for (let i = 0; i < n; i++) {
    const j = scale - (places[i] as number);
    if (j === 0) continue;
    if (!scaleWide(hi[i] as number, lo[i] as number, j)) return null;
    hi[i] = WIDE.hi;
    lo[i] = WIDE.lo;
  }
  return { kind: 'wide', hi, lo, limbs: wideLimbs(hi, lo), exponent: -scale };
}

/** The column's integers as BigInts. */
export function bigInts(c: IntegerColumn): bigint[] {
  if (c.kind === 'big') return c.ints;
  if (c.kind === 'wide') {
    const { hi, lo } = c;
    return Array.from(hi, (v, i) => BigInt(v) + BigInt(lo[i] as number));
  }
  return Array.from(c.ints, (v) => BigInt(v));
}

/** The 18-bit limbs of a float (three) or wide (four) column. */
function limbsOf(c: IntegerColumn): Limbs | null {
  if (c.kind === 'wide') return c.limbs;
  if (c.kind === 'float') return integerLimbs(c.ints);
  return null;
}

/** The column's integers times 10^(exponent - target), as BigInts (target <= exponent). */
export function bigIntsAt(c: IntegerColumn, target: number): bigint[] {
  const ints = bigInts(c);
  if (c.exponent === target) return ints;
  const f = 10n ** BigInt(c.exponent - target);
  return ints.map((v) => v * f);
}

/** Exact sum of a float column of integers below 2^53, in float64 blocks. */
export function sumExact(a: Float64Array, max: number): bigint {
  const n = a.length;
  const block = Math.max(1, Math.floor(2 ** 52 / Math.max(max, 1)));
  let total = 0n;
  for (let start = 0; start < n; start += block) {
    const end = Math.min(n, start + block);
    let s = 0;
    for (let i = start; i < end; i++) s += a[i] as number;
    if (s !== 0) total += BigInt(s);
  }
  return total;
}

/**
 * Exact sum_i a_i b_i of two float columns of integers below 2^53. When
 * max|a| max|b| leaves room, plain float64 products summed in blocks short
 * enough that no partial sum passes 2^52 (so every operation is exact), each
 * block's sum added into a BigInt. Otherwise each value is split into three
 * 18-bit limbs and the nine limb products (at most 2^34 each) are summed by
 * level the same way.
 */
export function sumProductsExact(
  a: Float64Array,
  maxA: number,
  b: Float64Array,
  maxB: number,
  limbCache?: Map<Float64Array, Limbs>,
): bigint {
  const n = a.length;
  const bound = Math.max(maxA, 1) * Math.max(maxB, 1);
  if (bound <= 2 ** 44) {
    const block = Math.floor(2 ** 52 / bound);
    let total = 0n;
    for (let start = 0; start < n; start += block) {
      const end = Math.min(n, start + block);
      let s = 0;
      for (let i = start; i < end; i++) s += (a[i] as number) * (b[i] as number);
      if (s !== 0) total += BigInt(s);
    }
    return total;
  }
  const get = (c: Float64Array) => {
    let l = limbCache?.get(c);
    if (!l) {
      l = integerLimbs(c);
      limbCache?.set(c, l);
    }
    return l;
  };
  return limbDot(get(a), get(b));
}

/** Exact sum of the values of a column (either kind). */
export function columnSum(c: IntegerColumn): bigint {
  if (c.kind === 'float') return sumExact(c.ints, c.max);
  if (c.kind === 'wide') return limbSum(c.limbs);
  let s = 0n;
  for (const v of c.ints) s += v;
  return s;
}

/** Exact sum_i a_i b_i of two columns of the same length (either kind); exponents add. */
export function columnDot(
  a: IntegerColumn,
  b: IntegerColumn,
  cache?: Map<Float64Array, Limbs>,
): bigint {
  if (a.kind === 'float' && b.kind === 'float') {
    return sumProductsExact(a.ints, a.max, b.ints, b.max, cache);
  }
  const la = limbsOf(a);
  const lb = limbsOf(b);
  if (la && lb) return limbDot(la, lb);
  const x = bigInts(a);
  const y = bigInts(b);
  let s = 0n;
  for (let i = 0; i < x.length; i++) s += (x[i] as bigint) * (y[i] as bigint);
  return s;
}
