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
    let t = SPLITTER * a;
    const ah = t - (t - a);
    const al = a - ah;
    t = SPLITTER * b;
    const bh = t - (t - b);
    const bl = b - bh;
    const pe = al * bl - (p - ah * bh - al * bh - ah * bl);
    this.add(p, pe);
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
