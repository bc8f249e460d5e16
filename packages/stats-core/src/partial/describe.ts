import type { DescribeOptions, DescribeResult } from '../descriptive/describe';
import { StatsInputError } from '../errors';
import { describeShape } from '../internal/describeShape';
import { extent } from '../internal/extent';
import type { Sample } from '../internal/validate';
import { checkBoolean, checkDdof, checkOptions, checkSample } from '../internal/validate';
import { ratioToNumber } from '../regression/internal/bigRatio';
import { DoubleDouble } from '../regression/internal/doubleDouble';
import { columnDot, columnSum, integerColumn } from './columns';
import { type DD, ddAdd, ddDiv, ddFromRatio, ddMul, ddScale, ddValue } from './dd';
import { describeValue, formatExact, requireBoolean, requireHeader } from './exact';
import { momentSums, planOf } from './fused';
import { alignMoments, anyNaN, centredTimesN, mergeMoments, parseMoments } from './moments';
import { nearestInteger } from './round';
import type { DescribeState, MomentSums } from './state';
import { POW10, WIDE, wideAt } from './wide';

const FN = 'describe';

/**
 * Partial state of {@link describe} for one chunk: n, min, max, the exact
 * sums of the values and their squares (so the mean and the second central
 * moment are exact), and the third and fourth central sums about the
 * chunk's own exact mean, in double-double (deviations taken from the exact
 * decimal integers, so data on a large offset keep their digits).
 *
 * @param a - the chunk's values (may be empty; a NaN marks the state, whose result is then NaN)
 * @throws StatsInputError for non-numeric or infinite values
 * @example describeFinalize(describeMerge(describePartial([1, 2, 3]), describePartial([4, 10]))).variance // 12.5
 */
export function describePartial(a: Sample): DescribeState {
  const x = checkSample(FN, 'a', a);
  const n = x.length;
  if (n === 0) return describeEmpty();
  if (anyNaN(x)) return { ...describeEmpty(), n, nan: true };
  const [min, max] = extent(x);
  const m3 = new DoubleDouble();
  const m4 = new DoubleDouble();
  let unit: number;
  let S1: bigint;
  let S2: bigint;
  let exponent: number;
  const plan = planOf(x);
  if (plan) {
    // declared places: the sums in one pass, the integers formed again for the deviations (fused.ts)
    ({ s1: S1, s2: S2 } = momentSums(plan));
    exponent = -plan.scale;
    const [mHi, mLo] = ddFromRatio(S1, BigInt(n));
    if (plan.wide) {
      // Each value's integer on its own places p (wideAt), less the mean on
      // those places, then scaled to the plan's: no second Dekker product
      // per value (scaleWide) to bring the integer to the finest places.
      const places = plan.places;
      const { hi: meanHi, lo: meanLo, scale } = meanByPlaces(mHi, mLo, plan.scale);
      for (let i = 0; i < n; i++) {
        const p = places[i] as number;
        wideAt(x[i] as number, p);
        const d =
          (WIDE.hi - (meanHi[p] as number) + (WIDE.lo - (meanLo[p] as number))) *
          (scale[p] as number);
        const d2 = d * d;
        m3.addProduct(d2, d);
        m4.addProduct(d2, d2);
      }
    } else {
      const P = POW10[plan.scale] as number;
      for (let i = 0; i < n; i++) {
        const d = nearestInteger((x[i] as number) * P) - mHi + (0 - mLo);
        const d2 = d * d;
        m3.addProduct(d2, d);
        m4.addProduct(d2, d2);
      }
    }
    unit = 10 ** exponent;
  } else {
    const c = integerColumn(FN, 'a', x);
    exponent = c.exponent;
    S1 = columnSum(c);
    S2 = columnDot(c, c);
    if (c.kind !== 'big') {
      // Deviations in integer units: d = M - S1 / n, the mean as a double-double
      // (M = hi + lo exactly on the wide route).
      const [mHi, mLo] = ddFromRatio(S1, BigInt(n));
      const hi = c.kind === 'float' ? c.ints : c.hi;
      const lo = c.kind === 'wide' ? c.lo : null;
      for (let i = 0; i < n; i++) {
        const d = (hi[i] as number) - mHi + ((lo === null ? 0 : (lo[i] as number)) - mLo);
        const d2 = d * d;
        m3.addProduct(d2, d);
        m4.addProduct(d2, d2);
      }
      unit = 10 ** c.exponent;
    } else {
      // Each deviation exactly, (n M - S1) / n, rounded once.
      const N = BigInt(n);
      for (let i = 0; i < n; i++) {
        const d = ratioToNumber(N * (c.ints[i] as bigint) - S1, N, c.exponent);
        const d2 = d * d;
        m3.addProduct(d2, d);
        m4.addProduct(d2, d2);
      }
      unit = 1;
    }
  }
  const u3 = unit * unit * unit;
  return {
    stat: 'describe',
    v: 1,
    nan: false,
    n,
    s1: formatExact(S1, exponent),
    s2: formatExact(S2, 2 * exponent),
    min,
    max,
    m3: finite(ddScale([m3.hi, m3.lo], u3)),
    m4: finite(ddScale([m4.hi, m4.lo], u3 * unit)),
  };
}

/**
 * The mean mHi + mLo (in units of 10^-S) in units of 10^-p for every places
 * p <= S, as double-doubles (one division by the exact 10^(S-p) each), and
 * 10^(S-p): a value's deviation on its own places times scale[p] is its
 * deviation on the finest places, with one rounding more than forming its
 * integer there.
 */
function meanByPlaces(mHi: number, mLo: number, S: number) {
  const hi = new Float64Array(S + 1);
  const lo = new Float64Array(S + 1);
  const scale = new Float64Array(S + 1);
  for (let p = 0; p <= S; p++) {
    const k = POW10[S - p] as number;
    [hi[p], lo[p]] = ddDiv([mHi, mLo], [k, 0]);
    scale[p] = k;
  }
  return { hi, lo, scale };
}

/** JSON has no NaN or Infinity: a moment sum that overflowed is carried as null. */
function finite(x: DD): DD | null {
  if (!Number.isFinite(x[0]) || !Number.isFinite(x[1])) return null;
  return [x[0], x[1] === 0 ? 0 : x[1]];
}

/** The state of no values. */
export function describeEmpty(): DescribeState {
  return {
    stat: 'describe',
    v: 1,
    nan: false,
    n: 0,
    s1: '0',
    s2: '0',
    min: null,
    max: null,
    m3: [0, 0],
    m4: [0, 0],
  };
}

/**
 * Merges two states: counts and exact sums added; M3 and M4 by Pebay's
 * pairwise update (SAND2008-6212, eqs. 3.1-3.3) in double-double, with
 * delta = mean_b - mean_a and M2 of each side exact from its sums.
 */
export function describeMerge(a: DescribeState, b: DescribeState): DescribeState {
  const x = parseDescribeState(a, 'a');
  const y = parseDescribeState(b, 'b');
  if (x.n === 0) return y;
  if (y.n === 0) return x;
  const nan = x.nan || y.nan;
  const sums = mergeMoments(x, y);
  if (nan) return { ...describeEmpty(), n: sums.n, nan: true };
  const e = Math.min(alignMoments(x).e, alignMoments(y).e);
  const ax = alignMoments(x, e);
  const ay = alignMoments(y, e);
  const na = x.n;
  const nb = y.n;
  const n = na + nb;
  const delta = ddFromRatio(ay.s1 * ax.n - ax.s1 * ay.n, ax.n * ay.n, e);
  const m2a = ddFromRatio(centredTimesN(ax), ax.n, 2 * e);
  const m2b = ddFromRatio(centredTimesN(ay), ay.n, 2 * e);
  const d2 = ddMul(delta, delta);
  const d3 = ddMul(d2, delta);
  const d4 = ddMul(d2, d2);
  const fa = na / n;
  const fb = nb / n;
  if (x.m3 === null || y.m3 === null || x.m4 === null || y.m4 === null) {
    return { ...base(x, y, sums), m3: null, m4: null };
  }
  // M3 = M3a + M3b + d^3 na nb (na - nb) / n^2 + 3 d (na M2b - nb M2a) / n
  let m3 = ddAdd(x.m3, y.m3);
  m3 = ddAdd(m3, ddScale(d3, na * fb * (fa - fb)));
  m3 = ddAdd(m3, ddMul(ddScale(delta, 3), ddAdd(ddScale(m2b, fa), ddScale(m2a, -fb))));
  // M4 = M4a + M4b + d^4 na nb (na^2 - na nb + nb^2) / n^3
  //      + 6 d^2 (na^2 M2b + nb^2 M2a) / n^2 + 4 d (na M3b - nb M3a) / n
  let m4 = ddAdd(x.m4, y.m4);
  m4 = ddAdd(m4, ddScale(d4, na * fb * (fa * fa - fa * fb + fb * fb)));
  m4 = ddAdd(m4, ddMul(ddScale(d2, 6), ddAdd(ddScale(m2b, fa * fa), ddScale(m2a, fb * fb))));
  m4 = ddAdd(m4, ddMul(ddScale(delta, 4), ddAdd(ddScale(y.m3, fa), ddScale(x.m3, -fb))));
  return { ...base(x, y, sums), m3: finite(m3), m4: finite(m4) };
}

function base(x: DescribeState, y: DescribeState, sums: MomentSums) {
  return {
    stat: 'describe' as const,
    v: 1 as const,
    nan: false,
    ...sums,
    min: Math.min(x.min as number, y.min as number),
    max: Math.max(x.max as number, y.max as number),
  };
}

/** Checks a {@link DescribeState} read back from JSON. @throws StatsInputError naming the bad field */
export function parseDescribeState(value: unknown, name = 'state'): DescribeState {
  const fn = 'describeMerge';
  const o = requireHeader(fn, 'describe', value, name);
  const nan = requireBoolean(fn, `${name}.nan`, o.nan);
  const sums = parseMoments(fn, name, o);
  const pair = (field: 'm3' | 'm4'): DD | null => {
    const p = o[field];
    if (p === null) return null;
    if (
      !Array.isArray(p) ||
      p.length !== 2 ||
      !p.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      throw new StatsInputError(
        fn,
        `requires ${name}.${field} to be a pair of finite numbers [hi, lo] or null (got ${describeValue(p)})`,
      );
    }
    return [p[0] as number, p[1] as number];
  };
  const bound = (field: 'min' | 'max'): number | null => {
    const v = o[field];
    if (v === null && (sums.n === 0 || nan)) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new StatsInputError(
        fn,
        `requires ${name}.${field} to be a finite number (null only when the state is empty) (got ${describeValue(v)})`,
      );
    }
    return v;
  };
  return {
    stat: 'describe',
    v: 1,
    nan,
    ...sums,
    min: bound('min'),
    max: bound('max'),
    m3: pair('m3'),
    m4: pair('m4'),
  };
}

/**
 * The {@link describe} result from a merged state: mean and variance exact
 * from the integer sums, rounded once; skewness and kurtosis from the
 * merged M3 and M4. Same options, edge cases, errors and result type.
 *
 * @throws StatsInputError for an empty state, a bad ddof or bias, or a malformed state
 */
export function describeFinalize(state: DescribeState, options?: DescribeOptions): DescribeResult {
  const s = parseDescribeState(state);
  const opts = checkOptions(FN, options);
  const n = s.n;
  if (n === 0) throw new StatsInputError(FN, 'requires a non-empty sample (got 0 values)');
  const ddof = checkDdof(FN, opts.ddof, 1);
  if (ddof > n) {
    throw new StatsInputError(
      FN,
      `requires ddof <= the number of values (got ddof ${ddof} for ${n} values; scipy would return a negative variance)`,
    );
  }
  const bias = checkBoolean(FN, 'bias', opts.bias, true);
  if (s.nan) {
    const nan = Number.NaN;
    return { nobs: n, minmax: [nan, nan], mean: nan, variance: nan, skewness: nan, kurtosis: nan };
  }
  const a = alignMoments(s);
  const C = centredTimesN(a); // n ss
  const N = BigInt(n);
  const mean = ratioToNumber(a.s1, N, a.e);
  const ss = ratioToNumber(C, N, 2 * a.e);
  const m2 = ratioToNumber(C, N * N, 2 * a.e);
  const m3 = s.m3 === null ? Number.NaN : ddValue(s.m3) / n;
  const m4 = s.m4 === null ? Number.NaN : ddValue(s.m4) / n;
  const variance =
    n > ddof ? ratioToNumber(C, N * BigInt(n - ddof), 2 * a.e) : (ss / n) * (n / (n - ddof));
  const { skewness, kurtosis } = describeShape(n, mean, m2, m3, m4, bias);
  return {
    nobs: n,
    minmax: [s.min as number, s.max as number],
    mean,
    variance,
    skewness,
    kurtosis,
  };
}
