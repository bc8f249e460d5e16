import { StatsInputError } from '../errors';
import { checkEqualLength, checkNumericArray, type NumericArray } from '../internal/validate';
import { columnDot, columnSum, integerColumn } from './columns';
import * as exact from './exact';
import { pairSums, planOf } from './fused';
import type { BivariateSums } from './state';

const FIELDS = ['sx', 'sy', 'sxx', 'sxy', 'syy'] as const;

/** Exact sums of one chunk of (x, y) pairs. */
export function bivariateSums(
  fn: string,
  x: unknown,
  y: unknown,
  names: [string, string] = ['x', 'y'],
): BivariateSums {
  const xs = checkNumericArray(fn, names[0], x) as NumericArray;
  const ys = checkNumericArray(fn, names[1], y) as NumericArray;
  checkEqualLength(fn, xs, ys, names);
  const px = planOf(xs);
  const py = px && planOf(ys);
  if (px && py) {
    // declared places: one pass, no integer or limb arrays (fused.ts)
    const s = pairSums(px, py);
    return {
      n: xs.length,
      sx: exact.formatExact(s.sx, -px.scale),
      sy: exact.formatExact(s.sy, -py.scale),
      sxx: exact.formatExact(s.sxx, -2 * px.scale),
      sxy: exact.formatExact(s.sxy, -px.scale - py.scale),
      syy: exact.formatExact(s.syy, -2 * py.scale),
    };
  }
  const X = integerColumn(fn, names[0], xs);
  const Y = integerColumn(fn, names[1], ys);
  const cache = new Map();
  return {
    n: xs.length,
    sx: exact.formatExact(columnSum(X), X.exponent),
    sy: exact.formatExact(columnSum(Y), Y.exponent),
    sxx: exact.formatExact(columnDot(X, X, cache), 2 * X.exponent),
    sxy: exact.formatExact(columnDot(X, Y, cache), X.exponent + Y.exponent),
    syy: exact.formatExact(columnDot(Y, Y, cache), 2 * Y.exponent),
  };
}

export function emptyBivariate(): BivariateSums {
  return { n: 0, sx: '0', sy: '0', sxx: '0', sxy: '0', syy: '0' };
}

export function mergeBivariate(a: BivariateSums, b: BivariateSums): BivariateSums {
  return {
    n: a.n + b.n,
    sx: exact.addExact(a.sx, b.sx),
    sy: exact.addExact(a.sy, b.sy),
    sxx: exact.addExact(a.sxx, b.sxx),
    sxy: exact.addExact(a.sxy, b.sxy),
    syy: exact.addExact(a.syy, b.syy),
  };
}

/** Validates the sums of a state (header checked by the caller's stat name). */
export function parseBivariate(
  fn: string,
  stat: string,
  value: unknown,
  name = 'state',
): BivariateSums & Record<string, unknown> {
  const o = exact.requireHeader(fn, stat, value, name);
  exact.requireCount(fn, `${name}.n`, o.n);
  for (const f of FIELDS) exact.requireExact(fn, `${name}.${f}`, o[f]);
  if (o.n === 0 && FIELDS.some((f) => o[f] !== '0')) {
    throw new StatsInputError(fn, `requires the sums of an empty ${name} to be "0"`);
  }
  return o as unknown as BivariateSums & Record<string, unknown>;
}

/**
 * The sums as integers on common scales: x values are X 10^ex, y values
 * Y 10^ey, so sx = SX 10^ex, sxx = SXX 10^(2 ex), sxy = SXY 10^(ex + ey),
 * syy = SYY 10^(2 ey), all exact.
 */
export interface AlignedSums {
  n: bigint;
  sx: bigint;
  sy: bigint;
  sxx: bigint;
  sxy: bigint;
  syy: bigint;
  ex: number;
  ey: number;
}

export function alignBivariate(s: BivariateSums): AlignedSums {
  const sx = exact.parseExact(s.sx);
  const sy = exact.parseExact(s.sy);
  const sxx = exact.parseExact(s.sxx);
  const sxy = exact.parseExact(s.sxy);
  const syy = exact.parseExact(s.syy);
  const exp = (v: { m: bigint; e: number }) => (v.m === 0n ? Number.POSITIVE_INFINITY : v.e);
  let ex = Math.min(exp(sx), Math.floor(exp(sxx) / 2));
  let ey = Math.min(exp(sy), Math.floor(exp(syy) / 2));
  if (!Number.isFinite(ex)) ex = 0;
  if (!Number.isFinite(ey)) ey = 0;
  if (exp(sxy) < ex + ey) ex = exp(sxy) - ey;
  return {
    n: BigInt(s.n),
    sx: exact.rescale(sx, ex),
    sy: exact.rescale(sy, ey),
    sxx: exact.rescale(sxx, 2 * ex),
    sxy: exact.rescale(sxy, ex + ey),
    syy: exact.rescale(syy, 2 * ey),
    ex,
    ey,
  };
}
