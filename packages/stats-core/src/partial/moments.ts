import { StatsInputError } from '../errors';
import { checkSample } from '../internal/validate';
import { ratioToNumber } from '../regression/internal/bigRatio';
import { bigIntsAt, columnDot, columnSum, type IntegerColumn, integerColumn } from './columns';
import {
  addExact,
  formatExact,
  parseExact,
  requireCount,
  requireExact,
  requireObject,
  rescale,
} from './exact';
import { momentSums, pairSums, planOf } from './fused';
import type { MomentSums } from './state';

/** The sums of no values. */
export const EMPTY_MOMENTS: MomentSums = { n: 0, s1: '0', s2: '0' };

/** True when any value is NaN (scipy's nan_policy 'propagate' then makes the result NaN). */
export function anyNaN(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i])) return true;
  return false;
}

/** n and the exact sums of the values and their squares, from an integer column. */
export function momentsOfColumn(c: IntegerColumn, n: number): MomentSums {
  return {
    n,
    s1: formatExact(columnSum(c), c.exponent),
    s2: formatExact(columnDot(c, c), 2 * c.exponent),
  };
}

/** Checks a sample and returns its moment sums, or null when it holds a NaN. */
export function sampleMoments(fn: string, name: string, x: unknown): MomentSums | null {
  const values = checkSample(fn, name, x);
  if (anyNaN(values)) return null;
  const plan = planOf(values);
  if (plan) {
    // declared places: one pass, no integer or limb arrays (fused.ts)
    const { s1, s2 } = momentSums(plan);
    return {
      n: values.length,
      s1: formatExact(s1, -plan.scale),
      s2: formatExact(s2, -2 * plan.scale),
    };
  }
  return momentsOfColumn(integerColumn(fn, name, values), values.length);
}

export function mergeMoments(a: MomentSums, b: MomentSums): MomentSums {
  return { n: a.n + b.n, s1: addExact(a.s1, b.s1), s2: addExact(a.s2, b.s2) };
}

export function parseMoments(fn: string, path: string, value: unknown): MomentSums {
  const o = requireObject(fn, path, value);
  const n = requireCount(fn, `${path}.n`, o.n);
  const s1 = requireExact(fn, `${path}.s1`, o.s1);
  const s2 = requireExact(fn, `${path}.s2`, o.s2);
  if (n === 0 && (s1 !== '0' || s2 !== '0')) {
    throw new StatsInputError(fn, `requires the sums of an empty ${path} to be "0"`);
  }
  return { n, s1, s2 };
}

/** Exact sums as integers on one scale: the values are V 10^e, s1 = S1 10^e, s2 = S2 10^(2e). */
export interface AlignedMoments {
  n: bigint;
  s1: bigint;
  s2: bigint;
  e: number;
}

export function alignMoments(
  m: MomentSums,
  minExponent = Number.POSITIVE_INFINITY,
): AlignedMoments {
  const s1 = parseExact(m.s1);
  const s2 = parseExact(m.s2);
  let e = Math.min(
    minExponent,
    s1.m === 0n ? Number.POSITIVE_INFINITY : s1.e,
    s2.m === 0n ? Number.POSITIVE_INFINITY : Math.floor(s2.e / 2),
  );
  if (!Number.isFinite(e)) e = 0;
  return { n: BigInt(m.n), s1: rescale(s1, e), s2: rescale(s2, 2 * e), e };
}

/** The exponent that {@link alignMoments} would pick, for putting several samples on one scale. */
export function momentsExponent(m: MomentSums): number {
  const s1 = parseExact(m.s1);
  const s2 = parseExact(m.s2);
  return Math.min(
    s1.m === 0n ? Number.POSITIVE_INFINITY : s1.e,
    s2.m === 0n ? Number.POSITIVE_INFINITY : Math.floor(s2.e / 2),
  );
}

/** n sum (x - mean)^2 = n S2 - S1^2, exact (scale 10^(2e)). */
export function centredTimesN(a: AlignedMoments): bigint {
  return a.n * a.s2 - a.s1 * a.s1;
}

/** mean = S1 / n 10^e, rounded once. */
export function meanOf(a: AlignedMoments): number {
  return ratioToNumber(a.s1, a.n, a.e);
}

/**
 * n and the exact sums of the paired differences a - b and of their squares
 * (the decimals written, subtracted exactly); NaN anywhere gives null.
 * Float columns that leave room subtract value by value in float64; other
 * columns with limbs (full-precision doubles) need no per-value BigInt:
 * sum d = sum a - sum b and sum d^2 = sum a^2 - 2 sum a b + sum b^2, each
 * an exact limb sum, combined on the finer scale.
 */
export function differenceMoments(fn: string, a: Float64Array, b: Float64Array): MomentSums | null {
  if (anyNaN(a) || anyNaN(b)) return null;
  const n = a.length;
  const pa = planOf(a);
  const pb = pa && planOf(b);
  if (pa && pb) {
    // declared places: the five sums of the pair in one pass (fused.ts), combined on the finer scale
    const { sx, sy, sxx, sxy, syy } = pairSums(pa, pb);
    const scale = Math.max(pa.scale, pb.scale);
    const ka = 10n ** BigInt(scale - pa.scale);
    const kb = 10n ** BigInt(scale - pb.scale);
    return {
      n,
      s1: formatExact(sx * ka - sy * kb, -scale),
      s2: formatExact(sxx * ka * ka - 2n * sxy * ka * kb + syy * kb * kb, -2 * scale),
    };
  }
  const A = integerColumn(fn, 'a', a);
  const B = integerColumn(fn, 'b', b);
  const e = Math.min(A.exponent, B.exponent);
  if (A.kind === 'float' && B.kind === 'float' && A.exponent - e <= 15 && B.exponent - e <= 15) {
    const fa = 10 ** (A.exponent - e);
    const fb = 10 ** (B.exponent - e);
    const limit = 2 ** 53;
    if (A.max * fa < limit && B.max * fb < limit) {
      const d = new Float64Array(n);
      let max = 0;
      let ok = true;
      for (let i = 0; i < n; i++) {
        const v = (A.ints[i] as number) * fa - (B.ints[i] as number) * fb;
        const m = Math.abs(v);
        if (!(m < limit)) {
          ok = false;
          break;
        }
        if (m > max) max = m;
        d[i] = v;
      }
      if (ok) return momentsOfColumn({ kind: 'float', ints: d, exponent: e, max }, n);
    }
  }
  if (A.kind !== 'big' && B.kind !== 'big') {
    const ka = 10n ** BigInt(A.exponent - e);
    const kb = 10n ** BigInt(B.exponent - e);
    const cache = new Map();
    const s1 = columnSum(A) * ka - columnSum(B) * kb;
    const s2 =
      columnDot(A, A, cache) * ka * ka -
      2n * columnDot(A, B, cache) * ka * kb +
      columnDot(B, B, cache) * kb * kb;
    return { n, s1: formatExact(s1, e), s2: formatExact(s2, 2 * e) };
  }
  const x = bigIntsAt(A, e);
  const y = bigIntsAt(B, e);
  const d = x.map((v, i) => v - (y[i] as bigint));
  return momentsOfColumn({ kind: 'big', ints: d, exponent: e }, n);
}
