/**
 * polyfit's exact power sums without BigInt per value: sum X^j (j <= 2d)
 * and sum X^j Y (j <= d) for integer columns whose values the float64
 * powers cannot hold (full-precision doubles, or offsets with a high
 * degree). Each value's powers are kept as signed 18-bit limbs, normalised
 * after every product (|limb| <= 2^17), so every limb product (at most
 * 2^34), every level of a product (at most four terms against the four
 * limbs of X or Y: 2^36 plus a carry) and every per-level sum over rows
 * (at most 2^17 per row, 2^30 rows) is an exact float64 integer. The level
 * sums become one BigInt per power at the end: the same integers as the
 * BigInt route, so the state's JSON is the same.
 */
import type { IntegerColumn } from './columns';
import { nearestInteger } from './round';
import { LIMBS, splitWide } from './wide';

const L1 = 2 ** 18;
const INV1 = 2 ** -18;
/** Rows summed per level in float64 before the levels go to BigInt (2^30 x 2^17 < 2^52). */
const ROWS = 2 ** 30;

/** Value i of a float or wide column as normalised limbs into `out`; returns their count (at most 5). */
function valueLimbs(c: IntegerColumn, i: number, out: Float64Array): number {
  let hi: number;
  let lo: number;
  if (c.kind === 'float') {
    hi = c.ints[i] as number;
    lo = 0;
  } else if (c.kind === 'wide') {
    hi = c.hi[i] as number;
    lo = c.lo[i] as number;
  } else throw new Error('internal: valueLimbs needs a float or wide column');
  splitWide(hi, lo);
  out.set(LIMBS);
  out[4] = 0;
  return normalise(out, 5);
}

/** Carries `t[0..len)` into limbs of |limb| <= 2^17; returns the new length (carries past len appended). */
function normalise(t: Float64Array, len: number): number {
  let carry = 0;
  let k = 0;
  for (; k < len; k++) {
    const v = (t[k] as number) + carry;
    carry = nearestInteger(v * INV1);
    t[k] = v - carry * L1;
  }
  while (carry !== 0) {
    const v = carry;
    carry = nearestInteger(v * INV1);
    t[k] = v - carry * L1;
    k++;
  }
  while (k > 1 && t[k - 1] === 0) k--;
  return k;
}

/** out[0..la+lb-1) = a[0..la) * b[0..lb) (unnormalised; lb <= 5 keeps each level exact). */
function multiply(
  a: Float64Array,
  la: number,
  b: Float64Array,
  lb: number,
  out: Float64Array,
): number {
  const len = la + lb - 1;
  out.fill(0, 0, len + 8);
  for (let i = 0; i < la; i++) {
    const ai = a[i] as number;
    if (ai === 0) continue;
    for (let j = 0; j < lb; j++) out[i + j] = (out[i + j] as number) + ai * (b[j] as number);
  }
  return len;
}

/** sum_k levels[k] 2^(18 k). */
function fromLevels(levels: Float64Array, len: number): bigint {
  let s = 0n;
  for (let k = len - 1; k >= 0; k--) s = (s << 18n) + BigInt(levels[k] as number);
  return s;
}

/**
 * Exact sum_i X_i^j for j = 1..2d and sum_i X_i^j Y_i for j = 0..d
 * (float or wide columns of one length), as BigInts on the columns' own
 * scales: xPowers[j - 1], xPowersY[j].
 */
export function powerSumsByLimbs(
  X: IntegerColumn,
  Y: IntegerColumn,
  d: number,
): { xPowers: bigint[]; xPowersY: bigint[] } {
  const n = X.kind === 'big' ? X.ints.length : X.kind === 'float' ? X.ints.length : X.hi.length;
  // X^j has at most 4j + 2 limbs of 18 bits (|X| < 2^70): room for j = 2d, with carries
  const width = 4 * 2 * d + 16;
  const xl = new Float64Array(8);
  const yl = new Float64Array(8);
  let power = new Float64Array(width);
  let next = new Float64Array(width);
  const product = new Float64Array(width);
  const acc = Array.from({ length: 2 * d }, () => new Float64Array(width));
  const accY = Array.from({ length: d + 1 }, () => new Float64Array(width));
  const lenX = new Int32Array(2 * d);
  const lenY = new Int32Array(d + 1);
  const totals = Array.from({ length: 2 * d }, () => 0n);
  const totalsY = Array.from({ length: d + 1 }, () => 0n);
  const flush = () => {
    for (let j = 0; j < 2 * d; j++) {
      totals[j] = (totals[j] as bigint) + fromLevels(acc[j] as Float64Array, lenX[j] as number);
      (acc[j] as Float64Array).fill(0);
    }
    for (let j = 0; j <= d; j++) {
      totalsY[j] = (totalsY[j] as bigint) + fromLevels(accY[j] as Float64Array, lenY[j] as number);
      (accY[j] as Float64Array).fill(0);
    }
  };
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % ROWS === 0) flush();
    const lx = valueLimbs(X, i, xl);
    const ly = valueLimbs(Y, i, yl);
    // X^0 Y = Y
    const a0 = accY[0] as Float64Array;
    for (let k = 0; k < ly; k++) a0[k] = (a0[k] as number) + (yl[k] as number);
    if (ly > (lenY[0] as number)) lenY[0] = ly;
    power.set(xl.subarray(0, lx));
    let lp = lx;
    for (let j = 1; j <= 2 * d; j++) {
      const a = acc[j - 1] as Float64Array;
      for (let k = 0; k < lp; k++) a[k] = (a[k] as number) + (power[k] as number);
      if (lp > (lenX[j - 1] as number)) lenX[j - 1] = lp;
      if (j <= d) {
        const lq = normalise(product, multiply(power, lp, yl, ly, product));
        const b = accY[j] as Float64Array;
        for (let k = 0; k < lq; k++) b[k] = (b[k] as number) + (product[k] as number);
        if (lq > (lenY[j] as number)) lenY[j] = lq;
      }
      if (j < 2 * d) {
        lp = normalise(next, multiply(power, lp, xl, lx, next));
        const t = power;
        power = next;
        next = t;
      }
    }
  }
  flush();
  return { xPowers: totals, xPowersY: totalsY };
}
