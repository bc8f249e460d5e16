/**
 * Error-free transformations for double-double (compensated) arithmetic:
 * a value is carried as hi + lo with |lo| <= ulp(hi) / 2. Products use
 * Dekker's split (JavaScript has no fused multiply-add).
 */

const SPLITTER = 134217729; // 2^27 + 1

/** Accumulates sum_i a_i b_i in double-double: [hi, lo]. */
export class DoubleDouble {
  hi = 0;
  lo = 0;

  /** Adds a * b (the product exactly, then an error-free sum). */
  addProduct(a: number, b: number): void {
    const p = a * b;
    this.add(p, productError(a, b, p));
  }

  /** Adds x + e (e small relative to x, e.g. the low part of another double-double). */
  add(x: number, e = 0): void {
    const s = this.hi + x;
    const bb = s - this.hi;
    const err = this.hi - (s - bb) + (x - bb);
    const lo = this.lo + err + e;
    const hi = s + lo;
    this.lo = lo - (hi - s);
    this.hi = hi;
  }
}

/**
 * sum_i a_i b_i by Ogita, Rump and Oishi's Dot2 (exact products, compensated
 * sums), left unrounded: returns [hi, lo] with |hi + lo - a^T b| <= about
 * n^2 u^2 |a|^T |b| (plus u |a^T b| once rounded to one double). `from` and
 * `to` limit it to a range of indices.
 */
export function dot2(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  from = 0,
  to = a.length,
): [number, number] {
  let p = 0;
  let s = 0;
  for (let i = from; i < to; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    const h = x * y;
    const r = productError(x, y, h);
    const q = p + h;
    const bb = q - p;
    s += p - (q - bb) + (h - bb) + r;
    p = q;
  }
  return [p, s];
}

/** Entries per block of {@link dot2Blocked}. */
export const DOT_BLOCK = 1024;

/**
 * Dot2 over blocks of {@link DOT_BLOCK} entries, the blocks' [hi, lo] summed
 * in double-double: the error bound grows like (B^2 + n / B) u^2 |a|^T |b|
 * (B the block) instead of Dot2's n^2 u^2, which at n = 1e6 is the
 * difference between 1e-25 and 1e-20 of the magnitudes.
 */
export function dot2Blocked(a: ArrayLike<number>, b: ArrayLike<number>): [number, number] {
  const n = a.length;
  if (n <= DOT_BLOCK) return dot2(a, b);
  const acc = new DoubleDouble();
  for (let from = 0; from < n; from += DOT_BLOCK) {
    const [hi, lo] = dot2(a, b, from, Math.min(n, from + DOT_BLOCK));
    acc.add(hi, lo);
  }
  return [acc.hi, acc.lo];
}

/** a b - fl(a b) exactly (Dekker's product; a and b well inside the float range). */
export function productError(a: number, b: number, product: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (product - ah * bh - al * bh - ah * bl);
}

/**
 * An unevaluated sum hi + lo (|lo| <= ulp(hi) / 2) for the small dense
 * algebra of a least-squares solve (p x p factors, p <= a few dozen): each
 * operation returns a new pair, good to a few units of 2^-104 relative.
 */
export interface Dd {
  hi: number;
  lo: number;
}

export const dd = (hi: number, lo = 0): Dd => ({ hi, lo });

/** a + b. */
export function ddAdd(a: Dd, b: Dd): Dd {
  const s = a.hi + b.hi;
  const bb = s - a.hi;
  const e = a.hi - (s - bb) + (b.hi - bb) + a.lo + b.lo;
  const hi = s + e;
  return { hi, lo: e - (hi - s) };
}

/** a - b. */
export function ddSub(a: Dd, b: Dd): Dd {
  return ddAdd(a, { hi: -b.hi, lo: -b.lo });
}

/** a b. */
export function ddMul(a: Dd, b: Dd): Dd {
  const p = a.hi * b.hi;
  const e = productError(a.hi, b.hi, p) + (a.hi * b.lo + a.lo * b.hi);
  const hi = p + e;
  return { hi, lo: e - (hi - p) };
}

/** a / b (two quotient digits and a correction). */
export function ddDiv(a: Dd, b: Dd): Dd {
  const q1 = a.hi / b.hi;
  const r = ddSub(a, ddMul(b, { hi: q1, lo: 0 }));
  const q2 = r.hi / b.hi;
  const r2 = ddSub(r, ddMul(b, { hi: q2, lo: 0 }));
  const q3 = r2.hi / b.hi;
  const hi = q1 + q2;
  return { hi, lo: q2 - (hi - q1) + q3 };
}

/** sqrt(a) for a > 0 (one Newton step from the float64 root). */
export function ddSqrt(a: Dd): Dd {
  const x = Math.sqrt(a.hi);
  const r = ddSub(a, ddMul({ hi: x, lo: 0 }, { hi: x, lo: 0 }));
  const c = r.hi / (2 * x);
  const hi = x + c;
  return { hi, lo: c - (hi - x) };
}
