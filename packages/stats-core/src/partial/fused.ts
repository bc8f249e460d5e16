/**
 * Exact sums in one pass, for columns whose decimal places a reader
 * declared (withDecimalPlaces): no integer, hi/lo or limb arrays. The
 * builders in columns.ts materialise a column's integers, then its limbs
 * (seven doubles per value on full-precision data), then sum: three passes
 * and the allocations that make the garbage collector run. Here each
 * value's exact integer is formed where it is used and summed at once:
 *
 * - short decimals ("float" plans with small products: |X| 10^S below
 *   2^26 for one column, products below 2^44 for two): round(x 10^S), one
 *   product and one rounding, plain float64 sums. x is the double nearest
 *   its decimal D / 10^p (p <= S), so x 10^S is within |x| 10^S 2^-53 <
 *   1/4 of D 10^(S - p), and the product's rounding adds at most 1/8: the
 *   nearest integer is exactly D 10^(S - p).
 * - everything else, full-precision doubles (16-17 significant digits)
 *   included: each value's integer on its own places, by Dekker's product
 *   (wideAt in wide.ts), as three 19-bit limbs summed per places
 *   (bucketed.ts). A column with an integer past 1.2e17 on its own places
 *   gets no plan (the materialising route takes it).
 *
 * Sums go through float64 blocks short enough that no partial sum passes
 * 2^52 (every operation exact), each block's sums then added into BigInts:
 * the states are the same integers as columns.ts's (places.test.ts
 * compares the JSON).
 */

import { PRIME_F64, primeOnce } from '../internal/prime';
import { BUCKET_LIMIT, bucketedMomentSums, bucketedPairSums } from './bucketed';
import { declaredPlaces } from './columns';
import { nearestInteger } from './round';
import { POW10, scaleWide, WIDE, wideAt } from './wide';

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
  primeOnce(planFrom, primePlans);
  return planFrom(x, places);
}

/**
 * A short-decimal and a full-precision column with their places, for
 * primeOnce: unprimed, planFrom's first large call compiled its first loop
 * on-stack before the code after it had feedback, and every later call
 * deoptimised there and finished interpreted (--trace-deopt: 559 deopts in
 * 16 reads of a 32 MiB chunk of 17-digit rows taken in blocks of 65,536;
 * a fifth of the worker's time in the CPU profile).
 */
const PRIME_WIDE = Float64Array.of(1.2345678901234567, -2.5, 3);
const PRIME_WIDE_PLACES = Int8Array.of(16, 1, 0);
const PRIME_SHORT_PLACES = Int8Array.of(2, 1, 0, 2, 0, 0);
const primePlans = () => {
  planFrom(PRIME_F64, PRIME_SHORT_PLACES);
  planFrom(PRIME_WIDE, PRIME_WIDE_PLACES);
};

/** A wide plan of a few values, for priming the bucketed sums. */
const primeWidePlan = () => planFrom(PRIME_WIDE, PRIME_WIDE_PLACES) as ExactPlan;

function planFrom(x: ArrayLike<number>, places: Int8Array): ExactPlan | null {
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
  // own integers beyond three 19-bit limbs (integers past 1.2e17): the
  // materialising route (columns.ts) takes them, with the same sums
  if (unscaled > BUCKET_LIMIT) return null;
  return { values: x, places, wide: true, scale, bound: top, unscaled };
}

/** Scratch: value i's integer on the plan's scale as hi + lo, exactly (see {@link integerAt}). */
export const INTEGER = new Float64Array(2);

/**
 * Value i's integer on the plan's scale, into INTEGER as hi + lo (lo = 0 on
 * a float plan). describe.ts's deviation pass writes these steps out in its
 * loop (a call and the scratch array per value cost more than the work);
 * its test (describeDeviations.test.ts) holds the loop to this function.
 */
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
  if (!plan.wide && plan.bound <= 2 ** 26) return smallMomentSums(plan);
  primeOnce(bucketedMomentSums, () => bucketedMomentSums(primeWidePlan()));
  return bucketedMomentSums(plan);
}

/** A float plan with |X| below 2^26: plain squares in blocks. */
function smallMomentSums(plan: ExactPlan): { s1: bigint; s2: bigint } {
  const n = plan.values.length;
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
  if (!px.wide && !py.wide) {
    const bx = px.bound;
    const by = py.bound;
    const top = Math.max(bx * bx, by * by, bx * by);
    if (top <= 2 ** 44) return smallPairSums(px, py, Math.max(1, Math.floor(2 ** 52 / top)));
  }
  // primed as planFrom is: the same deopt at the end of its block loop, on every call
  primeOnce(bucketedPairSums, () => bucketedPairSums(primeWidePlan(), primeWidePlan()));
  return bucketedPairSums(px, py);
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
