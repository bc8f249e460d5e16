/**
 * Exact sums in one pass, for columns whose decimal places a reader
 * declared (withDecimalPlaces): no integer, hi/lo or limb arrays. The
 * builders in columns.ts materialise a column's integers, then its limbs
 * (seven doubles per value on full-precision data), then sum: three passes
 * and the allocations that make the garbage collector run. Here each
 * value's exact integer on the column's finest scale is formed where it is
 * used and summed at once:
 *
 * - "float" columns (|x| 10^S < 2^50, S the finest places): the integer is
 *   round(x 10^S), one product and one rounding. x is the double nearest
 *   its decimal D / 10^p (p <= S), so x 10^S is within |x| 10^S 2^-53 <
 *   1/4 of D 10^(S - p), and the product's rounding adds at most 1/8: the
 *   nearest integer is exactly D 10^(S - p).
 * - "wide" columns (16-17 significant digits): the integer nearest x 10^p
 *   by Dekker's product, times 10^(S - p), as hi + lo (wideAt and
 *   scaleWide in wide.ts), split into four signed 18-bit limbs.
 *
 * Sums of products go through float64 blocks short enough that no partial
 * sum passes 2^52 (every operation exact), each block's sums then added
 * into BigInts: the same arithmetic as columns.ts and wide.ts, so the
 * states are the same integers (places.test.ts compares the JSON).
 */
import { BUCKET_LIMIT, bucketedMomentSums, bucketedPairSums } from './bucketed';
import { declaredPlaces } from './columns';
import { nearestInteger } from './round';
import { addLevels, fromLevels, LIMBS, POW10, scaleWide, splitWide, WIDE, wideAt } from './wide';

/** How one column's integers are formed: see the file comment. */
export interface ExactPlan {
  values: ArrayLike<number>;
  places: Int8Array;
  wide: boolean;
  /** The finest places S: value i is X_i 10^-S. */
  scale: number;
  /** An upper bound of |X_i| (float plans). */
  bound: number;
  /** max |x_i| 10^p_i: about the largest integer of a value on its own places. */
  unscaled: number;
}

const FLOAT_LIMIT = 2 ** 50;
const WIDE_LIMIT = 2 ** 69;

/**
 * The plan of a column with declared places, or null (the caller takes
 * the materialising route, which also names a bad value): a place is
 * unknown or beyond 22, a value is not finite, or the integers would pass
 * 2^69.
 */
export function planOf(x: ArrayLike<number>): ExactPlan | null {
  const places = declaredPlaces(x);
  if (!places) return null;
  const n = x.length;
  let scale = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const p = places[i] as number;
    const v = x[i] as number;
    if (p < 0 || p > 22 || v - v !== 0) return null;
    if (p > scale) scale = p;
    const a = v < 0 ? -v : v;
    if (a > maxAbs) maxAbs = a;
  }
  const top = maxAbs * (POW10[scale] as number);
  if (top < FLOAT_LIMIT) {
    return { values: x, places, wide: false, scale, bound: Math.floor(top) + 1, unscaled: top };
  }
  if (!(top < WIDE_LIMIT)) return null;
  // the largest integer on a value's own places (bucketed.ts), in a second loop only here
  let unscaled = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    const u = (v < 0 ? -v : v) * (POW10[places[i] as number] as number);
    if (u > unscaled) unscaled = u;
  }
  return { values: x, places, wide: true, scale, bound: top, unscaled };
}

/** Rows per limb block: at most 4 products of 2^36 per level and row, 2^14 rows: below 2^52. */
const LIMB_BLOCK = 2 ** 14;

/**
 * The four signed 18-bit limbs (|limb| <= 2^18) of value v's integer
 * (places p) on the plan's scale, into LIMBS (wide.ts).
 */
function limbsAt(v: number, p: number, wide: boolean, scale: number): void {
  if (wide) {
    wideAt(v, p);
    const j = scale - p;
    if (j !== 0) scaleWide(WIDE.hi, WIDE.lo, j);
    splitWide(WIDE.hi, WIDE.lo);
  } else splitWide(nearestInteger(v * (POW10[scale] as number)), 0);
}

/** Scratch: value i's integer on the plan's scale as hi + lo, exactly (see {@link integerAt}). */
export const INTEGER = new Float64Array(2);

/** Value i's integer on the plan's scale, into INTEGER as hi + lo (lo = 0 on a float plan). */
export function integerAt(plan: ExactPlan, i: number): void {
  const v = plan.values[i] as number;
  if (plan.wide) {
    const p = plan.places[i] as number;
    wideAt(v, p);
    const j = plan.scale - p;
    if (j !== 0) scaleWide(WIDE.hi, WIDE.lo, j);
    INTEGER[0] = WIDE.hi;
    INTEGER[1] = WIDE.lo;
  } else {
    INTEGER[0] = nearestInteger(v * (POW10[plan.scale] as number));
    INTEGER[1] = 0;
  }
}

/** Exact sums of one column: sum X and sum X^2 on the plan's scale. */
export function momentSums(plan: ExactPlan): { s1: bigint; s2: bigint } {
  const n = plan.values.length;
  if (!plan.wide && plan.bound <= 2 ** 26) {
    const x = plan.values;
    const P = POW10[plan.scale] as number;
    const b = plan.bound;
    const block = Math.max(1, Math.floor(2 ** 52 / (b * b)));
    let s1 = 0n;
    let s2 = 0n;
    for (let start = 0; start < n; start += block) {
      const end = Math.min(n, start + block);
      let a1 = 0;
      let a2 = 0;
      for (let i = start; i < end; i++) {
        const X = nearestInteger((x[i] as number) * P);
        a1 += X;
        a2 += X * X;
      }
      s1 += BigInt(a1);
      s2 += BigInt(a2);
    }
    return { s1, s2 };
  }
  if (plan.unscaled <= BUCKET_LIMIT) return bucketedMomentSums(plan);
  const { values, places, wide, scale } = plan;
  const one = [0n, 0n, 0n, 0n];
  const two = [0n, 0n, 0n, 0n, 0n, 0n, 0n];
  for (let start = 0; start < n; start += LIMB_BLOCK) {
    const end = Math.min(n, start + LIMB_BLOCK);
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let q0 = 0;
    let q1 = 0;
    let q2 = 0;
    let q3 = 0;
    let q4 = 0;
    let q5 = 0;
    let q6 = 0;
    for (let i = start; i < end; i++) {
      limbsAt(values[i] as number, places[i] as number, wide, scale);
      const x0 = LIMBS[0] as number;
      const x1 = LIMBS[1] as number;
      const x2 = LIMBS[2] as number;
      const x3 = LIMBS[3] as number;
      a0 += x0;
      a1 += x1;
      a2 += x2;
      a3 += x3;
      q0 += x0 * x0;
      q1 += 2 * x0 * x1;
      q2 += 2 * x0 * x2 + x1 * x1;
      q3 += 2 * (x0 * x3 + x1 * x2);
      q4 += 2 * x1 * x3 + x2 * x2;
      q5 += 2 * x2 * x3;
      q6 += x3 * x3;
    }
    addLevels(one, [a0, a1, a2, a3]);
    addLevels(two, [q0, q1, q2, q3, q4, q5, q6]);
  }
  return { s1: fromLevels(one), s2: fromLevels(two) };
}

/** Exact sums of a pair of columns of one length, each on its plan's scale. */
export interface PairSums {
  sx: bigint;
  sy: bigint;
  sxx: bigint;
  sxy: bigint;
  syy: bigint;
}

/** Exact sum X, sum Y, sum X^2, sum X Y, sum Y^2 in one pass. */
export function pairSums(px: ExactPlan, py: ExactPlan): PairSums {
  const n = px.values.length;
  if (!px.wide && !py.wide) {
    const bx = px.bound;
    const by = py.bound;
    const top = Math.max(bx * bx, by * by, bx * by);
    if (top <= 2 ** 44) return smallPairSums(px, py, Math.max(1, Math.floor(2 ** 52 / top)));
  }
  if (px.unscaled <= BUCKET_LIMIT && py.unscaled <= BUCKET_LIMIT) return bucketedPairSums(px, py);
  const { values: x, places: xp, wide: xw, scale: xs } = px;
  const { values: y, places: yp, wide: yw, scale: ys } = py;
  const lx = [0n, 0n, 0n, 0n];
  const ly = [0n, 0n, 0n, 0n];
  const lxx = [0n, 0n, 0n, 0n, 0n, 0n, 0n];
  const lxy = [0n, 0n, 0n, 0n, 0n, 0n, 0n];
  const lyy = [0n, 0n, 0n, 0n, 0n, 0n, 0n];
  for (let start = 0; start < n; start += LIMB_BLOCK) {
    const end = Math.min(n, start + LIMB_BLOCK);
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let a5 = 0;
    let a6 = 0;
    let a7 = 0;
    let a8 = 0;
    let a9 = 0;
    let a10 = 0;
    let a11 = 0;
    let a12 = 0;
    let a13 = 0;
    let a14 = 0;
    let a15 = 0;
    let a16 = 0;
    let a17 = 0;
    let a18 = 0;
    let a19 = 0;
    let a20 = 0;
    let a21 = 0;
    let a22 = 0;
    let a23 = 0;
    let a24 = 0;
    let a25 = 0;
    let a26 = 0;
    let a27 = 0;
    let a28 = 0;
    for (let i = start; i < end; i++) {
      limbsAt(x[i] as number, xp[i] as number, xw, xs);
      const x0 = LIMBS[0] as number;
      const x1 = LIMBS[1] as number;
      const x2 = LIMBS[2] as number;
      const x3 = LIMBS[3] as number;
      limbsAt(y[i] as number, yp[i] as number, yw, ys);
      const y0 = LIMBS[0] as number;
      const y1 = LIMBS[1] as number;
      const y2 = LIMBS[2] as number;
      const y3 = LIMBS[3] as number;
      a0 += x0;
      a1 += x1;
      a2 += x2;
      a3 += x3;
      a4 += y0;
      a5 += y1;
      a6 += y2;
      a7 += y3;
      a8 += x0 * x0;
      a9 += 2 * x0 * x1;
      a10 += 2 * x0 * x2 + x1 * x1;
      a11 += 2 * (x0 * x3 + x1 * x2);
      a12 += 2 * x1 * x3 + x2 * x2;
      a13 += 2 * x2 * x3;
      a14 += x3 * x3;
      a15 += x0 * y0;
      a16 += x0 * y1 + x1 * y0;
      a17 += x0 * y2 + x1 * y1 + x2 * y0;
      a18 += x0 * y3 + x1 * y2 + x2 * y1 + x3 * y0;
      a19 += x1 * y3 + x2 * y2 + x3 * y1;
      a20 += x2 * y3 + x3 * y2;
      a21 += x3 * y3;
      a22 += y0 * y0;
      a23 += 2 * y0 * y1;
      a24 += 2 * y0 * y2 + y1 * y1;
      a25 += 2 * (y0 * y3 + y1 * y2);
      a26 += 2 * y1 * y3 + y2 * y2;
      a27 += 2 * y2 * y3;
      a28 += y3 * y3;
    }
    addLevels(lx, [a0, a1, a2, a3]);
    addLevels(ly, [a4, a5, a6, a7]);
    addLevels(lxx, [a8, a9, a10, a11, a12, a13, a14]);
    addLevels(lxy, [a15, a16, a17, a18, a19, a20, a21]);
    addLevels(lyy, [a22, a23, a24, a25, a26, a27, a28]);
  }
  return {
    sx: fromLevels(lx),
    sy: fromLevels(ly),
    sxx: fromLevels(lxx),
    sxy: fromLevels(lxy),
    syy: fromLevels(lyy),
  };
}

/** Both float plans with products below 2^44: plain products in blocks of `block` rows. */
function smallPairSums(px: ExactPlan, py: ExactPlan, block: number): PairSums {
  const x = px.values;
  const y = py.values;
  const Px = POW10[px.scale] as number;
  const Py = POW10[py.scale] as number;
  const n = x.length;
  let sx = 0n;
  let sy = 0n;
  let sxx = 0n;
  let sxy = 0n;
  let syy = 0n;
  for (let start = 0; start < n; start += block) {
    const end = Math.min(n, start + block);
    let ax = 0;
    let ay = 0;
    let axx = 0;
    let axy = 0;
    let ayy = 0;
    for (let i = start; i < end; i++) {
      const X = nearestInteger((x[i] as number) * Px);
      const Y = nearestInteger((y[i] as number) * Py);
      ax += X;
      ay += Y;
      axx += X * X;
      axy += X * Y;
      ayy += Y * Y;
    }
    sx += BigInt(ax);
    sy += BigInt(ay);
    sxx += BigInt(axx);
    sxy += BigInt(axy);
    syy += BigInt(ayy);
  }
  return { sx, sy, sxx, sxy, syy };
}
