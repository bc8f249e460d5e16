import { noteLane } from '../../internal/lanes';
import { PRIME_F64, primeLike, primeOnce } from '../../internal/prime';
import { columnDot, columnSum, type IntegerColumn, integerColumn } from '../../partial/columns';
import { type Limbs, POW10, wideLimbs } from '../../partial/wide';
import { productError } from './doubleDouble';
import type { ExactNormalEquations } from './exactNormalEquations';
import { finishFit } from './finishFit';
import type { OlsResult } from './fit';
import { olsBig } from './olsBig';
import { solveExactRational } from './polyfitExactSolve';
import { polynomialLabels } from './polyfitFloat';
import { singularValues } from './singularValues';

/**
 * The exact normal equations of a polynomial fit, from power sums taken on
 * shifted integers in float64 (no BigInt per value), with what the
 * condition number needs.
 */
export interface ShiftedPowerSums {
  /** The normal equations in powers of x, exactly (the same integers as `polynomialNormalEquations`). */
  equations: ExactNormalEquations;
  /** 2-norm condition number of the design in powers of x, a few digits. */
  conditionNumber: number;
}

/** Shifted integers at most this large, so the products of two limbs stay exact. */
const MAX_SHIFTED = 2 ** 26;
/** A power kept as hi + lo (the `wide` columns of partial/columns.ts) up to this. */
const WIDE_LIMIT = 2 ** 70;
/** Rows per chunk: the per-chunk columns stay in the young generation (no old-space GC). */
const CHUNK = 4096;

/**
 * polyfit on the exact normal equations from {@link shiftedPowerSums},
 * solved at 64 digits (`olsBig`, the BigNumber lane, which also names the
 * columns of a singular design); null when the shifted sums do not apply.
 * Inputs are checked by the caller.
 */
export function polyfitExact(
  fn: string,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  first: number,
  p: number,
  hasIntercept: boolean,
): OlsResult | null {
  const sums = shiftedPowerSums(fn, xs, ys, first, p);
  if (sums === null) return null;
  noteLane('bignumber');
  const n = xs.length;
  const core =
    solveExactRational(sums.equations, n, hasIntercept) ??
    olsBig({
      fn,
      n,
      columns: [],
      labels: polynomialLabels(first, p),
      hasIntercept,
      representationUlps: first + p - 1,
      y: ys,
      // olsBig reads only the exact normal equations (and n, labels, hasIntercept).
      decimalColumns: () => ({ lo: [], error: 0 }),
      exactColumns: () => [],
      exactNormalEquations: () => sums.equations,
    });
  return finishFit(core, hasIntercept ? p - 1 : p, n - p, sums.conditionNumber, 'bignumber');
}

/**
 * Power sums of the decimal inputs as exact integers, without a BigInt per
 * value. The decimals x and y are read as integers X = x 10^-e and
 * Y = y 10^-f below 2^53 (partial/columns.ts's `integerColumn`, the core's
 * decimal rule); each is shifted by an integer near the middle of its range,
 * T = X - C and V = Y - D, both exact. At degree 3 or less one fused pass
 * ({@link cubicSums}) reads, shifts and sums in 18-bit limbs; otherwise
 * (and when that pass declines) the column route: the powers T^k in
 * float64 while below 2^53, then as exact pairs hi + lo (Dekker's product)
 * below 2^70, and the sums of T^m, T^k V and V^2 as exact limb sums
 * (partial/wide.ts), one BigInt per block of rows. The binomial theorem then
 * gives the sums of X^m and X^k Y exactly, in BigInt, on the p x p scale
 * only: sum X^m = sum_j C(m, j) C^(m - j) sum T^j.
 *
 * The result is the exact normal equations the BigNumber lane solves, the
 * same integers a BigInt pass over the rows would give (tests compare them),
 * at a small fraction of the cost (2.5 us a point for BigInt powers of
 * values near 1e9).
 *
 * null (the caller keeps its float64 lane) when an x does not have a
 * short decimal (more than 15 places, or an integer of 2^53 or more), when
 * the shifted x pass 2^26, a power passes 2^70, or a y needs more than the
 * two doubles of a `wide` column (below 2^70 on the common scale). A
 * full-precision y (17 digits) is summed unshifted on the column route.
 */
export function shiftedPowerSums(
  fn: string,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  first: number,
  p: number,
): ShiftedPowerSums | null {
  const n = xs.length;
  const top = first + p - 1;
  // A full-precision x (17 significant digits) is not a short decimal: decided on the first values.
  const px = leadingPlaces(xs);
  if (px < 0) return null;
  // y with full precision (x a time index, y measurements) takes the column route only.
  const py = leadingPlaces(ys);
  const shifted =
    (top <= 3 && py >= 0 ? cubicRoute(xs, ys, px, py) : null) ?? columnRoute(fn, xs, ys, top);
  if (shifted === null) return null;
  const { tSums, tvSums, vv, tShift, vShift } = shifted;

  // Back to powers of X and Y exactly: X = T + C, Y = V + D.
  const C = BigInt(tShift);
  const D = BigInt(vShift);
  const binomials = pascal(2 * top);
  const cPowers = [1n];
  for (let k = 1; k <= 2 * top; k++) cPowers.push((cPowers[k - 1] as bigint) * C);
  // sum X^m = sum_j C(m, j) C^(m - j) sum T^j
  const xSum = (m: number, sums: bigint[]) => {
    let s = 0n;
    const row = binomials[m] as bigint[];
    for (let j = 0; j <= m; j++) {
      s += (row[j] as bigint) * (cPowers[m - j] as bigint) * (sums[j] as bigint);
    }
    return s;
  };
  const powerSums = Array.from({ length: 2 * top + 1 }, (_, m) => xSum(m, tSums));
  // sum X^k Y = sum X^k V + D sum X^k
  const momentsY = Array.from(
    { length: top + 1 },
    (_, k) => xSum(k, tvSums) + D * (powerSums[k] as bigint),
  );
  const sumV = tvSums[0] as bigint;
  const N = BigInt(n);
  const equations: ExactNormalEquations = {
    gram: Array.from({ length: p }, (_, j) =>
      Array.from({ length: p }, (_, k) => powerSums[2 * first + j + k] as bigint),
    ),
    rhs: Array.from({ length: p }, (_, j) => momentsY[first + j] as bigint),
    exponents: Array.from({ length: p }, (_, j) => (first + j) * shifted.xExponent),
    sumY: sumV + N * D,
    sumY2: vv + 2n * D * sumV + N * D * D,
    yExponent: shifted.yExponent,
  };
  return {
    equations,
    conditionNumber: shiftedConditionNumber(tSums, tShift, shifted.xExponent, first, p),
  };
}

/** Exact sums of the shifted integers t = X - tShift and v = Y - vShift (X = x 10^-xExponent, Y likewise). */
interface Shifted {
  /** sum t^m, m = 0..2 top (sum t^0 = n). */
  tSums: bigint[];
  /** sum t^k v, k = 0..top. */
  tvSums: bigint[];
  vv: bigint;
  tShift: number;
  vShift: number;
  xExponent: number;
  yExponent: number;
}

/**
 * Decimal places of the first values (at most 64), or -1 past 15 (not a
 * short decimal): for each, the fewest p with round(v 10^p) / 10^p === v.
 * A hint for the scale only; the summing pass proves every value's decimal.
 */
function leadingPlaces(values: ArrayLike<number>): number {
  let places = 0;
  for (let i = 0; i < Math.min(values.length, 64); i++) {
    const v = values[i] as number;
    let p = 0;
    while (Math.round(v * (POW10[p] as number)) / (POW10[p] as number) !== v) {
      if (++p > 15) return -1;
    }
    if (p > places) places = p;
  }
  return places;
}

/** Degree 3 or less: the one fused pass ({@link cubicSums}) on the scale of the first values. */
function cubicRoute(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  px: number,
  py: number,
): Shifted | null {
  const sx = 10 ** px;
  const sy = 10 ** py;
  const tShift = Math.round(midrange(xs) * sx);
  const vShift = Math.round(midrange(ys) * sy);
  const sums = cubicSums(xs, ys, sx, sy, tShift, vShift);
  if (sums === null) return null;
  const get = (name: string) => sums.get(name) as bigint;
  return {
    tSums: [BigInt(xs.length), get('s1'), get('s2'), get('s3'), get('s4'), get('s5'), get('s6')],
    tvSums: [get('tv0'), get('tv1'), get('tv2'), get('tv3')],
    vv: get('vv'),
    tShift,
    vShift,
    xExponent: px === 0 ? 0 : -px,
    yExponent: py === 0 ? 0 : -py,
  };
}

/** (min + max) / 2 of finite values. */
function midrange(a: ArrayLike<number>): number {
  primeOnce(midrange, () => midrange(primeLike(a)));
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min / 2 + max / 2;
}

/**
 * Any degree: the decimal integers as columns (partial/columns.ts), and the
 * powers and their products chunk by chunk as exact float64 or hi + lo
 * columns summed by limbs (partial/wide.ts).
 */
function columnRoute(
  fn: string,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  top: number,
): Shifted | null {
  const X = integerColumn(fn, 'x', xs);
  if (X.kind !== 'float') return null;
  const Y = integerColumn(fn, 'y', ys);
  if (Y.kind === 'big') return null;
  const n = xs.length;
  const tShift = middle(X.ints);
  // Full-precision y (hi + lo, four limbs) is summed unshifted.
  const vShift = Y.kind === 'float' ? middle(Y.ints) : 0;
  // Chunk by chunk, so the power and limb columns are small, short-lived buffers.
  const tSums = new Array<bigint>(2 * top + 1).fill(0n);
  const tvSums = new Array<bigint>(top + 1).fill(0n);
  let vv = 0n;
  tSums[0] = BigInt(n);
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    const T = shifted(X.ints, tShift, start, end);
    const V = Y.kind === 'float' ? shifted(Y.ints, vShift, start, end) : wideSlice(Y, start, end);
    if (T === null || V === null) return null;
    // powers[k - 1] = T^k, k = 1..top
    const powers: IntegerColumn[] = [T];
    for (let k = 2; k <= top; k++) {
      const next = timesBase(powers[k - 2] as IntegerColumn, T);
      if (next === null) return null;
      powers.push(next);
    }
    const cache = new Map<Float64Array, Limbs>();
    const power = (k: number) => powers[k - 1] as IntegerColumn;
    // sum T^m, m = 1..2 top: a single power's sum, or the product of two near-equal ones.
    for (let m = 1; m <= 2 * top; m++) {
      const a = Math.ceil(m / 2);
      const sum = m <= top ? columnSum(power(m)) : columnDot(power(a), power(m - a), cache);
      tSums[m] = (tSums[m] as bigint) + sum;
    }
    // sum T^k V, k = 0..top, and sum V^2
    tvSums[0] = (tvSums[0] as bigint) + columnSum(V);
    for (let k = 1; k <= top; k++) {
      tvSums[k] = (tvSums[k] as bigint) + columnDot(power(k), V, cache);
    }
    vv += columnDot(V, V, cache);
  }
  return { tSums, tvSums, vv, tShift, vShift, xExponent: X.exponent, yExponent: Y.exponent };
}

/** Rows start..end of a wide column (views, no copy). */
function wideSlice(c: IntegerColumn & { kind: 'wide' }, start: number, end: number): IntegerColumn {
  return {
    kind: 'wide',
    hi: c.hi.subarray(start, end),
    lo: c.lo.subarray(start, end),
    limbs: c.limbs.map((l) => l.subarray(start, end)),
    exponent: c.exponent,
  };
}

/** An integer near the middle of the range of integers below 2^53. */
function middle(a: Float64Array): number {
  // min + max is below 2^54: its half rounds at most once, to a nearby integer after Math.round.
  return Math.round(midrange(a));
}

/** a[start..end) - c as a float column (exact: integers below 2^53 whose difference is below 2^26). */
function shifted(a: Float64Array, c: number, start: number, end: number): IntegerColumn | null {
  const ints = new Float64Array(end - start);
  let max = 0;
  for (let i = start; i < end; i++) {
    const v = (a[i] as number) - c;
    const m = Math.abs(v);
    if (m > max) max = m;
    ints[i - start] = v;
  }
  return max < MAX_SHIFTED ? { kind: 'float', ints, exponent: 0, max } : null;
}

/**
 * prev * T exactly, T a float column below 2^26: a float column while the
 * product stays below 2^53, else hi + lo with hi = fl(prev_hi T) and
 * lo = its rounding error (Dekker, exact) + prev_lo T, null past 2^70.
 */
function timesBase(prev: IntegerColumn, T: IntegerColumn): IntegerColumn | null {
  if (T.kind !== 'float') return null;
  const t = T.ints;
  const n = t.length;
  if (prev.kind === 'float' && prev.max * T.max < 2 ** 53) {
    const ints = new Float64Array(n);
    const a = prev.ints;
    for (let i = 0; i < n; i++) ints[i] = (a[i] as number) * (t[i] as number);
    return { kind: 'float', ints, exponent: 0, max: prev.max * T.max };
  }
  if (prev.kind === 'big') return null;
  const aHi = prev.kind === 'float' ? prev.ints : prev.hi;
  const aLo = prev.kind === 'wide' ? prev.lo : null;
  const hi = new Float64Array(n);
  const lo = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = aHi[i] as number;
    const b = t[i] as number;
    const h = a * b;
    if (!(Math.abs(h) < WIDE_LIMIT)) return null;
    const e = productError(a, b, h);
    // e is at most half an ulp of h (below 2^17); prev_lo T is exact below 2^52.
    const q = aLo === null ? 0 : (aLo[i] as number) * b;
    if (!(Math.abs(q) < 2 ** 52)) return null;
    const l = e + q;
    hi[i] = h;
    lo[i] = l;
  }
  return { kind: 'wide', hi, lo, limbs: wideLimbs(hi, lo), exponent: 0 };
}

/** Binomial coefficients C(m, j), m = 0..top, as BigInts. */
function pascal(top: number): bigint[][] {
  const rows: bigint[][] = [[1n]];
  for (let m = 1; m <= top; m++) {
    const prev = rows[m - 1] as bigint[];
    rows.push(
      Array.from({ length: m + 1 }, (_, j) =>
        j === 0 || j === m ? 1n : (prev[j - 1] as bigint) + (prev[j] as bigint),
      ),
    );
  }
  return rows;
}

/**
 * The condition number of the design in powers of x from the shifted power
 * sums: R of the shifted design (Cholesky of its Gram matrix, the Hankel
 * matrix of sum T^m, columns scaled to unit diagonal), times the binomial
 * matrix that maps powers of T to powers of X = T + C, times the decimal
 * scales 10^(k e). As the float64 lane does for shifted ols columns (R T),
 * the singular values of that triangle (one-sided Jacobi) give the design's
 * condition number to a few digits.
 */
function shiftedConditionNumber(
  tSums: bigint[],
  shift: number,
  exponent: number,
  first: number,
  p: number,
): number {
  // The shifted design always with the constant column: without the
  // intercept, x^k = (t + c)^k still needs t^0.
  const q = p + first;
  const gram = Array.from({ length: q }, (_, j) =>
    Array.from({ length: q }, (_, k) => Number(tSums[j + k] as bigint)),
  );
  const scale = gram.map((row, j) => Math.sqrt(row[j] as number));
  const r = choleskyUpper(
    gram.map((row, j) => row.map((v, k) => v / ((scale[j] as number) * (scale[k] as number)))),
  );
  if (r === null) return Number.POSITIVE_INFINITY;
  // R_t diag(scale) M diag(10^(k e)), M_jk = C(k, j) c^(k - j) for the powers
  // k = first..first + p - 1; a zero column squares it up when first = 1.
  const out = r.map((row) =>
    Array.from({ length: q }, (_, col) => {
      const k = col + first;
      if (col >= p) return 0;
      let s = 0;
      for (let j = 0; j <= k; j++) {
        s += (row[j] as number) * (scale[j] as number) * binomial(k, j) * shift ** (k - j);
      }
      return s * 10 ** (k * exponent);
    }),
  );
  const sigma = singularValues(out);
  if (first === 1) sigma.splice(sigma.indexOf(Math.min(...sigma)), 1);
  const min = Math.min(...sigma);
  return min === 0 ? Number.POSITIVE_INFINITY : Math.max(...sigma) / min;
}

function binomial(k: number, j: number): number {
  let b = 1;
  for (let i = 1; i <= j; i++) b = (b * (k - j + i)) / i;
  return b;
}

/** Upper-triangular R with R^T R = a (a symmetric positive definite), or null. */
function choleskyUpper(a: number[][]): number[][] | null {
  const p = a.length;
  const r = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    let d = (a[j] as number[])[j] as number;
    for (let k = 0; k < j; k++) d -= ((r[k] as number[])[j] as number) ** 2;
    if (!(d > 0)) return null;
    const rjj = Math.sqrt(d);
    (r[j] as number[])[j] = rjj;
    for (let i = j + 1; i < p; i++) {
      let s = (a[j] as number[])[i] as number;
      for (let k = 0; k < j; k++)
        s -= ((r[k] as number[])[j] as number) * ((r[k] as number[])[i] as number);
      (r[j] as number[])[i] = s / rjj;
    }
  }
  return r;
}

/** Levels of the fused kernel, in its order: see {@link cubicSums}. */
const GROUPS = [
  ['s1', 1],
  ['s2', 3],
  ['s3', 4],
  ['tv0', 1],
  ['s4', 5],
  ['s5', 6],
  ['s6', 7],
  ['tv1', 3],
  ['tv2', 4],
  ['tv3', 5],
  ['vv', 3],
] as const;
const LEVELS = 42;
const MAGIC = 6755399441055744; // 1.5 * 2^52: x + MAGIC - MAGIC rounds |x| < 2^51 to an integer
const B18 = 2 ** 18;
const B36 = 2 ** 36;
const INV18 = 2 ** -18;
const INV36 = 2 ** -36;
/** The decimal reading's limit (as toScaledIntegers' fast route). */
const READ_LIMIT = 2 ** 50;
/** Shifted x below 2^23: t^3 below 2^69, four 18-bit limbs. */
const T_LIMIT = 2 ** 23;
/** Shifted y below 2^26: two limbs. */
const V_LIMIT = 2 ** 26;
/** Rows per block: every level's row sum is below 2^36, so a block's sum stays below 2^50 (exact). */
const BLOCK = 2 ** 14;

/**
 * The sums a polynomial fit of degree 3 or less needs, exactly, in one pass
 * with no allocation per value: sum t^m (m = 1..6), sum t^k v (k = 0..3) and
 * sum v^2 for t = x 10^px - tShift and v = y 10^py - vShift. Each value is
 * read as its decimal integer (null when one is not: more places than the
 * scale, or past 2^50) and shifted (null past the limits); t, t^2 (exact,
 * below 2^46), t^3 (carried from t^2's limbs times t) and v are split into
 * signed 18-bit limbs, and every sum of products is summed level by level
 * (each level's row sum below 2^36, a block of 2^14 rows below 2^50, exact
 * in float64), one BigInt per level and block.
 */
function cubicSums(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: number,
  sy: number,
  tShift: number,
  vShift: number,
): Map<string, bigint> | null {
  const n = xs.length;
  const levels = new Array<bigint>(LEVELS).fill(0n);
  const block = new Float64Array(LEVELS);
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    if (!cubicBlock(xs, ys, sx, sy, tShift, vShift, start, end, block)) return null;
    for (let j = 0; j < LEVELS; j++) levels[j] = (levels[j] as bigint) + BigInt(block[j] as number);
  }
  const out = new Map<string, bigint>();
  let at = 0;
  for (const [name, count] of GROUPS) {
    let value = 0n;
    for (let l = count - 1; l >= 0; l--) value = (value << 18n) + (levels[at + l] as bigint);
    out.set(name, value);
    at += count;
  }
  return out;
}

/**
 * One block of {@link cubicSums}: the level sums of rows start..end into
 * `out` (in {@link GROUPS}' order); false when a value is not a short
 * decimal on the scale or is out of range. Its own function, so the
 * optimising compiler sees the hot loop apart from the BigInt bookkeeping.
 */
function cubicBlock(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: number,
  sy: number,
  tShift: number,
  vShift: number,
  start: number,
  end: number,
  out: Float64Array,
): boolean {
  primeOnce(cubicBlock, () =>
    cubicBlock(primeLike(xs), primeLike(ys), 100, 100, 0, 0, 0, PRIME_F64.length, out),
  );
  let s1_0 = 0,
    s2_0 = 0,
    s2_1 = 0,
    s2_2 = 0,
    s3_0 = 0,
    s3_1 = 0,
    s3_2 = 0,
    s3_3 = 0,
    tv0_0 = 0,
    s4_0 = 0,
    s4_1 = 0,
    s4_2 = 0,
    s4_3 = 0,
    s4_4 = 0,
    s5_0 = 0,
    s5_1 = 0,
    s5_2 = 0,
    s5_3 = 0,
    s5_4 = 0,
    s5_5 = 0,
    s6_0 = 0,
    s6_1 = 0,
    s6_2 = 0,
    s6_3 = 0,
    s6_4 = 0,
    s6_5 = 0,
    s6_6 = 0,
    tv1_0 = 0,
    tv1_1 = 0,
    tv1_2 = 0,
    tv2_0 = 0,
    tv2_1 = 0,
    tv2_2 = 0,
    tv2_3 = 0,
    tv3_0 = 0,
    tv3_1 = 0,
    tv3_2 = 0,
    tv3_3 = 0,
    tv3_4 = 0,
    vv_0 = 0,
    vv_1 = 0,
    vv_2 = 0;
  for (let i = start; i < end; i++) {
    const xv = xs[i] as number;
    const yv = ys[i] as number;
    const X = xv * sx + MAGIC - MAGIC;
    const Y = yv * sy + MAGIC - MAGIC;
    // X / 10^P === x with |X| < 2^50: X 10^-P is the decimal x writes (as in toScaledIntegers).
    if (!(X < READ_LIMIT && X > -READ_LIMIT) || X / sx !== xv) return false;
    if (!(Y < READ_LIMIT && Y > -READ_LIMIT) || Y / sy !== yv) return false;
    const t = X - tShift;
    const v = Y - vShift;
    if (!(t < T_LIMIT && t > -T_LIMIT) || !(v < V_LIMIT && v > -V_LIMIT)) return false;
    // Signed 18-bit limbs (each rounding below 2^51, so the magic constant rounds exactly).
    const a1 = t * INV18 + MAGIC - MAGIC;
    const a0 = t - a1 * B18;
    const t2 = t * t; // below 2^46: exact
    const b2 = t2 * INV36 + MAGIC - MAGIC;
    const r2 = t2 - b2 * B36;
    const b1 = r2 * INV18 + MAGIC - MAGIC;
    const b0 = r2 - b1 * B18;
    // t^3 = sum_j (b_j t) 2^(18 j), each product below 2^41, carried into 18-bit limbs.
    const u0 = b0 * t;
    const k0 = u0 * INV18 + MAGIC - MAGIC;
    const c0 = u0 - k0 * B18;
    const u1 = b1 * t + k0;
    const k1 = u1 * INV18 + MAGIC - MAGIC;
    const c1 = u1 - k1 * B18;
    const u2 = b2 * t + k1;
    const c3 = u2 * INV18 + MAGIC - MAGIC;
    const c2 = u2 - c3 * B18;
    const v1 = v * INV18 + MAGIC - MAGIC;
    const v0 = v - v1 * B18;
    s1_0 += t;
    s2_0 += b0;
    s2_1 += b1;
    s2_2 += b2;
    s3_0 += c0;
    s3_1 += c1;
    s3_2 += c2;
    s3_3 += c3;
    tv0_0 += v;
    s4_0 += b0 * b0;
    s4_1 += 2 * b0 * b1;
    s4_2 += 2 * b0 * b2 + b1 * b1;
    s4_3 += 2 * b1 * b2;
    s4_4 += b2 * b2;
    s5_0 += b0 * c0;
    s5_1 += b0 * c1 + b1 * c0;
    s5_2 += b0 * c2 + b1 * c1 + b2 * c0;
    s5_3 += b0 * c3 + b1 * c2 + b2 * c1;
    s5_4 += b1 * c3 + b2 * c2;
    s5_5 += b2 * c3;
    s6_0 += c0 * c0;
    s6_1 += 2 * c0 * c1;
    s6_2 += 2 * c0 * c2 + c1 * c1;
    s6_3 += 2 * c0 * c3 + 2 * c1 * c2;
    s6_4 += 2 * c1 * c3 + c2 * c2;
    s6_5 += 2 * c2 * c3;
    s6_6 += c3 * c3;
    tv1_0 += a0 * v0;
    tv1_1 += a0 * v1 + a1 * v0;
    tv1_2 += a1 * v1;
    tv2_0 += b0 * v0;
    tv2_1 += b0 * v1 + b1 * v0;
    tv2_2 += b1 * v1 + b2 * v0;
    tv2_3 += b2 * v1;
    tv3_0 += c0 * v0;
    tv3_1 += c0 * v1 + c1 * v0;
    tv3_2 += c1 * v1 + c2 * v0;
    tv3_3 += c2 * v1 + c3 * v0;
    tv3_4 += c3 * v1;
    vv_0 += v0 * v0;
    vv_1 += 2 * v0 * v1;
    vv_2 += v1 * v1;
  }
  out[0] = s1_0;
  out[1] = s2_0;
  out[2] = s2_1;
  out[3] = s2_2;
  out[4] = s3_0;
  out[5] = s3_1;
  out[6] = s3_2;
  out[7] = s3_3;
  out[8] = tv0_0;
  out[9] = s4_0;
  out[10] = s4_1;
  out[11] = s4_2;
  out[12] = s4_3;
  out[13] = s4_4;
  out[14] = s5_0;
  out[15] = s5_1;
  out[16] = s5_2;
  out[17] = s5_3;
  out[18] = s5_4;
  out[19] = s5_5;
  out[20] = s6_0;
  out[21] = s6_1;
  out[22] = s6_2;
  out[23] = s6_3;
  out[24] = s6_4;
  out[25] = s6_5;
  out[26] = s6_6;
  out[27] = tv1_0;
  out[28] = tv1_1;
  out[29] = tv1_2;
  out[30] = tv2_0;
  out[31] = tv2_1;
  out[32] = tv2_2;
  out[33] = tv2_3;
  out[34] = tv3_0;
  out[35] = tv3_1;
  out[36] = tv3_2;
  out[37] = tv3_3;
  out[38] = tv3_4;
  out[39] = vv_0;
  out[40] = vv_1;
  out[41] = vv_2;
  return true;
}
