import { PRIME_F64, primeOnce } from '../../internal/prime';
import { RESOLVED_ERROR } from './design';
import { productError } from './doubleDouble';
import { finishFit } from './finishFit';
import type { OlsResult } from './fit';
import { olsBuffer } from './olsColumns';
import { rowwiseRepresentation } from './olsComponentwise';
import { olsDecimalCorrections } from './olsDecimal';
import type { FusedStep } from './olsFused';
import { addToLow, dot2Error, emptyGram, type OlsGram, olsGram } from './olsGram';
import { olsSolve } from './olsSolve';
import { cubicRepresentation } from './polyfitComponentwise';

const U = 2 ** -53;
const TWO_53 = 2 ** 53;
/** Values of x sampled to tell full-precision data from short decimals. */
const SAMPLE = 32;
/** The highest power taken here (the binomial back-transform stays exact in float64). */
const MAX_POWER = 5;
/** The work-buffer slot of x's copy (the others take slots 0 to d + 2 <= 7). */
const X_COPY = 8;

/**
 * polyfit on ols's fused lane, for full-precision x (17-digit doubles):
 * the powers t^k of t = (x - c) / s (c a short binary number near the
 * middle of x's range, s a power of two near its half width, so the design
 * is as well conditioned as the data allow), the augmented Gram matrix of
 * [1 t .. t^d y] in double-double, the double-double Cholesky with its
 * rigorous first-order bound (`olsSolve`), and the coefficients of powers
 * of x read off as exact combinations of the working ones (binomial
 * theorem, each entry exact in float64), which `olsSolve` bounds like any
 * other.
 *
 * The data are the decimals the user wrote: x's and y's are resolved
 * (`olsDecimal`) and each power's correction is the double-double power of
 * (x + dx - c) / s minus the float64 power. The cubic (the common case)
 * does it all in one pass over x and y ({@link cubicFit}), and with an
 * intercept and heavy-tailed y first tries the doubles with the
 * representation bound taken row by row, which needs no decimal; other degrees
 * store the power columns, take `olsGram`'s Gram matrix, try the raw
 * doubles first (their rounding counted per column) and add the decimals'
 * corrections when that bound fails. null when x is short decimals (the
 * exact and QR lanes answer those), the degree is past 5, the shift cannot
 * be written exactly, or the bound still fails: the caller then takes
 * `polyfitFloat`. Work-buffer slots: 0 to d + 2 and {@link X_COPY}.
 * `lastStep` stops earlier (tests force each step with it, as `olsFused`'s).
 */
export function polyfitFused(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  first: number,
  p: number,
  hasIntercept: boolean,
  lastStep: FusedStep = 'decimals',
): OlsResult | null {
  const n = xs.length;
  // The power columns are t^1..t^d (the intercept is the 1).
  const d = first + p - 1;
  if ((first !== 0 && first !== 1) || d > MAX_POWER || n > 2 ** 40 || !fullPrecision(xs)) {
    return null;
  }
  // x copied (its decimals are resolved from the copy) and its range, in one pass.
  const xCopy = olsBuffer(X_COPY, n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = xs[i] as number;
    xCopy[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const half = (max - min) / 2;
  if (!(half > 1e-100 && half < 1e100)) return null;
  const s = 2 ** Math.round(Math.log2(half));
  const inv = 1 / s;
  // c = m g with g = s / 256: a few bits, so the binomial entries are exact.
  const g = s / 256;
  const m = hasIntercept ? Math.round((min + half) / g) : 0;
  const c = m * g;
  const transform = backTransform(m, g, s, first, p);
  if (transform === null) return null;
  const a = Math.abs(c) / s;
  const k0 = hasIntercept ? 1 : 0;
  const solved =
    d === 3
      ? cubicFit(xCopy, ys, c, inv, a, hasIntercept, transform, lastStep)
      : columnsFit(xs, xCopy, ys, d, c, inv, a, hasIntercept, transform, lastStep);
  if (!solved) return null;
  return finishFit(solved.fit, p - k0, n - p, solved.conditionNumber, 'float64');
}

/** {@link polyfitFused} for d other than 3: the power columns stored, `olsGram`, raw doubles first. */
function columnsFit(
  xs: ArrayLike<number>,
  xCopy: Float64Array,
  ys: ArrayLike<number>,
  d: number,
  c: number,
  inv: number,
  a: number,
  hasIntercept: boolean,
  transform: { rows: number[][]; given: number[][] },
  lastStep: FusedStep,
): ReturnType<typeof olsSolve> {
  const n = xs.length;
  // Columns t^1..t^d, then y.
  const columns: Float64Array[] = [];
  for (let j = 0; j <= d; j++) columns.push(olsBuffer(j, n));
  const c1 = columns[0] as Float64Array;
  for (let i = 0; i < n; i++) c1[i] = ((xs[i] as number) - c) * inv;
  for (let j = 1; j < d; j++) {
    const prev = columns[j - 1] as Float64Array;
    const col = columns[j] as Float64Array;
    for (let i = 0; i < n; i++) col[i] = (prev[i] as number) * (c1[i] as number);
  }
  const yColumn = columns[d] as Float64Array;
  for (let i = 0; i < n; i++) yColumn[i] = ys[i] as number;

  const maxAbs = columns.map(() => Number.POSITIVE_INFINITY);
  const gram = olsGram(columns, hasIntercept, maxAbs);
  const q = gram.q;
  const k0 = hasIntercept ? 1 : 0;
  const rootN = Math.sqrt(n);
  // Per power k, |value - ((X - c) / s)^k| <= rel |value| + abs for the
  // decimal X (|x - X| <= u |x|, one rounding in x - c, k - 1 in the
  // products); as a column's 2-norm, eps = rel + abs sqrt(n) / ||column||.
  const columnEps = (k: number, rel: number, abs: number) => {
    const norm = Math.sqrt(gram.hi[(k - 1 + k0) * (q + 1)] as number);
    return rel + (abs * rootN) / norm;
  };
  const eps: number[] = hasIntercept ? [0] : [];
  for (let k = 1; k <= d; k++) {
    eps.push(columnEps(k, 1.01 * U * (3 * k - 1 + k * a), 1.01 * U * k * a));
  }
  eps.push(U);
  const zeros = new Array<number>(d + 1).fill(0);
  const input = {
    n,
    intercept: hasIntercept,
    gram,
    eps,
    sumError: dot2Error(n),
    places: zeros,
    shifts: zeros,
    outputs: { rows: transform.rows, givenTransform: transform.given },
  };
  const solved = olsSolve(input);
  if (solved !== null || lastStep !== 'decimals') return solved;
  // The decimals: x's (a failure declines) and y's (a failure keeps y as given).
  const rawMax = Math.max(...eps);
  const dx = olsBuffer(d + 1, n);
  if (olsDecimalCorrections(xCopy, dx) !== n) return null;
  const dy = olsBuffer(d + 2, n);
  if (olsDecimalCorrections(yColumn, dy) === n) eps[d + k0] = RESOLVED_ERROR;
  else dy.fill(0);
  for (let k = 1; k <= d; k++) {
    // (the dropped second-order terms, C(k, 2) |t|^(k-2) tau^2 and the
    // like, with |tau| <= u (2 |t| + a); the decimal's own 4 u^2; the
    // float64 rounding of the corrections, u of them)
    const second = k * k * (2 + a) * (2 + a);
    eps[k - 1 + k0] = columnEps(
      k,
      1.1 * U * U * (second + 20 * k + 7 * k * a + 8),
      1.1 * U * U * (second + 7 * k * a),
    );
  }
  addPowerCorrections(gram, xs, dx, yColumn, dy, c, inv, d, k0);
  // The corrections' float64 sums ((n + 2) u of terms below rawMax of the
  // entries, twice) and the dropped products of two corrections.
  const correctionError = (2 * (n + 2) * U * rawMax + rawMax * rawMax) * 1.01;
  return olsSolve({ ...input, sumError: dot2Error(n) + correctionError });
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
      // (normal and finite: a subnormal entry would not be exact)
      const ok = (v: number) => Math.abs(v) > 1e-300 && Math.abs(v) < 1e300;
      if (integer !== 0 && !(ok(r) && ok(w))) return null;
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
 * Below this, sum |y| / sqrt(sum (y - ybar)^2) leaves the cubic's bound
 * on the doubles a chance (see {@link cubicFit}).
 */
const TAIL_RATIO = 40;
/**
 * From this many rows (below, a failed try costs more than a pass: the
 * solve's fixed part, about 25 us, twice).
 */
const MIN_ROWS = 2 ** 15;

/** sum |y| / sqrt(sum (y - ybar)^2), in float64 (it only picks a path). */
function tailRatio(ys: Float64Array): number {
  let sumAbs = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i] as number;
    sumAbs += Math.abs(y);
    sum += y;
    sumSquares += y * y;
  }
  return sumAbs / Math.sqrt(Math.max(0, sumSquares - (sum * sum) / ys.length));
}

/**
 * The cubic (d = 3 power columns, the panel's numpy.polyfit(x, y, 3)) with
 * no column stored: the Vandermonde Gram matrix of t, t^2, t^3 is a Hankel
 * matrix of power sums, G_ab = sum T^(a + b), so sum T^m (m = 1..6),
 * sum T^k Y (k = 0..3) and sum Y^2 are all it needs ({@link cubicSums},
 * one pass over x, y and their decimals' corrections).
 *
 * With an intercept and heavy-tailed y, the doubles are tried first, with
 * the representation bound taken row by row (`cubicRepresentation`): where
 * it holds, no decimal is resolved; where it fails, the decimals'
 * first-order corrections are added in a pass of their own
 * ({@link cubicDecimalSums}). The part of that bound due to y, for a
 * coefficient whose t statistic is t, is about u Q / |t| (Q = sum |y| /
 * sqrt(sum (y - ybar)^2), `bench/polyfit-bound-floor.ts`): about 0.8
 * sqrt(n) for Gaussian noise (80 at n = 1e4, the bound then fails on the
 * panel's shapes), 5-21 for the panel's Cauchy noise at n = 1e3-1e6. Only
 * Q < {@link TAIL_RATIO} and n >= {@link MIN_ROWS} are tried, so the other
 * data resolve their decimals as before, at the cost of Q's pass alone. null when x's decimals do not
 * resolve or the bound fails. `lastStep` 'rowwise' tries the doubles
 * whatever Q, and stops there (tests).
 */
function cubicFit(
  xs: Float64Array,
  ys: ArrayLike<number>,
  c: number,
  inv: number,
  a: number,
  intercept: boolean,
  transform: { rows: number[][]; given: number[][] },
  lastStep: FusedStep,
): ReturnType<typeof olsSolve> {
  primeOnce(cubicSums, primeCubicKernels);
  const n = xs.length;
  let yColumn: Float64Array;
  if (ys instanceof Float64Array) {
    yColumn = ys;
  } else {
    yColumn = olsBuffer(1, n);
    for (let i = 0; i < n; i++) yColumn[i] = ys[i] as number;
  }
  const dx = olsBuffer(0, n);
  const dy = olsBuffer(2, n);
  // Per value, |T^m - (w_m + D_m)| <= K u^2 (|t|^m + 1): the dropped
  // second-order terms (C(m, 2) |t|^(m-2) tau^2 and the like, |tau| <=
  // u (2 |t| + a)), the decimal's own 4 u^2, the corrections' rounding,
  // and their float64 sums ((n + 2) u of terms u (3 m + m a) (|t|^m + 1)).
  // Summed: below K u^2 (s_a s_b + n) for entry (a, b) (Cauchy-Schwarz),
  // which column eps K u^2 (1 + n / G_aa) covers.
  const K = 1.1 * (15 * (2 + a) * (2 + a) + 128 + 42 * a + (n + 2) * (18 + 6 * a));
  const input = {
    n,
    intercept,
    sumError: dot2Error(n),
    places: [0, 0, 0, 0],
    shifts: [0, 0, 0, 0],
    outputs: { rows: transform.rows, givenTransform: transform.given },
  };
  const onDoubles =
    lastStep === 'rowwise' ||
    (lastStep === 'decimals' && n >= MIN_ROWS && tailRatio(yColumn) < TAIL_RATIO);
  if (intercept && onDoubles) {
    dx.fill(0, 0, n);
    dy.fill(0, 0, n);
    cubicSums(xs, dx, yColumn, dy, c, inv);
    const gram = cubicGram(n, intercept);
    const diagonal = [0, 1, 2, 3, 4].map((i) => gram.hi[i * (gram.q + 1)] as number);
    if (!diagonal.every((g) => g > 1e-200 && g < 1e200)) return null;
    // The sums' own error in sumError; eps the representation (|delta T^k|
    // <= k u |T|^(k-1) (|T| + a), as a column norm), which bounds the
    // second-order terms and the first-order check.
    const norms = diagonal.map(Math.sqrt);
    const eps = [0];
    for (let k = 1; k <= 3; k++) {
      eps.push(1.01 * U * k * (1 + (a * (norms[k - 1] as number)) / (norms[k] as number)));
    }
    eps.push(U);
    const computed = K * U * U * (1 + n / Math.min(...diagonal));
    const kernel = (stride: number) => cubicRepresentation(xs, yColumn, c, inv, norms, stride);
    const solved = olsSolve({
      ...input,
      gram,
      eps,
      sumError: input.sumError + computed,
      representation: rowwiseRepresentation(kernel, n),
    });
    if (solved !== null || lastStep === 'rowwise') return solved;
  } else if (lastStep !== 'decimals') {
    return null;
  }
  if (olsDecimalCorrections(xs, dx) !== n) return null;
  const yResolved = olsDecimalCorrections(yColumn, dy) === n;
  if (!yResolved) dy.fill(0, 0, n);
  if (intercept && onDoubles) cubicDecimalSums(xs, dx, yColumn, dy, c, inv);
  else cubicSums(xs, dx, yColumn, dy, c, inv);
  const gram = cubicGram(n, intercept);
  const q = gram.q;
  for (let i = 0; i < q; i++) {
    const g = gram.hi[i * q + i] as number;
    if (!(g > 1e-200 && g < 1e200)) return null;
  }
  const eps: number[] = [];
  for (let i = 0; i < q - 1; i++) eps.push(K * U * U * (1 + n / (gram.hi[i * q + i] as number)));
  const yDiag = gram.hi[q * q - 1] as number;
  eps.push((yResolved ? RESOLVED_ERROR : U) + K * U * U * (1 + n / yDiag));
  return olsSolve({ ...input, gram, eps });
}

/**
 * The cubic's passes on six prime values, once per process, before their
 * first real call (they overwrite {@link CUBIC}): unprimed, a process's
 * first large call could compile cubicSums' loop on-stack before the store
 * after it had feedback, and it then deoptimised there twice a call
 * (--trace-deopt, polyfit on 1e5 full-precision values). Same-process
 * A/B against the unprimed code (2026-12-07 18:13-18:17 UTC, load 11-17,
 * six processes): 0.63-0.68x in the two processes where the unprimed copy
 * ran 1.5x slower, 0.93-1.15x (median 1.03) in the four others.
 */
function primeCubicKernels(): void {
  const v = PRIME_F64;
  cubicSums(v, v, v, v, 0.5, 0.5);
  cubicDecimalSums(v, v, v, v, 0.5, 0.5);
  tailRatio(v);
}

/** The Gram matrix of [1 (with an intercept) T T^2 T^3 Y] from {@link CUBIC}'s sums. */
function cubicGram(n: number, intercept: boolean): OlsGram {
  const M = CUBIC;
  // power sums sum T^m (m = 0..6) as hi, lo; M[0] = n.
  const power = (m: number): [number, number] =>
    m === 0 ? [n, 0] : [M[2 * (m - 1)] as number, M[2 * (m - 1) + 1] as number];
  const q = intercept ? 5 : 4;
  const { gram, set } = emptyGram(q);
  const from = intercept ? 0 : 1;
  for (let i = from; i <= 3; i++) {
    for (let j = i; j <= 3; j++) {
      const [h, l] = power(i + j);
      set(i - from, j - from, h, l);
    }
    // sum T^i Y: Dot2 (Sum2 for i = 0)
    set(i - from, q - 1, M[12 + 2 * i] as number, M[13 + 2 * i] as number);
  }
  set(q - 1, q - 1, M[20] as number, M[21] as number);
  return gram;
}

/**
 * {@link cubicSums}' results, each as hi, lo with the first-order
 * corrections in lo: sum T^m (m = 1..6), sum T^k Y (k = 0..3), sum Y^2.
 */
const CUBIC = new Float64Array(22);

/**
 * The sums of {@link cubicFit}, into {@link CUBIC}: each T^m is taken as
 * w_m + D_m, w_m the float64 power (products of t = (x - c) / s), D_m its
 * first-order correction (the products' rounding r_m by Dekker's exact
 * product, and m t^(m-1) tau for x's decimal, tau = ((x - c) -
 * (x_double - c)) / s exactly enough, the rounding of x - c included);
 * sum w_m and sum w_k y are error-free transformed (Sum2 and Dot2: the
 * bound of `dot2Error`), the corrections in their low parts. With dx and
 * dy all 0, the sums of the doubles.
 */
function cubicSums(
  xs: Float64Array,
  dx: Float64Array,
  ys: Float64Array,
  dy: Float64Array,
  c: number,
  inv: number,
): void {
  const n = xs.length;
  // power sums (TwoSum: s, e; the corrections go into e)
  let p1 = 0,
    q1 = 0,
    p2 = 0,
    q2 = 0,
    p3 = 0,
    q3 = 0,
    p4 = 0,
    q4 = 0,
    p5 = 0,
    q5 = 0,
    p6 = 0,
    q6 = 0;
  // sum w_k y (Dot2: s, e, with the corrections) and sum y^2
  let y0 = 0,
    z0 = 0,
    y1 = 0,
    z1 = 0,
    y2 = 0,
    z2 = 0,
    y3 = 0,
    z3 = 0,
    yy = 0,
    zy = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    const ey = dy[i] as number;
    const sh = x - c;
    const bb = sh - x;
    const t = sh * inv;
    const tau = (x - (sh - bb) + (-c - bb) + (dx[i] as number)) * inv;
    let k = SPLITTER * t;
    const th = k - (k - t);
    const tl = t - th;
    const w2 = t * t;
    const r2 = tl * tl - (w2 - th * th - tl * th - th * tl);
    k = SPLITTER * w2;
    const w2h = k - (k - w2);
    const w2l = w2 - w2h;
    const w3 = w2 * t;
    const r3 = w2l * tl - (w3 - w2h * th - w2l * th - w2h * tl) + r2 * t;
    const w4 = w2 * w2;
    const r4 = w2l * w2l - (w4 - w2h * w2h - w2l * w2h - w2h * w2l) + 2 * w2 * r2;
    k = SPLITTER * w3;
    const w3h = k - (k - w3);
    const w3l = w3 - w3h;
    const w5 = w2 * w3;
    const r5 = w2l * w3l - (w5 - w2h * w3h - w2l * w3h - w2h * w3l) + w2 * r3 + w3 * r2;
    const w6 = w3 * w3;
    const r6 = w3l * w3l - (w6 - w3h * w3h - w3l * w3h - w3h * w3l) + 2 * w3 * r3;
    const D2 = r2 + 2 * t * tau;
    const D3 = r3 + 3 * w2 * tau;
    let sN = p1 + t;
    let z = sN - p1;
    q1 += p1 - (sN - z) + (t - z) + tau;
    p1 = sN;
    sN = p2 + w2;
    z = sN - p2;
    q2 += p2 - (sN - z) + (w2 - z) + D2;
    p2 = sN;
    sN = p3 + w3;
    z = sN - p3;
    q3 += p3 - (sN - z) + (w3 - z) + D3;
    p3 = sN;
    sN = p4 + w4;
    z = sN - p4;
    q4 += p4 - (sN - z) + (w4 - z) + (r4 + 4 * w3 * tau);
    p4 = sN;
    sN = p5 + w5;
    z = sN - p5;
    q5 += p5 - (sN - z) + (w5 - z) + (r5 + 5 * w4 * tau);
    p5 = sN;
    sN = p6 + w6;
    z = sN - p6;
    q6 += p6 - (sN - z) + (w6 - z) + (r6 + 6 * w5 * tau);
    p6 = sN;
    // y: Sum2 of y, Dot2 of w_k y (exact products by Dekker, y split once)
    k = SPLITTER * y;
    const yh = k - (k - y);
    const yl = y - yh;
    sN = y0 + y;
    z = sN - y0;
    z0 += y0 - (sN - z) + (y - z) + ey;
    y0 = sN;
    let h = t * y;
    let r = tl * yl - (h - th * yh - tl * yh - th * yl);
    sN = y1 + h;
    z = sN - y1;
    z1 += y1 - (sN - z) + (h - z) + r + (tau * y + t * ey);
    y1 = sN;
    h = w2 * y;
    r = w2l * yl - (h - w2h * yh - w2l * yh - w2h * yl);
    sN = y2 + h;
    z = sN - y2;
    z2 += y2 - (sN - z) + (h - z) + r + (D2 * y + w2 * ey);
    y2 = sN;
    h = w3 * y;
    r = w3l * yl - (h - w3h * yh - w3l * yh - w3h * yl);
    sN = y3 + h;
    z = sN - y3;
    z3 += y3 - (sN - z) + (h - z) + r + (D3 * y + w3 * ey);
    y3 = sN;
    h = y * y;
    r = yl * yl - (h - yh * yh - yl * yh - yh * yl);
    sN = yy + h;
    z = sN - yy;
    zy += yy - (sN - z) + (h - z) + r + 2 * y * ey;
    yy = sN;
  }
  CUBIC.set([
    p1,
    q1,
    p2,
    q2,
    p3,
    q3,
    p4,
    q4,
    p5,
    q5,
    p6,
    q6,
    y0,
    z0,
    y1,
    z1,
    y2,
    z2,
    y3,
    z3,
    yy,
    zy,
  ]);
}

/**
 * Adds to {@link CUBIC}'s low parts the first-order corrections of the
 * decimals X = x + dx, Y = y + dy, in one pass: with e = dx / s (T moves
 * by e), sum T^m gains m sum t^(m-1) e, sum T^k Y gains k sum t^(k-1) e y
 * + sum t^k dy, and sum Y^2 gains 2 sum y dy (float64 sums, as the
 * corrections of {@link cubicSums}; the products of two corrections are
 * dropped, second order).
 */
function cubicDecimalSums(
  xs: Float64Array,
  dx: Float64Array,
  ys: Float64Array,
  dy: Float64Array,
  c: number,
  inv: number,
): void {
  const n = xs.length;
  // e t^j (j = 0..5), e t^j y (j = 0..2), dy t^k (k = 0..3), y dy
  let e0 = 0,
    e1 = 0,
    e2 = 0,
    e3 = 0,
    e4 = 0,
    e5 = 0,
    f0 = 0,
    f1 = 0,
    f2 = 0,
    g0 = 0,
    g1 = 0,
    g2 = 0,
    g3 = 0,
    yd = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    const d = dy[i] as number;
    const t = (x - c) * inv;
    let e = (dx[i] as number) * inv;
    e0 += e;
    f0 += e * y;
    e *= t;
    e1 += e;
    f1 += e * y;
    e *= t;
    e2 += e;
    f2 += e * y;
    e *= t;
    e3 += e;
    e *= t;
    e4 += e;
    e5 += e * t;
    let g = d;
    g0 += g;
    g *= t;
    g1 += g;
    g *= t;
    g2 += g;
    g3 += g * t;
    yd += y * d;
  }
  // (sum T^m at index 2m - 1 and sum T^k Y at 13 + 2k: the low parts)
  const powers = [e0, 2 * e1, 3 * e2, 4 * e3, 5 * e4, 6 * e5];
  const products = [g0, f0 + g1, 2 * f1 + g2, 3 * f2 + g3];
  for (let m = 0; m < 6; m++)
    CUBIC[2 * m + 1] = (CUBIC[2 * m + 1] as number) + (powers[m] as number);
  for (let k = 0; k < 4; k++)
    CUBIC[13 + 2 * k] = (CUBIC[13 + 2 * k] as number) + (products[k] as number);
  CUBIC[21] = (CUBIC[21] as number) + 2 * yd;
}

/** Cross sums of {@link addPowerCorrections}: C[j d + k] = sum w_k D_j, then sum D_j, sum y D_j, sum w_k dy, sum dy, sum y dy. */
let SUMS = new Float64Array(0);

/**
 * Adds the decimals' first-order corrections to the Gram matrix of [1 (with
 * k0 = 1) w_1 .. w_d y] in one pass (no correction columns stored): with X
 * = x + dx (dx from the decimal), T = (X - c) / s in double-double (x - c
 * by TwoSum, then dx), its powers by double-double products, D_j = T^j -
 * w_j (w_j recomputed exactly as the columns were), and Y = y + dy, entry
 * (a, b) gains sum (w_a D_b + D_a w_b), in float64 (error below (n + 2) u
 * of terms already u below the entries). The products of two corrections
 * are dropped (second order).
 */
function addPowerCorrections(
  gram: OlsGram,
  xs: ArrayLike<number>,
  dx: Float64Array,
  ys: Float64Array,
  dy: Float64Array,
  c: number,
  inv: number,
  d: number,
  k0: number,
): void {
  const n = xs.length;
  const cross = d * d;
  const size = cross + 3 * d + 3;
  if (SUMS.length < size) SUMS = new Float64Array(size);
  const S = SUMS;
  S.fill(0, 0, size);
  const w = new Float64Array(d);
  const D = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    const ey = dy[i] as number;
    const sh = x - c;
    const bb = sh - x;
    const t = sh * inv;
    const tau = (x - (sh - bb) + (-c - bb) + (dx[i] as number)) * inv;
    let power = t;
    let r = 0;
    for (let j = 0; j < d; j++) {
      if (j === 0) {
        D[0] = tau;
      } else {
        const prev = power;
        power = prev * t;
        r = productError(prev, t, power) + r * t;
        D[j] = r + (j + 1) * prev * tau;
      }
      w[j] = power;
    }
    for (let j = 0; j < d; j++) {
      const e = D[j] as number;
      for (let k = 0; k < d; k++) S[j * d + k] = (S[j * d + k] as number) + (w[k] as number) * e;
      S[cross + j] = (S[cross + j] as number) + e;
      S[cross + d + j] = (S[cross + d + j] as number) + y * e;
      S[cross + 2 * d + j] = (S[cross + 2 * d + j] as number) + (w[j] as number) * ey;
    }
    S[cross + 3 * d] = (S[cross + 3 * d] as number) + ey;
    S[cross + 3 * d + 1] = (S[cross + 3 * d + 1] as number) + y * ey;
  }
  const add = (a: number, b: number, v: number) => addToLow(gram, a, b, v);
  const yIndex = d + k0;
  for (let j = 0; j < d; j++) {
    for (let k = j; k < d; k++) {
      add(j + k0, k + k0, (S[j * d + k] as number) + (S[k * d + j] as number));
    }
    if (k0 === 1) add(0, j + k0, S[cross + j] as number);
    add(j + k0, yIndex, (S[cross + d + j] as number) + (S[cross + 2 * d + j] as number));
  }
  if (k0 === 1) add(0, yIndex, S[cross + 3 * d] as number);
  add(yIndex, yIndex, 2 * (S[cross + 3 * d + 1] as number));
}

const SPLITTER = 134217729; // 2^27 + 1
