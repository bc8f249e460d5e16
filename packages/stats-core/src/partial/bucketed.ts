/**
 * Exact sums of full-precision columns by decimal places, without bringing
 * each value to the column's finest scale. Value i is X_i 10^-p_i, X_i the
 * integer of its shortest decimal (p_i declared by the reader); a decimal
 * of at most 17 significant digits has X_i < 10^17 < 2^57, so X_i is three
 * signed 19-bit limbs (|limb| <= 2^19) whose products (at most 2^38) add
 * up exactly in float64. The sums are kept per places (per pair of places
 * for x y): sum X = sum_p 10^(S - p) sum_{p_i = p} X_i, and likewise for
 * the products, the powers of ten applied once per bucket at the end in
 * BigInt. This skips fused.ts's per-value rescaling (a second Dekker
 * product) and its four-limb split; the totals are the same integers, so
 * the states are the same strings.
 */
import type { ExactPlan, PairSums } from './fused';
import { WIDE, wideAt } from './wide';

/** Unscaled integers up to here (10^17 < 1.2e17 < 2^57) fit three 19-bit limbs. */
export const BUCKET_LIMIT = 1.2e17;

/** Places 0..22: one bucket each. */
const PLACES = 23;
/**
 * Rows between carries into BigInt: each level of a row adds at most three
 * products of (2^19 + 2^5)^2 (the low limb also holds the Dekker
 * remainder, below 2^5), so 2^12 rows stay below 0.76 2^52: exact.
 */
export const BUCKET_ROWS = 2 ** 12;

const L1 = 2 ** 19;
const L2 = 2 ** 38;
const INV1 = 2 ** -19;
const INV2 = 2 ** -38;
/** 1.5 * 2^52 (see round.ts): q + MAGIC - MAGIC rounds |q| < 2^51. */
const MAGIC = 6755399441055744;

/** Scratch: the three limbs of the last {@link limbs19}, lowest first. */
const L = new Float64Array(3);

/** X = round(v 10^p) exactly (wide.ts's wideAt), as three signed 19-bit limbs into L. */
function limbs19(v: number, p: number): void {
  wideAt(v, p);
  const hi = WIDE.hi;
  // hi < 2^57: h2 2^38 and h1 2^19 are exact multiples of hi's spacing, so each difference is exact
  const h2 = hi * INV2 + MAGIC - MAGIC;
  const r = hi - h2 * L2;
  const h1 = r * INV1 + MAGIC - MAGIC;
  L[0] = r - h1 * L1 + WIDE.lo;
  L[1] = h1;
  L[2] = h2;
}

/** Per-bucket BigInt totals of `levels` limb levels, `buckets` buckets. */
class Totals {
  readonly sums: bigint[];
  constructor(
    readonly buckets: number,
    readonly levels: number,
  ) {
    this.sums = new Array<bigint>(buckets * levels).fill(0n);
  }

  /** Adds the float levels of the listed buckets (exact integers) and clears them. */
  carry(acc: Float64Array, list: readonly number[]): void {
    const w = this.levels;
    for (const b of list) {
      for (let k = b * w; k < b * w + w; k++) {
        const v = acc[k] as number;
        if (v !== 0) {
          this.sums[k] = (this.sums[k] as bigint) + BigInt(v);
          acc[k] = 0;
        }
      }
    }
  }

  /** sum over the listed buckets of (the bucket's integer) 10^shift(b). */
  total(list: readonly number[], shift: (b: number) => number): bigint {
    const w = this.levels;
    let s = 0n;
    for (const b of list) {
      let v = 0n;
      for (let k = b * w + w - 1; k >= b * w; k--) v = (v << 19n) + (this.sums[k] as bigint);
      // an empty bucket may lie beyond the scale (a negative shift): skip it
      if (v !== 0n) s += v * 10n ** BigInt(shift(b));
    }
    return s;
  }
}

const ALL_PLACES = Array.from({ length: PLACES }, (_, p) => p);

/** Exact sum X and sum X^2 on the plan's scale (plan.unscaled <= BUCKET_LIMIT). */
export function bucketedMomentSums(plan: ExactPlan): { s1: bigint; s2: bigint } {
  const { values, places, scale } = plan;
  const n = values.length;
  const a1 = new Float64Array(PLACES * 3);
  const a2 = new Float64Array(PLACES * 5);
  const t1 = new Totals(PLACES, 3);
  const t2 = new Totals(PLACES, 5);
  for (let start = 0; start < n; start += BUCKET_ROWS) {
    const end = Math.min(n, start + BUCKET_ROWS);
    for (let i = start; i < end; i++) {
      const p = places[i] as number;
      limbs19(values[i] as number, p);
      const x0 = L[0] as number;
      const x1 = L[1] as number;
      const x2 = L[2] as number;
      let k = p * 3;
      a1[k] = (a1[k] as number) + x0;
      a1[k + 1] = (a1[k + 1] as number) + x1;
      a1[k + 2] = (a1[k + 2] as number) + x2;
      k = p * 5;
      a2[k] = (a2[k] as number) + x0 * x0;
      a2[k + 1] = (a2[k + 1] as number) + 2 * x0 * x1;
      a2[k + 2] = (a2[k + 2] as number) + (2 * x0 * x2 + x1 * x1);
      a2[k + 3] = (a2[k + 3] as number) + 2 * x1 * x2;
      a2[k + 4] = (a2[k + 4] as number) + x2 * x2;
    }
    t1.carry(a1, ALL_PLACES);
    t2.carry(a2, ALL_PLACES);
  }
  return {
    s1: t1.total(ALL_PLACES, (p) => scale - p),
    s2: t2.total(ALL_PLACES, (p) => 2 * (scale - p)),
  };
}

/** Exact sum X, sum Y, sum X^2, sum X Y, sum Y^2, each on its plan's scale (both unscaled <= BUCKET_LIMIT). */
export function bucketedPairSums(px: ExactPlan, py: ExactPlan): PairSums {
  const { values: x, places: xp, scale: xs } = px;
  const { values: y, places: yp, scale: ys } = py;
  const n = x.length;
  const ax = new Float64Array(PLACES * 3);
  const ay = new Float64Array(PLACES * 3);
  const axx = new Float64Array(PLACES * 5);
  const ayy = new Float64Array(PLACES * 5);
  const axy = new Float64Array(PLACES * PLACES * 5);
  const tx = new Totals(PLACES, 3);
  const ty = new Totals(PLACES, 3);
  const txx = new Totals(PLACES, 5);
  const tyy = new Totals(PLACES, 5);
  const txy = new Totals(PLACES * PLACES, 5);
  // the (p, q) buckets of x y that any row reached
  const seen = new Uint8Array(PLACES * PLACES);
  const pairs: number[] = [];
  for (let start = 0; start < n; start += BUCKET_ROWS) {
    const end = Math.min(n, start + BUCKET_ROWS);
    for (let i = start; i < end; i++) {
      const p = xp[i] as number;
      limbs19(x[i] as number, p);
      const x0 = L[0] as number;
      const x1 = L[1] as number;
      const x2 = L[2] as number;
      const q = yp[i] as number;
      limbs19(y[i] as number, q);
      const y0 = L[0] as number;
      const y1 = L[1] as number;
      const y2 = L[2] as number;
      let k = p * 3;
      ax[k] = (ax[k] as number) + x0;
      ax[k + 1] = (ax[k + 1] as number) + x1;
      ax[k + 2] = (ax[k + 2] as number) + x2;
      k = q * 3;
      ay[k] = (ay[k] as number) + y0;
      ay[k + 1] = (ay[k + 1] as number) + y1;
      ay[k + 2] = (ay[k + 2] as number) + y2;
      k = p * 5;
      axx[k] = (axx[k] as number) + x0 * x0;
      axx[k + 1] = (axx[k + 1] as number) + 2 * x0 * x1;
      axx[k + 2] = (axx[k + 2] as number) + (2 * x0 * x2 + x1 * x1);
      axx[k + 3] = (axx[k + 3] as number) + 2 * x1 * x2;
      axx[k + 4] = (axx[k + 4] as number) + x2 * x2;
      k = q * 5;
      ayy[k] = (ayy[k] as number) + y0 * y0;
      ayy[k + 1] = (ayy[k + 1] as number) + 2 * y0 * y1;
      ayy[k + 2] = (ayy[k + 2] as number) + (2 * y0 * y2 + y1 * y1);
      ayy[k + 3] = (ayy[k + 3] as number) + 2 * y1 * y2;
      ayy[k + 4] = (ayy[k + 4] as number) + y2 * y2;
      const b = p * PLACES + q;
      if (seen[b] === 0) {
        seen[b] = 1;
        pairs.push(b);
      }
      k = b * 5;
      axy[k] = (axy[k] as number) + x0 * y0;
      axy[k + 1] = (axy[k + 1] as number) + (x0 * y1 + x1 * y0);
      axy[k + 2] = (axy[k + 2] as number) + (x0 * y2 + x1 * y1 + x2 * y0);
      axy[k + 3] = (axy[k + 3] as number) + (x1 * y2 + x2 * y1);
      axy[k + 4] = (axy[k + 4] as number) + x2 * y2;
    }
    tx.carry(ax, ALL_PLACES);
    ty.carry(ay, ALL_PLACES);
    txx.carry(axx, ALL_PLACES);
    tyy.carry(ayy, ALL_PLACES);
    txy.carry(axy, pairs);
  }
  return {
    sx: tx.total(ALL_PLACES, (p) => xs - p),
    sy: ty.total(ALL_PLACES, (q) => ys - q),
    sxx: txx.total(ALL_PLACES, (p) => 2 * (xs - p)),
    sxy: txy.total(pairs, (b) => xs - Math.floor(b / PLACES) + ys - (b % PLACES)),
    syy: tyy.total(ALL_PLACES, (q) => 2 * (ys - q)),
  };
}
