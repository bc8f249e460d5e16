/**
 * The exact decimal integers of full-precision doubles without strings or
 * BigInt: for x with up to 17 significant digits, M = the integer its
 * shortest round-trip decimal writes on a scale of 10^-k, as hi + lo (two
 * doubles, both integers, exact), by Dekker's error-free product x 10^k =
 * h + l (10^k exact for k <= 22): M = round(h) + round(h - round(h) + l),
 * the nearest integer to x 10^k, and the fewest k for which M / 10^k rounds
 * back to x (|M - x 10^k| < 10^k ulp(x) / 2) is the decimal `String(x)`
 * writes (a tie going to the even integer, as String does). The same test as decimalCorrection (regression/internal/decimal.ts).
 */

import { nearestInteger } from './round';

const SPLIT = 134217729; // 2^27 + 1
/** 10^k for k = 0..22, each exact in float64. */
export const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);

function ulp(v: number): number {
  BITS[0] = v;
  const biased = ((WORDS[1] as number) >>> 20) & 0x7ff;
  if (biased > 52) {
    WORDS[1] = (biased - 52) << 20;
    WORDS[0] = 0;
    return BITS[0] as number;
  }
  return 2 ** (Math.max(biased, 1) - 1075);
}

/** Scratch output of {@link wideDecimal}: the places k and M = hi + lo. */
export const WIDE = { k: 0, hi: 0, lo: 0 };

const SPLIT_POW_HI = POW10.map((p) => {
  const t = SPLIT * p;
  return t - (t - p);
});
const SPLIT_POW_LO = POW10.map((p, k) => p - (SPLIT_POW_HI[k] as number));

/**
 * Fills {@link WIDE} with k and the integer nearest x 10^k, exactly, as
 * hi + lo (k <= 22): when the caller knows that x's shortest round-trip
 * decimal has k places (a reader that saw the text), this is that
 * decimal's integer without searching for k.
 */
export function wideAt(x: number, k: number): void {
  const scale = POW10[k] as number;
  const h = x * scale;
  let t = SPLIT * x;
  const xh = t - (t - x);
  const xl = x - xh;
  const bh = SPLIT_POW_HI[k] as number;
  const bl = SPLIT_POW_LO[k] as number;
  const l = xl * bl - (h - xh * bh - xl * bh - xh * bl);
  const r = nearestInteger(h);
  t = h - r + l; // exact: both small, few bits
  WIDE.k = k;
  WIDE.hi = r;
  WIDE.lo = nearestInteger(t);
}

/**
 * Whether the k-place decimal nearest to x rounds back to x; if so its
 * integer M = hi + lo goes to {@link WIDE}. xh + xl is Dekker's split of x.
 */
function test(x: number, xh: number, xl: number, half: number, k: number): boolean {
  const scale = POW10[k] as number;
  const h = x * scale;
  const bh = SPLIT_POW_HI[k] as number;
  const bl = SPLIT_POW_LO[k] as number;
  const l = xl * bl - (h - xh * bh - xl * bh - xh * bl);
  const r = nearestInteger(h);
  const f = h - r; // exact
  const t = f + l; // exact: both small, few bits
  let c = nearestInteger(t);
  if (t - Math.floor(t) === 0.5) {
    // A tie: String takes the even one of the two nearest decimals
    // (ECMA-262 Number::toString); r + down's parity without rounding.
    const down = Math.floor(t);
    c = Math.abs((r % 2) + (down % 2)) % 2 === 0 ? down : down + 1;
  }
  if (!(Math.abs(c - f - l) < scale * half)) return false;
  WIDE.k = k;
  WIDE.hi = r;
  WIDE.lo = c;
  return true;
}

/**
 * Fills {@link WIDE} with the fewest places k <= 22 and the exact integer
 * M = hi + lo of the decimal `String(x)` writes (x finite); false when no
 * k <= 22 works (|x| below about 1e-6 with 17 digits), |x| >= 2^53, or M
 * would pass 2^70. A decimal of k places is also one of k + 1, so the
 * fewest is found by bisection, starting at the 16 significant digits most
 * doubles need.
 */
export function wideDecimal(x: number): boolean {
  // Integers beyond 2^53 print rounded (1.0000000000000013e20): negative
  // places, left to the string route.
  const a = Math.abs(x);
  if (!(a < 2 ** 53)) return false;
  if (Number.isInteger(x)) {
    WIDE.k = 0;
    WIDE.hi = x;
    WIDE.lo = 0;
    return true;
  }
  const half = ulp(x) / 2;
  let t = SPLIT * x;
  const xh = t - (t - x);
  const xl = x - xh;
  t = 0;
  // Most doubles need 16 or 17 significant digits: start at 16 (k0). If k0
  // fails, count up (17 digits nearly always work); if it works and k0 - 1
  // fails, k0 is the fewest: two tests in the common case. Bracket: lo
  // fails, hi works.
  let lo = -1;
  let hi = Math.min(22, Math.max(0, 15 - Math.floor(Math.log10(a))));
  if (!test(x, xh, xl, half, hi)) {
    lo = hi;
    hi = Math.min(22, hi + 1);
    while (!test(x, xh, xl, half, hi)) {
      if (hi === 22) return false;
      lo = hi;
      hi++;
    }
  } else if (hi > 0 && !test(x, xh, xl, half, hi - 1)) {
    lo = hi - 1;
    // test(hi - 1) overwrote WIDE: take hi's integer again (it works, so this succeeds)
    test(x, xh, xl, half, hi);
  }
  let k = WIDE.k;
  let mHi = WIDE.hi;
  let mLo = WIDE.lo;
  // Short decimals (what people type) first, then bisection.
  if (lo < 0 && hi > 4) {
    for (let s = 1; s <= 4; s++) {
      if (test(x, xh, xl, half, s)) return Math.abs(WIDE.hi) < 2 ** 70;
    }
    lo = 4;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (test(x, xh, xl, half, mid)) {
      hi = mid;
      k = WIDE.k;
      mHi = WIDE.hi;
      mLo = WIDE.lo;
    } else lo = mid;
  }
  WIDE.k = k;
  WIDE.hi = mHi;
  WIDE.lo = mLo;
  return Math.abs(mHi) < 2 ** 70;
}

/** (hi + lo) 10^j exactly as a new hi + lo (j <= 22); false if it passes 2^70. */
export function scaleWide(hi: number, lo: number, j: number): boolean {
  if (j === 0) {
    WIDE.hi = hi;
    WIDE.lo = lo;
    return Math.abs(hi) < 2 ** 70;
  }
  const s = POW10[j] as number;
  // Dekker's twoProduct(hi, s) = p + e, inline (no array per value)
  const p = hi * s;
  const t = SPLIT * hi;
  const ah = t - (t - hi);
  const al = hi - ah;
  const bh = SPLIT_POW_HI[j] as number;
  const bl = SPLIT_POW_LO[j] as number;
  const e = al * bl - (p - ah * bh - al * bh - ah * bl);
  const l2 = lo * s; // small integer times 10^j: exact while below 2^53
  if (!(Math.abs(l2) < 2 ** 53) || !(Math.abs(p) < 2 ** 70)) return false;
  // p is the rounded product: an integer; e and l2 are integers well below 2^53.
  WIDE.hi = p;
  WIDE.lo = e + l2;
  return Math.abs(WIDE.lo) < 2 ** 53;
}

/**
 * A column of exact integers as signed 18-bit limbs, lowest first: value i
 * is sum_j limbs[j][i] 2^(18 j). Three limbs for integers below 2^53 (a
 * float column, |limb| <= 2^17), four for the wide ones (below 2^70,
 * |limb| <= 2^18). Products of limbs are exact in float64 and their sums
 * are exact in blocks (below 2^52), each block's sum then added into a
 * BigInt: the one way this folder forms exact sums of products.
 */
export type Limbs = Float64Array[];

const L1 = 2 ** 18;
const L2 = 2 ** 36;
const L3 = 2 ** 54;
// exact reciprocals (powers of two): v * INV is v / L, bit for bit, and cheaper
const INV1 = 2 ** -18;
const INV2 = 2 ** -36;
const INV3 = 2 ** -54;

/** 1.5 * 2^52 (see round.ts). */
const MAGIC = 6755399441055744;

/** Scratch output of {@link splitWide}: four limbs, lowest first. */
export const LIMBS = new Float64Array(4);

/**
 * The four signed 18-bit limbs of hi + lo (|hi| < 2^70, |lo| < 2^53) into
 * {@link LIMBS}: each limb is the sum of hi's and lo's, so |limb| <= 2^18.
 * The one limb split of this folder (wideLimbs, fused.ts, powerSums.ts).
 */
export function splitWide(hi: number, lo: number): void {
  // Each quotient is below 2^51, so (q + 1.5 2^52) - 1.5 2^52 is q rounded to
  // the nearest integer (ties to even, as nearestInteger): written inline
  // to keep this function small enough for V8 to inline into the hot loops.
  // hi - h3 2^54 is exact: both are multiples of ulp(hi) <= 2^17 and the result is below 2^53.
  const h3 = hi * INV3 + MAGIC - MAGIC;
  let v = hi - h3 * L3;
  const h2 = v * INV2 + MAGIC - MAGIC;
  v -= h2 * L2;
  const h1 = v * INV1 + MAGIC - MAGIC;
  const h0 = v - h1 * L1;
  const g2 = lo * INV2 + MAGIC - MAGIC;
  let w = lo - g2 * L2;
  const g1 = w * INV1 + MAGIC - MAGIC;
  w -= g1 * L1;
  LIMBS[0] = h0 + w;
  LIMBS[1] = h1 + g1;
  LIMBS[2] = h2 + g2;
  LIMBS[3] = h3;
}

/** Four signed 18-bit limbs of each hi + lo (see {@link splitWide}), as four columns. */
export function wideLimbs(
  hi: Float64Array,
  lo: Float64Array,
): [Float64Array, Float64Array, Float64Array, Float64Array] {
  const n = hi.length;
  const out: [Float64Array, Float64Array, Float64Array, Float64Array] = [
    new Float64Array(n),
    new Float64Array(n),
    new Float64Array(n),
    new Float64Array(n),
  ];
  const [o0, o1, o2, o3] = out;
  for (let i = 0; i < n; i++) {
    splitWide(hi[i] as number, lo[i] as number);
    o0[i] = LIMBS[0] as number;
    o1[i] = LIMBS[1] as number;
    o2[i] = LIMBS[2] as number;
    o3[i] = LIMBS[3] as number;
  }
  return out;
}

/** Adds a block's float64 level sums (exact integers) into the BigInt totals. */
export function addLevels(totals: bigint[], sums: readonly number[]): void {
  for (let k = 0; k < sums.length; k++)
    totals[k] = (totals[k] as bigint) + BigInt(sums[k] as number);
}

/** sum_k levels[k] 2^(18 k). */
export function fromLevels(levels: readonly bigint[]): bigint {
  let s = 0n;
  for (let k = levels.length - 1; k >= 0; k--) s = (s << 18n) + (levels[k] as bigint);
  return s;
}

/** Rows per block: at most 4 products of 2^36 per level and row, 2^14 rows: below 2^52. */
const BLOCK = 2 ** 14;

/** Exact sum_i a_i b_i of two columns given by 4 limbs each. */
function dot4(a: Limbs, b: Limbs): bigint {
  const n = (a[0] as Float64Array).length;
  const [a0, a1, a2, a3] = a as [Float64Array, Float64Array, Float64Array, Float64Array];
  const [b0, b1, b2, b3] = b as [Float64Array, Float64Array, Float64Array, Float64Array];
  const total = new Array<bigint>(7).fill(0n);
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    for (let i = start; i < end; i++) {
      const x0 = a0[i] as number;
      const x1 = a1[i] as number;
      const x2 = a2[i] as number;
      const x3 = a3[i] as number;
      const y0 = b0[i] as number;
      const y1 = b1[i] as number;
      const y2 = b2[i] as number;
      const y3 = b3[i] as number;
      s0 += x0 * y0;
      s1 += x0 * y1 + x1 * y0;
      s2 += x0 * y2 + x1 * y1 + x2 * y0;
      s3 += x0 * y3 + x1 * y2 + x2 * y1 + x3 * y0;
      s4 += x1 * y3 + x2 * y2 + x3 * y1;
      s5 += x2 * y3 + x3 * y2;
      s6 += x3 * y3;
    }
    addLevels(total, [s0, s1, s2, s3, s4, s5, s6]);
  }
  return fromLevels(total);
}

/** Exact sum of a column given by its limbs (three or four). */
export function limbSum(a: Limbs): bigint {
  let sum = 0n;
  for (let level = a.length - 1; level >= 0; level--) {
    const limb = a[level] as Float64Array;
    let total = 0n;
    for (let start = 0; start < limb.length; start += BLOCK) {
      const end = Math.min(limb.length, start + BLOCK);
      let s = 0;
      for (let i = start; i < end; i++) s += limb[i] as number;
      total += BigInt(s);
    }
    sum = (sum << 18n) + total;
  }
  return sum;
}

/** Three signed 18-bit limbs of integers below 2^53: v = l0 + l1 2^18 + l2 2^36, each |l| <= 2^17. */
export function integerLimbs(a: Float64Array): Limbs {
  const n = a.length;
  const l0 = new Float64Array(n);
  const l1 = new Float64Array(n);
  const l2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = a[i] as number;
    const h = nearestInteger(v * INV2);
    const r = v - h * L2;
    const m = nearestInteger(r * INV1);
    l2[i] = h;
    l1[i] = m;
    l0[i] = r - m * L1;
  }
  return [l0, l1, l2];
}

/** Rows per block of three-limb sums: 3 products of at most 2^34 per level and row, 2^16 rows: below 2^52. */
const BLOCK3 = 2 ** 16;

/** Exact sum_i a_i b_i of two three-limb columns (9 products per row). */
function dot3(a: Limbs, b: Limbs): bigint {
  const n = (a[0] as Float64Array).length;
  const [a0, a1, a2] = a as [Float64Array, Float64Array, Float64Array];
  const [b0, b1, b2] = b as [Float64Array, Float64Array, Float64Array];
  let t0 = 0n;
  let t1 = 0n;
  let t2 = 0n;
  let t3 = 0n;
  let t4 = 0n;
  for (let start = 0; start < n; start += BLOCK3) {
    const end = Math.min(n, start + BLOCK3);
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let i = start; i < end; i++) {
      const x0 = a0[i] as number;
      const x1 = a1[i] as number;
      const x2 = a2[i] as number;
      const y0 = b0[i] as number;
      const y1 = b1[i] as number;
      const y2 = b2[i] as number;
      s0 += x0 * y0;
      s1 += x0 * y1 + x1 * y0;
      s2 += x0 * y2 + x1 * y1 + x2 * y0;
      s3 += x1 * y2 + x2 * y1;
      s4 += x2 * y2;
    }
    t0 += BigInt(s0);
    t1 += BigInt(s1);
    t2 += BigInt(s2);
    t3 += BigInt(s3);
    t4 += BigInt(s4);
  }
  return t0 + (t1 << 18n) + (t2 << 36n) + (t3 << 54n) + (t4 << 72n);
}

/** Exact sum_i a_i b_i of two limb columns (three or four limbs each; a missing top limb is 0). */
export function limbDot(a: Limbs, b: Limbs): bigint {
  if (a.length === 3 && b.length === 3) return dot3(a, b);
  const pad = (l: Limbs): Limbs =>
    l.length === 4 ? l : [...l, new Float64Array((l[0] as Float64Array).length)];
  return dot4(pad(a), pad(b));
}
