import { RESOLVED_ERROR } from './design';
import { productError } from './doubleDouble';
import { finishFit } from './finishFit';
import type { OlsResult } from './fit';
import { olsBuffer } from './olsColumns';
import { olsDecimalCorrections } from './olsDecimal';
import { addCorrections, dot2Error, olsGram } from './olsGram';
import { olsSolve } from './olsSolve';

const U = 2 ** -53;
const TWO_53 = 2 ** 53;
/** Values of x sampled to tell full-precision data from short decimals. */
const SAMPLE = 32;
/** The highest power taken here (the binomial back-transform stays exact in float64). */
const MAX_POWER = 5;

/**
 * polyfit on ols's fused lane, for full-precision x (17-digit doubles):
 * the powers t^k of t = (x - c) / s (c a short binary number near the
 * middle of x's range, s a power of two near its half width, so the design
 * is as well conditioned as the data allow) written once into column
 * buffers, the augmented Gram matrix of [1 t .. t^d y] in double-double
 * (`olsGram`), the double-double Cholesky with its rigorous first-order
 * bound (`olsSolve`), and the coefficients of powers of x read off as
 * exact combinations of the working ones (binomial theorem, each entry
 * exact in float64), which `olsSolve` bounds like any other.
 *
 * The data are the decimals the user wrote. The raw doubles are tried
 * first, with the error of the powers of x's rounding counted per column;
 * when that bound fails, x's and y's decimals are resolved (`olsDecimal`)
 * and each power column gets its correction: the double-double power of
 * (x + dx - c) / s minus the column's float64 value. null when x is short
 * decimals (the exact and QR lanes answer those), the degree is past 5,
 * the shift cannot be written exactly, or the bound still fails: the
 * caller then takes `polyfitFloat`.
 */
export function polyfitFused(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  first: number,
  p: number,
  hasIntercept: boolean,
): OlsResult | null {
  const n = xs.length;
  const top = first + p - 1;
  if (top > MAX_POWER || n > 2 ** 40 || !fullPrecision(xs)) return null;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = xs[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const half = (max - min) / 2;
  if (!(half > 1e-100 && half < 1e100)) return null;
  const s = 2 ** Math.round(Math.log2(half));
  // c = m g with g = s / 256: a few bits, so the binomial entries are exact.
  const g = s / 256;
  const m = hasIntercept ? Math.round((min + half) / g) : 0;
  const c = m * g;
  const transform = backTransform(m, g, s, first, p);
  if (transform === null) return null;
  const a = Math.abs(c) / s;

  // Columns t^k (k = max(first, 1)..top), then y.
  const kFirst = Math.max(first, 1);
  const d = top - kFirst + 1;
  const columns: Float64Array[] = [];
  for (let j = 0; j <= d; j++) columns.push(olsBuffer(j, n));
  const inv = 1 / s;
  const c1 = columns[0] as Float64Array;
  for (let i = 0; i < n; i++) c1[i] = ((xs[i] as number) - c) * inv;
  if (kFirst === 1) {
    for (let j = 1; j < d; j++) {
      const prev = columns[j - 1] as Float64Array;
      const col = columns[j] as Float64Array;
      for (let i = 0; i < n; i++) col[i] = (prev[i] as number) * (c1[i] as number);
    }
  }
  const yColumn = columns[d] as Float64Array;
  for (let i = 0; i < n; i++) yColumn[i] = ys[i] as number;
  if (kFirst !== 1) return null; // (first is 0 or 1: unreachable)

  const maxAbs = columns.map(() => Number.POSITIVE_INFINITY);
  const gram = olsGram(columns, hasIntercept, maxAbs);
  const q = gram.q;
  const k0 = hasIntercept ? 1 : 0;
  const rootN = Math.sqrt(n);
  // Per power k, |value - ((X - c) / s)^k| <= rel |value| + abs for the
  // decimal X (|x - X| <= u |x|, one rounding in x - c, k - 1 in the
  // products); as a column's 2-norm, eps = rel + abs sqrt(n) / ||column||.
  const columnEps = (k: number, rel: number, abs: number) => {
    const norm = Math.sqrt(gram.hi[(k - kFirst + k0) * (q + 1)] as number);
    return rel + (abs * rootN) / norm;
  };
  const eps: number[] = hasIntercept ? [0] : [];
  for (let k = kFirst; k <= top; k++) {
    eps.push(columnEps(k, 1.01 * U * (3 * k - 1 + k * a), 1.01 * U * k * a));
  }
  eps.push(U);
  const zeros = new Array<number>(d + 1).fill(0);
  const outputs = { rows: transform.rows, givenTransform: transform.given };
  const input = {
    n,
    intercept: hasIntercept,
    gram,
    eps,
    sumError: dot2Error(n),
    places: zeros,
    shifts: zeros,
    outputs,
  };
  let solved = olsSolve(input);
  if (solved === null) {
    const rawMax = Math.max(...eps);
    const dx = olsBuffer(d + 1, n);
    const deltas: (Float64Array | null)[] = columns.map(() => null);
    for (let i = 0; i < n; i++) dx[i] = xs[i] as number;
    if (olsDecimalCorrections(dx, dx) === n) {
      for (let j = 0; j < d; j++) deltas[j] = olsBuffer(d + 2 + j, n);
      powerCorrections(xs, dx, c, inv, columns, deltas, d);
      for (let k = kFirst; k <= top; k++) {
        eps[k - kFirst + k0] = columnEps(
          k,
          1.1 * U * U * (20 * k + 7 * k * a + 8),
          1.1 * U * U * 7 * k * a,
        );
      }
    }
    const dy = olsBuffer(2 * d + 2, n);
    if (olsDecimalCorrections(yColumn, dy) === n) {
      deltas[d] = dy;
      eps[d + k0] = RESOLVED_ERROR;
    }
    if (deltas.every((v) => v === null)) return null;
    addCorrections(gram, columns, deltas, hasIntercept);
    // The corrections' float64 sums ((n + 2) u of terms below rawMax of the
    // entries, twice) and the dropped products of two corrections.
    const correctionError = (2 * (n + 2) * U * rawMax + rawMax * rawMax) * 1.01;
    solved = olsSolve({ ...input, sumError: dot2Error(n) + correctionError });
  }
  if (solved === null) return null;
  return finishFit(solved.fit, p - k0, n - p, solved.conditionNumber, 'float64');
}

/**
 * Whether x holds full-precision doubles: some sampled value needs more
 * than 15 significant digits (short decimals, whatever their offset, stay
 * on polyfit's exact and QR lanes, which answer them exactly).
 */
function fullPrecision(xs: ArrayLike<number>): boolean {
  const step = Math.max(1, Math.floor(xs.length / SAMPLE));
  for (let i = 0; i < xs.length; i += step) {
    const v = xs[i] as number;
    if (Number(v.toPrecision(15)) !== v) return true;
  }
  return false;
}

/**
 * x^k = sum_j C(k, j) s^j c^(k - j) t^j with c = m g: the coefficient of
 * x^k is rows[k] . beta (beta on t^j), rows[k][j] = C(j, k) (-c)^(j - k) /
 * s^j, and the design in x is the design in t times given, given[j][k] =
 * C(k, j) s^j c^(k - j) (indices from `first`). null when an entry is not
 * exact in float64 (the integer C m^e past 2^53).
 */
function backTransform(
  m: number,
  g: number,
  s: number,
  first: number,
  p: number,
): { rows: number[][]; given: number[][] } | null {
  const rows = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const given = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let k = 0; k < p; k++) {
    for (let j = k; j < p; j++) {
      const K = k + first;
      const J = j + first;
      const e = J - K;
      const integer = binomial(J, K) * (-m) ** e;
      if (!(Math.abs(integer) < TWO_53)) return null;
      // (times powers of two: exact unless out of range, checked below)
      const r = (integer * g ** e) / s ** J;
      const w = binomial(J, K) * m ** e * g ** e * s ** K;
      (rows[k] as number[])[j] = r;
      (given[k] as number[])[j] = w;
      if (integer !== 0 && !(Number.isFinite(r) && r !== 0 && Number.isFinite(w) && w !== 0))
        return null;
    }
  }
  return { rows, given };
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/**
 * The power columns' decimal corrections: with X = x + dx (dx from the
 * decimal), T = (X - c) / s in double-double (x - c by TwoSum, then dx),
 * its powers by double-double products, and delta_k = T^k - value_k.
 */
function powerCorrections(
  xs: ArrayLike<number>,
  dx: Float64Array,
  c: number,
  inv: number,
  columns: Float64Array[],
  deltas: (Float64Array | null)[],
  d: number,
): void {
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const sh = x - c;
    const bb = sh - x;
    const sl = x - (sh - bb) + (-c - bb) + (dx[i] as number);
    const th = (sh + sl) * inv;
    const tl = (sl - (sh + sl - sh)) * inv;
    let hi = th;
    let lo = tl;
    for (let j = 0; j < d; j++) {
      if (j > 0) {
        const h = hi * th;
        const l = productError(hi, th, h) + hi * tl + lo * th;
        hi = h + l;
        lo = l - (hi - h);
      }
      (deltas[j] as Float64Array)[i] = hi - ((columns[j] as Float64Array)[i] as number) + lo;
    }
  }
}
