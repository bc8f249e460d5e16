import { studentTSf } from '../../distributions/studentT';
import { primeKernel } from '../../internal/fastMoments';
import { PRIME_F64 } from '../../internal/prime';
import { ddDiv, productError } from './doubleDouble';
import type { LinregressCore } from './linregressCore';

const U = 2 ** -53;
/** The same acceptance as the other lanes: a tenth of the 1e-10 promise. */
const TOLERANCE = 1e-11;
/** 10^p for p = 0..15, each exact in float64. */
const POW10 = Array.from({ length: 16 }, (_, p) => 10 ** p);
/** Scaled values stay below this, so x 10^P rounds to the decimal's own integer. */
const MAX_SCALED = 2 ** 50;
/** Values per block: each block's sums of integer squares must stay exact (< 2^52). */
const BLOCK = 128;
const EXACT = 2 ** 52;

/**
 * True when v is a decimal of at most 6 places (v 10^6 below 2^50): worth
 * trying this lane first. Takes any value (false unless a number): the
 * caller may not have checked it yet.
 */
export function isShortDecimal(v: unknown): boolean {
  return typeof v === 'number' && Math.round(v * 1e6) / 1e6 === v && Math.abs(v) < 2 ** 50 / 1e6;
}

/**
 * The fewest decimal places P such that every value is the double nearest
 * to a decimal with at most P places, that decimal is the one its shortest
 * round-trip string writes, and |v| 10^P < 2^50; undefined when there is
 * none (P > 15, values too large or too fine, or a value that is not a
 * number: the values need not have been checked).
 *
 * Why it is the written decimal: round(v 10^p) / 10^p === v says a p-place
 * decimal rounds to v, which then also holds for every larger P; with
 * 2 |v| eps < 10^-P there is only one P-place decimal that rounds to v, and
 * the shortest string (at most P places, since a P-place one round-trips)
 * is a P-place decimal too, hence the same one.
 */
export function decimalPlaces(v: ArrayLike<unknown>): number | undefined {
  let places = 0;
  let largest = 0;
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== 'number') return undefined;
    while (Math.round(x * (POW10[places] as number)) / (POW10[places] as number) !== x) {
      if (++places === POW10.length) return undefined;
    }
    const a = Math.abs(x);
    if (a > largest) largest = a;
  }
  const scale = POW10[places] as number;
  if (!(largest * scale < MAX_SCALED && 2 * largest * Number.EPSILON < 1 / scale)) return undefined;
  return places;
}

/** A double-double as a pair. */
interface Dd {
  hi: number;
  lo: number;
}

function twoSum(a: number, b: number): Dd {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}

function add(a: Dd, b: Dd): Dd {
  const s = twoSum(a.hi, b.hi);
  const lo = s.lo + a.lo + b.lo;
  const hi = s.hi + lo;
  return { hi, lo: lo - (hi - s.hi) };
}

const neg = (a: Dd): Dd => ({ hi: -a.hi, lo: -a.lo });

function mul(a: Dd, b: Dd): Dd {
  const p = a.hi * b.hi;
  const e = productError(a.hi, b.hi, p) + (a.hi * b.lo + a.lo * b.hi);
  const hi = p + e;
  return { hi, lo: e - (hi - p) };
}

const dd = (x: number): Dd => ({ hi: x, lo: 0 });
const value = (a: Dd) => a.hi + a.lo;
const mag = (a: Dd) => Math.abs(a.hi);

/**
 * Simple linear regression on short decimals (money, meter readings, counts,
 * values on a large offset with a few decimals), with the sums exact: each
 * value is the integer X = x 10^P (its decimal, exactly), centred by an
 * integer near the mean; in blocks of 128 the sums of d, e, d^2, d e, e^2 are
 * sums of integers below 2^52, hence exact, and the blocks are added in
 * double-double. The inputs then carry no representation error and the sums
 * none either, so only the few double-double steps after them and the final
 * roundings remain: every field's bound is a few u where the float64 lane's
 * had sqrt(n) u over the correlation or an intercept's cancellation.
 * Returns null when the values are not such decimals, when a block's
 * squares would leave the exact integers (spread above about 2^22 in units
 * of the last decimal place), or when a bound exceeds 1e-11. Requires n >= 3.
 *
 * x and y need not have been checked beyond being arrays (or Float64Arrays)
 * of the same length: a value that is not a finite number fails every
 * value's test (typeof, m / 10^P === v and the magnitude limit), so an
 * answer other than null proves both were arrays of finite numbers, and
 * linregress checks them only when this lane declines.
 */
export function linregressDecimal(
  x: ArrayLike<unknown>,
  y: ArrayLike<unknown>,
): LinregressCore | null {
  const n = x.length;
  // Places from the first values, checked on every value in the summing
  // pass; only if one has more places is the whole of x and y scanned.
  const head = Math.min(64, n);
  let px = decimalPlaces(headOf(x, head));
  let py = decimalPlaces(headOf(y, head));
  if (px === undefined || py === undefined) return null;
  primeKernel(primeExactSums, n, x as ArrayLike<number>);
  let sums = exactSums(x, y, px, py);
  if (sums === 'places') {
    px = decimalPlaces(x);
    py = decimalPlaces(y);
    if (px === undefined || py === undefined) return null;
    sums = exactSums(x, y, px, py);
  }
  if (sums === 'places' || sums === 'range') return null;
  return fromExactSums(n, px, py, sums);
}

/** The prime values on an offset of 2^31: their scaled integers are not small integers (Smis). */
export const PRIME_OFFSET_F64 = PRIME_F64.map((v) => v + 2 ** 31);
const PRIME_OFFSET_ARRAY = Array.from(PRIME_OFFSET_F64);

/**
 * exactSums on the prime values, for primeKernel: unprimed, it deoptimised
 * at its end on every call. On an offset, so that every sum's type feedback
 * is a double from the start: primed on small integers, a process whose
 * data were small integers too kept integer arithmetic with overflow checks
 * in the pass (linregress on 1e5 small integers, Float64Array, fresh
 * processes: 0.50-0.62 ms a call against 0.38-0.54 ms once other data had
 * run; docs/precision-lanes.md).
 */
const primeExactSums = (x: ArrayLike<number>) =>
  x instanceof Float64Array
    ? exactSums(PRIME_OFFSET_F64, PRIME_OFFSET_F64, 2, 2)
    : exactSums(PRIME_OFFSET_ARRAY, PRIME_OFFSET_ARRAY, 2, 2);

/** The first m values, as a Float64Array. */
const headOf = (v: ArrayLike<unknown>, m: number): ArrayLike<number> => {
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const value: unknown = v[i];
    // (NaN, which decimalPlaces rejects, for anything not a number: never converted)
    out[i] = typeof value === 'number' ? value : Number.NaN;
  }
  return out;
};

interface ExactSums {
  kx: number;
  ky: number;
  sd: Dd;
  se: Dd;
  sdd: Dd;
  sde: Dd;
  see: Dd;
}

/**
 * The centred integer sums of x 10^px and y 10^py, exact in blocks and
 * added in double-double. 'places' when some value is not a decimal of at
 * most px (py) places as decimalPlaces defines it (the same three tests,
 * per value) or not a number at all (the typeof test costs nothing on
 * arrays of doubles and Float64Arrays, whose elements V8 knows are
 * numbers), 'range' when a block's squares would leave the exact integers.
 */
function exactSums(
  x: ArrayLike<unknown>,
  y: ArrayLike<unknown>,
  px: number,
  py: number,
): ExactSums | 'places' | 'range' {
  const n = x.length;
  const sx = POW10[px] as number;
  const sy = POW10[py] as number;
  // |v| below both: v 10^P < 2^50 and 2 |v| eps < 10^-P (the written decimal is the only one).
  const limitX = Math.min(MAX_SCALED / sx, 1 / (2 * Number.EPSILON * sx));
  const limitY = Math.min(MAX_SCALED / sy, 1 / (2 * Number.EPSILON * sy));
  const head = Math.min(32, n);
  let hx = 0;
  let hy = 0;
  for (let i = 0; i < head; i++) {
    const xi: unknown = x[i];
    const yi: unknown = y[i];
    if (typeof xi !== 'number' || typeof yi !== 'number') return 'places';
    hx += Math.round(xi * sx);
    hy += Math.round(yi * sy);
  }
  const kx = Math.round(hx / head);
  const ky = Math.round(hy / head);
  if (!Number.isFinite(kx) || !Number.isFinite(ky)) return 'places';

  let sd: Dd = dd(0);
  let se: Dd = dd(0);
  let sdd: Dd = dd(0);
  let sde: Dd = dd(0);
  let see: Dd = dd(0);
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let bd = 0;
    let be = 0;
    let bdd = 0;
    let bde = 0;
    let bee = 0;
    for (let i = start; i < end; i++) {
      const xi: unknown = x[i];
      const yi: unknown = y[i];
      if (typeof xi !== 'number' || typeof yi !== 'number') return 'places';
      // floor(v + 0.5), cheaper than Math.round, differs from it only when
      // v + 0.5 is inexact (|v| < 1/2 with many bits): then the check fails.
      const mx = Math.floor(xi * sx + 0.5);
      const my = Math.floor(yi * sy + 0.5);
      if (!(mx / sx === xi && my / sy === yi && Math.abs(xi) < limitX && Math.abs(yi) < limitY)) {
        return 'places';
      }
      const d = mx - kx;
      const e = my - ky;
      bd += d;
      be += e;
      bdd += d * d;
      bde += d * e;
      bee += e * e;
    }
    // Integers with |d| <= d^2: every partial sum is at most the block's
    // sum of squares, so below 2^52 all of them (and each d e) are exact.
    if (!(bdd < EXACT && bee < EXACT)) return 'range';
    sd = add(sd, dd(bd));
    se = add(se, dd(be));
    sdd = add(sdd, dd(bdd));
    sde = add(sde, dd(bde));
    see = add(see, dd(bee));
  }
  return { kx, ky, sd, se, sdd, sde, see };
}

/** The fields and their bounds from the exact sums; null when a bound exceeds 1e-11. */
function fromExactSums(n: number, px: number, py: number, sums: ExactSums): LinregressCore | null {
  const { kx, ky, sd, se, sdd, sde, see } = sums;
  const df = n - 2;
  const sy = POW10[py] as number;
  // The double-double sums of exact block sums: each addition is within
  // 4 u^2 of its running magnitude, so a sum is within e2 of sum |terms|.
  const blocks = Math.ceil(n / BLOCK);
  const e2 = 4 * (blocks + 8) * U * U;

  const N = dd(n);
  const cxx = add(mul(N, sdd), neg(mul(sd, sd)));
  const cyy = add(mul(N, see), neg(mul(se, se)));
  const cxy = add(mul(N, sde), neg(mul(sd, se)));
  const residual = add(mul(cxx, cyy), neg(mul(cxy, cxy)));
  const Cxx = value(cxx);
  const Cyy = value(cyy);
  const Cxy = value(cxy);
  const R = value(residual);
  if (!(Cxx > 0 && Cyy > 0 && R > 0) || !Number.isFinite(Cxx * Cyy)) return null;

  // Scaled units: slope_s = Cxy / Cxx is in units of 10^-py / 10^-px.
  const toSlope = (v: number) => (px >= py ? v * POW10[px - py]! : v / POW10[py - px]!);
  // The slope and the intercept are each one quotient in double-double with
  // the power of ten folded in, rounded once: an exact decimal answer comes
  // out as its nearest double (199/100 as 1.99, where dividing and then
  // scaling gave 1.9899999999999998).
  const scale = dd(POW10[Math.abs(px - py)] as number);
  const slope = value(px >= py ? ddDiv(mul(cxy, scale), cxx) : ddDiv(cxy, mul(cxx, scale)));
  let r = Cxy / Math.sqrt(Cxx) / Math.sqrt(Cyy);
  if (r > 1) r = 1;
  else if (r < -1) r = -1;
  const rootR = Math.sqrt(R / df);
  const stderr = toSlope(rootR / Cxx);
  const tAbs = Math.sqrt(df) * (Math.abs(Cxy) / Math.sqrt(R));
  const t = Cxy < 0 ? -tAbs : tAbs;
  // Intercept: [(ky n + S_e) C_xx - C_xy (kx n + S_d)] / (n C_xx), then / 10^py.
  const sumX = add(mul(dd(kx), N), sd);
  const sumY = add(mul(dd(ky), N), se);
  const left = mul(sumY, cxx);
  const right = mul(cxy, sumX);
  const numerator = add(left, neg(right));
  const intercept = value(ddDiv(numerator, mul(mul(N, cxx), dd(sy))));
  // sum X^2 = kx^2 n + 2 kx S_d + S_dd (scaled units).
  const kx2n = mul(mul(dd(kx), dd(kx)), N);
  const cross = mul(dd(2 * kx), sd);
  const sumX2 = add(add(kx2n, cross), sdd);
  const meanSquareX = value(sumX2) / n;
  const interceptStderr = ((rootR / Cxx) * Math.sqrt(meanSquareX)) / sy;

  // Bounds, relative. The sums' only error is e2 (plus u^2 per
  // double-double step, folded into e2x); C_xx's relative error is then
  // 3 e2x A_x with A_x = (n S_dd + S_d^2) / C_xx, likewise y, and for C_xy
  // by Cauchy-Schwarz 3 e2x sqrt(A_x A_y) / |r|. No representation term:
  // the integers are the decimals exactly.
  const e2x = e2 + 16 * U * U;
  const ax = (n * mag(sdd) + mag(sd) * mag(sd)) / Cxx;
  const ay = (n * mag(see) + mag(se) * mag(se)) / Cyy;
  const oneMinusR2 = R / (Cxx * Cyy);
  const dXX = 3 * e2x * ax;
  const dYY = 3 * e2x * ay;
  const dXY = (3 * e2x * Math.sqrt(ax * ay)) / Math.abs(r);
  const dR = (dXX + dYY + 2 * dXY * r * r + 8 * U * U) / oneMinusR2;
  const eXX = dXX + 3 * U;
  const eXY = dXY + 3 * U;
  const eSlope = eXX + eXY + 3 * U;
  const eR = eXY + (dXX + dYY) / 2 + 6 * U;
  const eStderr = (dR + dXX) / 2 + eXX + 8 * U;
  const eSumX2 = (e2x * (mag(kx2n) + mag(cross) + mag(sdd))) / mag(sumX2);
  const eInterceptStderr = eStderr + eSumX2 + 6 * U;
  // The numerator's terms carry C_xx's and C_xy's relative errors (and
  // sumX, sumY their e2x); their difference is then relative to itself.
  const eNumerator =
    ((dXX + 2 * e2x) * mag(left) + (dXY + 2 * e2x) * mag(right) + 4 * U * U * mag(numerator)) /
    Math.abs(value(numerator));
  const eIntercept = eNumerator + dXX + 4 * U;
  const eT = dXY + (dR + dXX) / 2 + 6 * U;
  // d log p / d log t is at most min(df, t^2 + 1); an underflowed p stays 0.
  const p = studentTSf(tAbs, df);
  const ePvalue =
    p === 0 && studentTSf(tAbs * (1 - 8 * eT), df) === 0 ? 0 : eT * (2 + Math.min(df, t * t + 1));
  const worst = Math.max(eSlope, eR, eStderr, eInterceptStderr, eIntercept, ePvalue);
  if (!(worst <= TOLERANCE)) return null;
  return { slope, intercept, rvalue: r, stderr, interceptStderr, t };
}
